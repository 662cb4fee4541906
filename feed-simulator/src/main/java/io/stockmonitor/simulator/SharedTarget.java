package io.stockmonitor.simulator;

import io.stockmonitor.cluster.AppendResult;
import io.stockmonitor.cluster.RedisConnector;
import io.stockmonitor.cluster.TickStreams;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The producer's writes into a shared history: each tick appended by the fenced script ({@link TickStreams#append})
 * as the holder of one lease value, on the producer thread's own connection. A tick not appended is not made: the
 * lease or the epoch moved on, or the stream is not where the producer thought (then it is restarted from Redis), or
 * Redis cannot be reached (it tries again after a short pause, never in a tight loop).
 */
final class SharedTarget implements TickTarget {
    private static final Logger LOG = LoggerFactory.getLogger(SharedTarget.class);
    private static final long RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private final RedisConnector connector;
    private final TickStreams streams;
    private final String leaseValue;
    private final Runnable restart;
    private Jedis redis;
    private long retryAtNanos;
    private volatile boolean closed;

    SharedTarget(RedisConnector connector, TickStreams streams, String leaseValue, Runnable restart) {
        this.connector = connector;
        this.streams = streams;
        this.leaseValue = leaseValue;
        this.restart = restart;
    }

    @Override
    public boolean write(int symbolIndex, TickRecord tick) {
        if (closed) {
            return false;
        }
        try {
            if (redis == null) {
                if (System.nanoTime() - retryAtNanos < 0) {
                    return false;
                }
                redis = connector.open("producer");
            }
            AppendResult r = streams.append(redis, leaseValue, symbolIndex, tick.seq(), TickFields.encode(tick));
            switch (r) {
                case APPENDED -> {
                    return true;
                }
                case OUT_OF_SEQUENCE, OTHER_EPOCH -> {
                    LOG.info("shared history: append of seq {} refused ({}); the producer starts again from Redis",
                            tick.seq(), r);
                    restart.run();
                    return false;
                }
                default -> {
                    return false; // NOT_LEADER: the lease keeper finds out and stops the producer
                }
            }
        } catch (JedisException e) {
            LOG.debug("shared history: append failed: {}", SharedHistory.describe(e));
            close(redis);
            redis = null;
            retryAtNanos = System.nanoTime() + RETRY_NANOS;
            return false;
        }
    }

    /** After the producer stopped (its thread no longer writes): the connection goes. */
    void close() {
        closed = true;
        close(redis);
        redis = null;
    }

    private static void close(Jedis j) {
        if (j != null) {
            try {
                j.close();
            } catch (RuntimeException e) {
                LOG.debug("closing the producer's connection: {}", e.toString());
            }
        }
    }
}
