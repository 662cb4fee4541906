/**
 * Hostile-client load benchmark of the feed simulator: {@link io.stockmonitor.bench.hostile.HostileClientBench}
 * starts {@link io.stockmonitor.bench.hostile.HostileSimulatorMain} as a separate JVM, measures one well-behaved
 * client quiet and under attack, and reports the server's heap.
 */
package io.stockmonitor.bench.hostile;
