package io.stockmonitor.cluster;

import java.util.List;
import redis.clients.jedis.Jedis;

/**
 * The right to produce a feed's ticks: a key with an expiry ({@link ClusterLimits#LEASE_TTL_MS}) holding
 * {@code nodeId:token}, where the token is a fencing number taken from a counter each time the lease is taken. The
 * append script checks the holder's value before every append ({@link TickStreams#append}), so a producer that lost
 * the lease (paused, cut off, presumed dead) can never append again, whatever it believes.
 */
public final class ProducerLease {
    /** KEYS lease, fence; ARGV nodeId, ttl. Takes a free lease: returns its value, or false. */
    private static final LuaScript ACQUIRE = new LuaScript("""
            if redis.call('EXISTS', KEYS[1]) == 1 then
              return false
            end
            local token = redis.call('INCR', KEYS[2])
            local value = ARGV[1] .. ':' .. token
            redis.call('SET', KEYS[1], value, 'PX', ARGV[2])
            return value
            """);
    /** KEYS lease; ARGV value, ttl. Extends the lease if it is still this value's: 1, else 0. */
    private static final LuaScript RENEW = new LuaScript("""
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              redis.call('PEXPIRE', KEYS[1], ARGV[2])
              return 1
            end
            return 0
            """);
    /** KEYS lease; ARGV value. Gives the lease up if it is still this value's, so another takes it at once. */
    private static final LuaScript RELEASE = new LuaScript("""
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              return redis.call('DEL', KEYS[1])
            end
            return 0
            """);

    private final RedisKeys keys;
    private final String nodeId;

    public ProducerLease(RedisKeys keys, String nodeId) {
        this.keys = keys;
        this.nodeId = nodeId;
    }

    /** Takes the lease if it is free: its value ({@code nodeId:token}), or null when another holds it. */
    public String acquire(Jedis redis) {
        Object v = ACQUIRE.run(redis, List.of(keys.lease(), keys.fence()),
                List.of(nodeId, Long.toString(ClusterLimits.LEASE_TTL_MS)));
        return v instanceof String s ? s : v instanceof byte[] b ? new String(b, java.nio.charset.StandardCharsets.UTF_8)
                : null;
    }

    /** Extends the lease held as {@code value}; false when it is no longer ours. */
    public boolean renew(Jedis redis, String value) {
        Object v = RENEW.run(redis, List.of(keys.lease()), List.of(value, Long.toString(ClusterLimits.LEASE_TTL_MS)));
        return v instanceof Long l && l == 1L;
    }

    /** Gives up the lease held as {@code value} (a clean stop), so another server produces at once. */
    public void release(Jedis redis, String value) {
        RELEASE.run(redis, List.of(keys.lease()), List.of(value));
    }

    /** Who holds the lease now ({@code nodeId:token}), or null. */
    public String holder(Jedis redis) {
        return redis.get(keys.lease());
    }
}
