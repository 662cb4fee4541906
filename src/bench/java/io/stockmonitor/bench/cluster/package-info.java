/**
 * Feed servers sharing a history in Redis ({@code --redis}): fan-out beside the in-memory server, the producer's
 * failover, and a reconnect storm from a killed node, with a load generator in its own JVM.
 */
package io.stockmonitor.bench.cluster;
