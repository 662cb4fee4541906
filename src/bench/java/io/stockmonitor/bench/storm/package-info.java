/**
 * The reconnect storm after a simulator restart (issue 11): 1,000 clients x 20 symbols resubscribing to a new epoch,
 * protocol v1, v2 and v2 with permessage-deflate side by side; time until every client has a tick on every symbol,
 * and the bytes the clients received. See docs/BENCHMARKS.md.
 */
package io.stockmonitor.bench.storm;
