package io.stockmonitor.simulator;

import io.stockmonitor.cluster.ClusterLimits;
import io.stockmonitor.cluster.ClusterSettings;
import io.stockmonitor.cluster.EpochRecord;
import io.stockmonitor.cluster.ProducerLease;
import io.stockmonitor.cluster.RedisConnector;
import io.stockmonitor.cluster.RedisKeys;
import io.stockmonitor.cluster.SharedEpochs;
import io.stockmonitor.cluster.StreamEntry;
import io.stockmonitor.cluster.TickStreams;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The feed's history shared in Redis with every server of the same feed ({@code --redis}). Every server follows
 * the shared streams and serves exactly what they hold, so all serve the same epoch and the same seqs, and a client
 * resumes on any of them. One of them produces, while it holds the lease; when it dies another takes the lease within
 * {@link ClusterLimits#LEASE_TTL_MS} and goes on after the last tick in Redis.
 *
 * <p>Two threads. The follower is the only one that changes the feeds: it joins the shared epoch, checks that Redis
 * still holds what this server served (else the history was lost: a new epoch), catches up with XRANGE and follows
 * with XREAD BLOCK. The lease keeper takes and renews the lease while this server is caught up, and starts and stops
 * the producer; the producer appends through {@link SharedTarget}.
 *
 * <p>Honest answers when the history breaks: Redis restarted without its data (or with fewer ticks than were served,
 * or other ticks under the same seqs) starts a new epoch on every server; a stream trimmed past what this server had
 * read drops that symbol's subscribers, who resume elsewhere or get {@code too_old} and a snapshot; a server cut off
 * from Redis for {@link ClusterLimits#DETACHED_AFTER_MS} closes its clients (1013) and refuses new ones until it is
 * caught up again, so that they go to a server that has the history.
 */
final class SharedHistory implements FeedHistory {
    private static final Logger LOG = LoggerFactory.getLogger(SharedHistory.class);

    private final FeedHub hub;
    private final ClusterSettings settings;
    private final RedisConnector connector;
    private final RedisKeys keys;
    private final SharedEpochs epochs;
    private final ProducerLease lease;
    private final List<String> symbols;
    private final String fingerprint;
    private final Thread follower;
    private final Thread leaseKeeper;
    private volatile boolean running = true;
    private volatile boolean releaseOnClose = true;

    /** The epoch served and its streams; replaced only by the follower. */
    private volatile Served served;
    private volatile boolean synced;
    private volatile long caughtUpAtNanos = System.nanoTime() - TimeUnit.DAYS.toNanos(1);
    private volatile long notServingSinceNanos = System.nanoTime();
    private volatile boolean clientsDropped;
    private volatile boolean newEpochRequested;
    private volatile String problem = "not connected yet";

    // The lease keeper's.
    private volatile String leaseValue;
    private volatile SharedTarget target;
    private volatile long producingGeneration = -1;
    private volatile boolean producerRestart;

    /** An epoch being served, with its streams; {@code generation} counts adoptions. */
    private record Served(Epoch epoch, TickStreams streams, long generation) {
    }

    SharedHistory(FeedHub hub, ClusterSettings settings) {
        this.hub = hub;
        this.settings = settings;
        this.connector = new RedisConnector(settings);
        this.keys = new RedisKeys(settings.feedName());
        this.epochs = new SharedEpochs(keys);
        this.lease = new ProducerLease(keys, settings.nodeId());
        this.symbols = hub.producer().symbols();
        this.fingerprint = fingerprint(hub);
        this.follower = new Thread(this::follow, "feed-shared-follower");
        this.follower.setDaemon(true);
        this.leaseKeeper = new Thread(this::keepLease, "feed-shared-lease");
        this.leaseKeeper.setDaemon(true);
    }

    /** What makes two servers servers of the same feed: they must agree on all of it to share a history. */
    private static String fingerprint(FeedHub hub) {
        SimulatorConfig c = hub.config();
        Map<String, Object> status = hub.producer().status();
        String source = String.valueOf(status.get("source"))
                + (status.containsKey("upstream") ? " " + status.get("upstream") : " seed=" + c.seed() + " rate="
                        + c.ratePerSymbol());
        return source + " historyTicks=" + c.historyTicks() + " symbols=" + String.join(",", hub.producer().symbols());
    }

    /**
     * Joins the shared history when Redis can be reached now, so that a server of another feed stops at once (an
     * {@link IllegalArgumentException}: a usage error); when Redis cannot be reached it starts anyway, not serving,
     * and keeps trying.
     */
    @Override
    public void start() {
        try (Jedis redis = connector.open("start")) {
            EpochRecord shared = epochs.join(redis, candidate(0));
            if (!shared.fingerprint().equals(fingerprint)) {
                throw new IllegalArgumentException("the shared history in " + settings.url() + " under feed name '"
                        + settings.feedName() + "' is another feed (" + shared.fingerprint() + "; this server: "
                        + fingerprint + "): give the same settings, or another --feed-name");
            }
        } catch (JedisException e) {
            LOG.warn("shared history {}: Redis cannot be reached now ({}); serving once it can",
                    settings.url(), describe(e));
        }
        follower.start();
        leaseKeeper.start();
    }

    private EpochRecord candidate(int index) {
        Epoch e = Epoch.next(index, System.currentTimeMillis());
        return new EpochRecord(e.id(), e.index(), e.startMs(), fingerprint);
    }

    // ================================================================ follower thread

    private void follow() {
        Jedis redis = null;
        long backoff = ClusterLimits.RETRY_FIRST_MS;
        long epochCheckedNanos = 0;
        while (running) {
            try {
                if (redis == null) {
                    redis = connector.open("follower");
                    synced = false;
                }
                if (!synced || newEpochRequested) {
                    sync(redis);
                    epochCheckedNanos = System.nanoTime();
                }
                Served s = served;
                long[] after = new long[symbols.size()];
                for (int i = 0; i < after.length; i++) {
                    after[i] = hub.lastSeq(i);
                }
                boolean drained = true;
                for (Map.Entry<Integer, List<StreamEntry>> e : s.streams().follow(redis, after).entrySet()) {
                    apply(e.getKey(), e.getValue());
                    drained &= e.getValue().size() < ClusterLimits.READ_BATCH;
                }
                if (drained) {
                    caughtUp();
                }
                if (System.nanoTime() - epochCheckedNanos > TimeUnit.MILLISECONDS.toNanos(1_000)) {
                    epochCheckedNanos = System.nanoTime();
                    if (!s.epoch().id().equals(epochs.currentId(redis))) {
                        synced = false; // gone (Redis lost it) or replaced by another server
                    }
                }
                backoff = ClusterLimits.RETRY_FIRST_MS;
            } catch (JedisException | IllegalStateException e) {
                if (!running) {
                    break;
                }
                if (problem == null) {
                    LOG.warn("shared history {}: lost ({}); not serving until caught up again", settings.url(),
                            describe(e));
                }
                problem = describe(e);
                synced = false;
                closeQuietly(redis);
                redis = null;
                checkDetached();
                sleep(backoff);
                backoff = Math.min(ClusterLimits.RETRY_CAP_MS, backoff * 2);
            }
            checkDetached();
        }
        closeQuietly(redis);
    }

    /** Joins the shared epoch, makes sure Redis holds what was served, and catches up. */
    private void sync(Jedis redis) {
        Served s = served;
        int nextIndex = s == null ? 0 : s.epoch().index() + 1;
        EpochRecord shared = epochs.join(redis, candidate(nextIndex));
        if (!shared.fingerprint().equals(fingerprint)) {
            throw new IllegalStateException("the shared history is now another feed (" + shared.fingerprint() + ")");
        }
        if (newEpochRequested) {
            newEpochRequested = false;
            shared = epochs.replace(redis, shared.id(), candidate(shared.index() + 1));
        } else if (s != null && shared.id().equals(s.epoch().id())) {
            String lost = lostTicks(redis, s.streams());
            if (lost != null) {
                LOG.warn("shared history {}: {}; starting a new epoch (clients resync from snapshots)",
                        settings.url(), lost);
                shared = epochs.replace(redis, shared.id(), candidate(shared.index() + 1));
            }
        }
        if (s == null || !shared.id().equals(s.epoch().id())) {
            adopt(shared);
        }
        TickStreams streams = served.streams();
        for (int i = 0; i < symbols.size(); i++) {
            List<StreamEntry> entries;
            do {
                entries = streams.after(redis, i, hub.lastSeq(i));
                apply(i, entries);
            } while (entries.size() >= ClusterLimits.READ_BATCH && running);
        }
        synced = true;
        if (problem != null) {
            LOG.info("shared history {}: serving epoch {} as node {}", settings.url(), served.epoch().id(),
                    settings.nodeId());
        }
        problem = null;
        caughtUp();
    }

    /**
     * Null when Redis still holds, under each symbol's latest seq served here, the very tick served; else what is
     * wrong: Redis lost acknowledged ticks (restarted from an older copy), or holds other ticks under those seqs.
     */
    private String lostTicks(Jedis redis, TickStreams streams) {
        for (int i = 0; i < symbols.size(); i++) {
            long local = hub.lastSeq(i);
            if (local == 0) {
                continue;
            }
            StreamEntry latest = streams.latest(redis, i);
            long sharedLast = latest == null ? 0 : latest.seq();
            if (sharedLast < local) {
                return "Redis holds " + symbols.get(i) + " up to seq " + sharedLast + " but this server served "
                        + local + " (acknowledged ticks lost)";
            }
            List<StreamEntry> at = streams.after(redis, i, local - 1);
            if (!at.isEmpty() && at.get(0).seq() == local) {
                TickRecord t = TickFields.decode(local, at.get(0).fields());
                if (t == null || !hub.holds(i, t)) {
                    return "Redis holds another tick of " + symbols.get(i) + " under seq " + local
                            + " than this server served";
                }
            }
        }
        return null;
    }

    private void adopt(EpochRecord shared) {
        Epoch epoch = new Epoch(shared.id(), shared.index(), shared.startMs());
        long generation = served == null ? 0 : served.generation() + 1;
        hub.adoptEpoch(epoch);
        served = new Served(epoch, new TickStreams(keys, shared.id(), symbols, hub.config().historyTicks()),
                generation);
    }

    /** Applies entries in order; a stream that moved on past this server's latest tick restarts it there. */
    private void apply(int i, List<StreamEntry> entries) {
        for (StreamEntry e : entries) {
            long local = hub.lastSeq(i);
            if (e.seq() <= local) {
                continue;
            }
            TickRecord tick = TickFields.decode(e.seq(), e.fields());
            if (tick == null) {
                LOG.warn("shared history: entry {} of {} is not a tick; skipped", e.seq(), symbols.get(i));
                continue;
            }
            if (e.seq() != local + 1) {
                if (local > 0) {
                    LOG.warn("shared history: {} goes on at seq {} but this server had {} (trimmed before it was "
                            + "read): its clients resume from a snapshot", symbols.get(i), e.seq(), local);
                }
                hub.restartAt(i, e.seq(), tick.ts());
            }
            hub.applyTick(i, tick);
        }
    }

    private void caughtUp() {
        caughtUpAtNanos = System.nanoTime();
        clientsDropped = false;
    }

    /** Cut off or behind for too long: the clients go elsewhere (once per outage). */
    private void checkDetached() {
        if (serving()) {
            notServingSinceNanos = -1;
            return;
        }
        long now = System.nanoTime();
        if (notServingSinceNanos == -1) {
            notServingSinceNanos = now;
        }
        if (!clientsDropped && now - notServingSinceNanos > TimeUnit.MILLISECONDS.toNanos(
                ClusterLimits.DETACHED_AFTER_MS)) {
            clientsDropped = true;
            if (hub.connectionCount() > 0) {
                hub.dropAllConnections("cut off from the shared history; resume on another server");
            }
        }
    }

    // ================================================================ lease keeper thread

    private void keepLease() {
        Jedis redis = null;
        long renewedAtNanos = 0;
        while (running) {
            try {
                if (redis == null) {
                    redis = connector.open("lease");
                }
                Served s = served;
                if (!serving() || s == null) {
                    if (leaseValue != null) {
                        LOG.info("shared history: node {} not caught up; giving the producer lease up",
                                settings.nodeId());
                        stopProducing();
                        lease.release(redis, leaseValue);
                        leaseValue = null;
                    }
                } else if (leaseValue == null) {
                    String value = lease.acquire(redis);
                    if (value != null) {
                        leaseValue = value;
                        renewedAtNanos = System.nanoTime();
                        LOG.info("shared history: node {} took the producer lease ({})", settings.nodeId(), value);
                        startProducing(redis, s);
                    }
                } else if (!lease.renew(redis, leaseValue)) {
                    LOG.warn("shared history: node {} lost the producer lease; stopping", settings.nodeId());
                    stopProducing();
                    leaseValue = null;
                } else {
                    renewedAtNanos = System.nanoTime();
                    if (producingGeneration != s.generation() || producerRestart) {
                        stopProducing();
                        startProducing(redis, s);
                    }
                }
            } catch (JedisException e) {
                closeQuietly(redis);
                redis = null;
                if (leaseValue != null && System.nanoTime() - renewedAtNanos
                        > TimeUnit.MILLISECONDS.toNanos(ClusterLimits.LEASE_TTL_MS)) {
                    // It has lapsed in Redis by now (the append script would refuse anyway): stop making ticks.
                    LOG.warn("shared history: node {} cannot renew the producer lease ({}); stopping",
                            settings.nodeId(), describe(e));
                    stopProducing();
                    leaseValue = null;
                }
            }
            sleep(ClusterLimits.LEASE_RENEW_MS);
        }
        stopProducing();
        if (leaseValue != null && redis != null && releaseOnClose) {
            try {
                lease.release(redis, leaseValue);
            } catch (JedisException e) {
                LOG.debug("lease not released: {}", describe(e));
            }
        }
        closeQuietly(redis);
    }

    /**
     * Starts the producer after each symbol's latest tick in Redis. Never below what this server served: that would
     * make other ticks under seqs clients already have; the follower finds out why first (a new epoch).
     */
    private void startProducing(Jedis redis, Served s) {
        producerRestart = false;
        TickRecord[] latest = new TickRecord[symbols.size()];
        for (int i = 0; i < latest.length; i++) {
            StreamEntry e = s.streams().latest(redis, i);
            latest[i] = e == null ? null : TickFields.decode(e.seq(), e.fields());
            long sharedLast = latest[i] == null ? 0 : latest[i].seq();
            if (sharedLast < hub.lastSeq(i)) {
                LOG.warn("shared history: Redis holds {} up to {}, below the {} served; not producing", symbols.get(i),
                        sharedLast, hub.lastSeq(i));
                synced = false;
                producingGeneration = -1;
                return;
            }
        }
        SharedTarget t = new SharedTarget(connector, s.streams(), leaseValue, () -> producerRestart = true);
        target = t;
        producingGeneration = s.generation();
        hub.producer().start(s.epoch(), latest, t);
    }

    private void stopProducing() {
        hub.producer().stop();
        SharedTarget t = target;
        target = null;
        producingGeneration = -1;
        if (t != null) {
            t.close();
        }
    }

    // ================================================================ FeedHistory

    /** The admin's new-epoch fault: every server of the feed moves to a new epoch (waits up to 5 s for this one). */
    @Override
    public void newEpoch() {
        String before = hub.epoch();
        newEpochRequested = true;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (before.equals(hub.epoch()) && System.nanoTime() < deadline) {
            sleep(10);
        }
    }

    @Override
    public boolean serving() {
        return synced && System.nanoTime() - caughtUpAtNanos
                < TimeUnit.MILLISECONDS.toNanos(ClusterLimits.CAUGHT_UP_WITHIN_MS);
    }

    @Override
    public Map<String, Object> status() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("kind", "redis");
        s.put("redis", settings.url());
        s.put("feed", settings.feedName());
        s.put("node", settings.nodeId());
        s.put("caughtUp", serving());
        s.put("producing", target != null);
        Served now = served;
        if (now != null) {
            s.put("epochIndex", now.epoch().index());
        }
        String p = problem;
        if (p != null) {
            s.put("problem", p);
        }
        return s;
    }

    @Override
    public void close() {
        closeAndRelease(true);
    }

    /** As a crash would: the lease is not given up, so another server takes it only once it lapses (tests). */
    void halt() {
        closeAndRelease(false);
    }

    private void closeAndRelease(boolean release) {
        releaseOnClose = release;
        running = false;
        follower.interrupt();
        leaseKeeper.interrupt();
        join(leaseKeeper);
        join(follower);
        stopProducing();
    }

    private static void join(Thread t) {
        try {
            t.join(ClusterLimits.SOCKET_TIMEOUT_MS + ClusterLimits.READ_BLOCK_MS + 1_000L);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(Jedis redis) {
        if (redis != null) {
            try {
                redis.close();
            } catch (RuntimeException e) {
                LOG.debug("closing a Redis connection: {}", describe(e));
            }
        }
    }

    /** An exception in one line, for the log (Redis's messages name no secret). */
    static String describe(Throwable t) {
        String m = t.getMessage();
        return PeerText.forLog(t.getClass().getSimpleName() + (m == null ? "" : ": " + m));
    }
}
