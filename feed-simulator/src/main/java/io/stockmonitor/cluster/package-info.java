/**
 * A feed's history shared in Redis by every server of the feed: per symbol a stream whose entry ids are the seqs
 * (so Redis itself refuses one that does not rise), trimmed to the history kept; the epoch in a hash; one producer
 * at a time by a lease with a fencing token, checked by the same Lua script that appends, so two producers can never
 * both append. Built on Jedis; knows nothing of the server that uses it (the {@code simulator} package drives it) and
 * nothing of JavaFX or the UI.
 */
package io.stockmonitor.cluster;
