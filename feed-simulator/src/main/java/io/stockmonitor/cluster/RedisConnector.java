package io.stockmonitor.cluster;

import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * Opens Redis connections for one server: one per thread that uses Redis (Jedis connections are not shared), each
 * named for {@code CLIENT LIST}, with the password when there is one and bounded timeouts.
 */
public final class RedisConnector {
    private final ClusterSettings settings;

    public RedisConnector(ClusterSettings settings) {
        this.settings = settings;
    }

    /** A new connection, authenticated; the caller closes it. {@code role} names it (e.g. "follower"). */
    public Jedis open(String role) {
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(ClusterLimits.CONNECT_TIMEOUT_MS)
                .socketTimeoutMillis(ClusterLimits.SOCKET_TIMEOUT_MS)
                .blockingSocketTimeoutMillis(ClusterLimits.SOCKET_TIMEOUT_MS + ClusterLimits.READ_BLOCK_MS)
                .clientName("stockmonitor-" + settings.nodeId() + "-" + role);
        if (settings.password() != null) {
            config.password(settings.password());
        }
        Jedis jedis = new Jedis(new HostAndPort(settings.host(), settings.port()), config.build());
        try {
            jedis.ping();
        } catch (RuntimeException e) {
            jedis.close();
            throw e;
        }
        return jedis;
    }

    public ClusterSettings settings() {
        return settings;
    }
}
