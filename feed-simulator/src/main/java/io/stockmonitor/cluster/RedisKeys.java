package io.stockmonitor.cluster;

/**
 * The Redis keys of one feed, named here alone. All carry the hash tag {@code {feed}}, so they fall in one slot and
 * a Lua script may touch them together.
 *
 * <ul>
 *   <li>{@code stockmonitor:{feed}:epoch}: hash {@code id, index, startMs, fingerprint} of the current epoch;</li>
 *   <li>{@code stockmonitor:{feed}:lease}: string {@code nodeId:token}, with an expiry, held by the producer;</li>
 *   <li>{@code stockmonitor:{feed}:fence}: counter, one fencing token per lease taken;</li>
 *   <li>{@code stockmonitor:{feed}:ticks:EPOCH:SYMBOL}: stream of the symbol's ticks in that epoch, entry id
 *       {@code SEQ-0}.</li>
 * </ul>
 */
public final class RedisKeys {
    private final String prefix;

    public RedisKeys(String feedName) {
        this.prefix = "stockmonitor:{" + feedName + "}:";
    }

    public String epoch() {
        return prefix + "epoch";
    }

    public String lease() {
        return prefix + "lease";
    }

    public String fence() {
        return prefix + "fence";
    }

    public String ticks(String epochId, String symbol) {
        return prefix + "ticks:" + epochId + ":" + symbol;
    }

    /** A stream entry id for {@code seq}. */
    public static String entryId(long seq) {
        return seq + "-0";
    }
}
