package io.stockmonitor.cluster;

import java.util.Map;

/** One entry of a symbol's stream: its seq (the entry id's first part) and its fields. */
public record StreamEntry(long seq, Map<String, String> fields) {
    /** The entry Redis returned, or null when it is not one of ours (an id not {@code SEQ-0}, too many fields). */
    static StreamEntry of(redis.clients.jedis.resps.StreamEntry e) {
        if (e.getID().getSequence() != 0 || e.getID().getTime() < 1 || e.getFields() == null
                || e.getFields().size() > ClusterLimits.MAX_ENTRY_FIELDS) {
            return null;
        }
        for (Map.Entry<String, String> f : e.getFields().entrySet()) {
            if (f.getValue() == null || f.getValue().length() > ClusterLimits.MAX_FIELD_CHARS) {
                return null;
            }
        }
        return new StreamEntry(e.getID().getTime(), e.getFields());
    }
}
