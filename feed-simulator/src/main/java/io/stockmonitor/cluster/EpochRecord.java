package io.stockmonitor.cluster;

import java.util.Map;

/**
 * The epoch a shared history is in, as its hash holds it.
 *
 * @param fingerprint what feed it is (source, symbols, seed, history length): a server of another feed must not
 *                    join it
 */
public record EpochRecord(String id, int index, long startMs, String fingerprint) {
    Map<String, String> fields() {
        return Map.of("id", id, "index", Integer.toString(index), "startMs", Long.toString(startMs),
                "fingerprint", fingerprint);
    }

    /** The record a hash holds, or null when it holds none (or garbage). */
    static EpochRecord of(Map<String, String> hash) {
        if (hash == null || hash.get("id") == null || hash.get("index") == null || hash.get("startMs") == null) {
            return null;
        }
        try {
            return new EpochRecord(hash.get("id"), Integer.parseInt(hash.get("index")),
                    Long.parseLong(hash.get("startMs")), hash.getOrDefault("fingerprint", ""));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
