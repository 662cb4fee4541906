package io.stockmonitor.cluster;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.XReadParams;

/**
 * The symbols' tick streams of one epoch. Appends go through one Lua script that checks, atomically with the XADD,
 * that the caller holds the lease, that the epoch is still the caller's and that the seq is the stream's next; the
 * entry id is {@code SEQ-0}, so Redis itself refuses an id that does not rise; XADD's MAXLEN trims each stream to
 * the history kept. Reads are XRANGE (catching up, from an exclusive start) and XREAD BLOCK (following).
 */
public final class TickStreams {
    /**
     * KEYS lease, epoch hash, stream; ARGV lease value, epoch id, seq, maxlen, then field/value pairs. Errors
     * {@code NOTLEADER}, {@code EPOCH}, {@code SEQ <last>}; else the seq.
     */
    private static final LuaScript APPEND = new LuaScript("""
            if redis.call('GET', KEYS[1]) ~= ARGV[1] then
              return redis.error_reply('NOTLEADER')
            end
            if redis.call('HGET', KEYS[2], 'id') ~= ARGV[2] then
              return redis.error_reply('EPOCH')
            end
            local seq = tonumber(ARGV[3])
            local last = 0
            local top = redis.call('XREVRANGE', KEYS[3], '+', '-', 'COUNT', 1)
            if #top > 0 then
              last = tonumber(string.match(top[1][1], '^(%d+)'))
            end
            if seq ~= last + 1 then
              return redis.error_reply('SEQ ' .. last)
            end
            redis.call('XADD', KEYS[3], 'MAXLEN', ARGV[4], ARGV[3] .. '-0', unpack(ARGV, 5))
            return seq
            """);

    private final RedisKeys keys;
    private final String epochId;
    private final List<String> symbols;
    private final int historyTicks;

    public TickStreams(RedisKeys keys, String epochId, List<String> symbols, int historyTicks) {
        this.keys = keys;
        this.epochId = epochId;
        this.symbols = List.copyOf(symbols);
        this.historyTicks = historyTicks;
    }

    public String epochId() {
        return epochId;
    }

    /** Appends tick {@code seq} of symbol {@code symbolIndex} as the holder of lease value {@code lease}. */
    public AppendResult append(Jedis redis, String lease, int symbolIndex, long seq, Map<String, String> fields) {
        List<String> args = new ArrayList<>(4 + 2 * fields.size());
        args.add(lease);
        args.add(epochId);
        args.add(Long.toString(seq));
        args.add(Integer.toString(historyTicks));
        for (Map.Entry<String, String> f : fields.entrySet()) {
            args.add(f.getKey());
            args.add(f.getValue());
        }
        try {
            APPEND.run(redis, List.of(keys.lease(), keys.epoch(), stream(symbolIndex)), args);
            return AppendResult.APPENDED;
        } catch (JedisDataException e) {
            String m = e.getMessage() == null ? "" : e.getMessage();
            if (m.startsWith("NOTLEADER")) {
                return AppendResult.NOT_LEADER;
            }
            if (m.startsWith("EPOCH")) {
                return AppendResult.OTHER_EPOCH;
            }
            if (m.startsWith("SEQ")) {
                return AppendResult.OUT_OF_SEQUENCE;
            }
            throw e;
        }
    }

    /** The newest entry of the symbol's stream, or null when it has none. */
    public StreamEntry latest(Jedis redis, int symbolIndex) {
        List<redis.clients.jedis.resps.StreamEntry> top = redis.xrevrange(stream(symbolIndex), "+", "-", 1);
        return top.isEmpty() ? null : StreamEntry.of(top.get(0));
    }

    /** Up to {@link ClusterLimits#READ_BATCH} entries after seq {@code after} (XRANGE with an exclusive start). */
    public List<StreamEntry> after(Jedis redis, int symbolIndex, long after) {
        String start = after <= 0 ? "-" : "(" + RedisKeys.entryId(after);
        return entries(redis.xrange(stream(symbolIndex), start, "+", ClusterLimits.READ_BATCH));
    }

    /**
     * Waits up to {@link ClusterLimits#READ_BLOCK_MS} for entries after {@code after[i]} in any stream (XREAD BLOCK),
     * at most {@link ClusterLimits#READ_BATCH} per stream; the entries per symbol index, in order.
     */
    public Map<Integer, List<StreamEntry>> follow(Jedis redis, long[] after) {
        Map<String, StreamEntryID> from = new LinkedHashMap<>();
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int i = 0; i < symbols.size(); i++) {
            from.put(stream(i), new StreamEntryID(Math.max(0, after[i]), 0));
            index.put(stream(i), i);
        }
        List<Map.Entry<String, List<redis.clients.jedis.resps.StreamEntry>>> read = redis.xread(
                XReadParams.xReadParams().count(ClusterLimits.READ_BATCH).block(ClusterLimits.READ_BLOCK_MS), from);
        Map<Integer, List<StreamEntry>> out = new LinkedHashMap<>();
        if (read == null) {
            return out;
        }
        for (Map.Entry<String, List<redis.clients.jedis.resps.StreamEntry>> e : read) {
            Integer i = index.get(e.getKey());
            if (i != null) {
                out.put(i, entries(e.getValue()));
            }
        }
        return out;
    }

    private String stream(int symbolIndex) {
        return keys.ticks(epochId, symbols.get(symbolIndex));
    }

    private static List<StreamEntry> entries(List<redis.clients.jedis.resps.StreamEntry> raw) {
        List<StreamEntry> out = new ArrayList<>(raw.size());
        for (redis.clients.jedis.resps.StreamEntry e : raw) {
            StreamEntry s = StreamEntry.of(e);
            if (s != null) {
                out.add(s);
            }
        }
        return out;
    }
}
