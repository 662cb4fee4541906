package io.stockmonitor.cluster;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.Jedis;

/**
 * The shared epoch. The first server creates it; the others join it; a server that finds the history lost (Redis
 * restarted without its data, or with fewer ticks than were served) replaces it, and every server follows. Both
 * changes are compare-and-set in Lua, so servers racing to start or to replace an epoch end up in the same one.
 */
public final class SharedEpochs {
    /** KEYS[1] epoch hash; ARGV the candidate's fields. Creates it when absent; returns what it holds. */
    private static final LuaScript JOIN = new LuaScript("""
            if redis.call('EXISTS', KEYS[1]) == 0 then
              redis.call('HSET', KEYS[1], unpack(ARGV))
            end
            return redis.call('HGETALL', KEYS[1])
            """);
    /**
     * KEYS[1] epoch hash; ARGV[1] the id the caller saw, then the candidate's fields. Replaces the epoch when it is
     * still the one the caller saw (or is gone); returns what it holds.
     */
    private static final LuaScript REPLACE = new LuaScript("""
            local current = redis.call('HGET', KEYS[1], 'id')
            if current == false or current == ARGV[1] then
              redis.call('DEL', KEYS[1])
              redis.call('HSET', KEYS[1], unpack(ARGV, 2))
            end
            return redis.call('HGETALL', KEYS[1])
            """);

    private final RedisKeys keys;

    public SharedEpochs(RedisKeys keys) {
        this.keys = keys;
    }

    /** The current epoch, created as {@code candidate} if there is none. */
    public EpochRecord join(Jedis redis, EpochRecord candidate) {
        return read(JOIN.run(redis, List.of(keys.epoch()), flat(candidate)));
    }

    /** {@code candidate} replaces epoch {@code seenId} unless another server replaced it first; the current one. */
    public EpochRecord replace(Jedis redis, String seenId, EpochRecord candidate) {
        List<String> args = new ArrayList<>();
        args.add(seenId);
        args.addAll(flat(candidate));
        return read(REPLACE.run(redis, List.of(keys.epoch()), args));
    }

    /** The current epoch's id, or null when there is none (the history is gone). */
    public String currentId(Jedis redis) {
        return redis.hget(keys.epoch(), "id");
    }

    private static List<String> flat(EpochRecord e) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, String> f : e.fields().entrySet()) {
            out.add(f.getKey());
            out.add(f.getValue());
        }
        return out;
    }

    private static EpochRecord read(Object reply) {
        Map<String, String> hash = new HashMap<>();
        if (reply instanceof List<?> list) {
            for (int i = 0; i + 1 < list.size() && i < 2 * ClusterLimits.MAX_ENTRY_FIELDS; i += 2) {
                hash.put(String.valueOf(list.get(i)), String.valueOf(list.get(i + 1)));
            }
        }
        EpochRecord e = EpochRecord.of(hash);
        if (e == null) {
            throw new IllegalStateException("the shared epoch in Redis is unreadable");
        }
        return e;
    }
}
