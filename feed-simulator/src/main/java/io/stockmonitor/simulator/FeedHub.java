package io.stockmonitor.simulator;

import io.stockmonitor.protocol.Message;
import io.stockmonitor.protocol.MessageCodec;
import io.stockmonitor.protocol.ProductVersion;
import io.stockmonitor.protocol.Protocol;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The feed server's core, independent of Jetty's server setup: the symbol feeds, the current epoch, the open
 * connections, the heartbeat thread and the fault controls. Ticks come from a {@link TickProducer} (the simulated
 * market or a relayed provider) through a {@link FeedHistory}: straight into the feeds with the history in memory,
 * or through a history shared in Redis that every server follows.
 */
final class FeedHub implements FaultControls {
    private static final Logger LOG = LoggerFactory.getLogger(FeedHub.class);
    /** Most symbols one subscribe or unsubscribe may name. */
    static final int MAX_SYMBOLS_PER_REQUEST = Protocol.MAX_SYMBOLS_PER_REQUEST;
    /** One sender per core: writes are the bulk of fan-out work. */
    static final int SENDER_THREADS = Math.max(2, Runtime.getRuntime().availableProcessors());

    private final SimulatorConfig config;
    private final MessageCodec codec = new MessageCodec();
    private final MessageCodec codecV1 = MessageCodec.v1();
    private final SymbolFeed[] feeds;
    private final String[] symbolNames;
    private final Map<String, SymbolFeed> bySymbol = new HashMap<>();
    private final Set<ClientConnection> connections = ConcurrentHashMap.newKeySet();
    private final java.util.Queue<ClientConnection> closedSinceSweep = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final List<PublishListener> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService scheduler;
    /** Threads that write queued frames to sockets, so the publisher only serializes and queues. */
    private final java.util.concurrent.ExecutorService senders;
    private final TrafficGate gate;
    private final ThreadLocal<TickEncoder> encoders;
    private final TickEncoder heartbeatEncoder;
    private final TickProducer producer;
    private final FeedHistory history;
    private final AtomicLong ticksApplied = new AtomicLong();
    private final AtomicLong slowConsumers = new AtomicLong();
    private final SendBudget sendBudget;
    private final Admissions admissions;
    private final InternalFailure failure;
    private final SnapshotFrames snapshotFrames;
    private volatile Epoch epoch;
    private volatile java.nio.ByteBuffer welcomeFrame;
    private volatile java.nio.ByteBuffer welcomeFrameV2;
    private volatile boolean closing;

    /** The simulated market, its history in memory. */
    FeedHub(SimulatorConfig config) {
        this(config, new InternalFailure(), null, null);
    }

    /**
     * A feed of {@code producer}'s ticks (null: the simulated market), kept by {@code history} (null: in memory;
     * made by the caller, since a shared history needs the hub it feeds).
     */
    FeedHub(SimulatorConfig config, InternalFailure failure, TickProducer producer,
            java.util.function.Function<FeedHub, FeedHistory> history) {
        this.config = config;
        this.failure = failure;
        this.sendBudget = SendBudget.of(config);
        this.admissions = new Admissions(config.maxClients());
        this.snapshotFrames = new SnapshotFrames(codec, failure);
        this.producer = producer != null ? producer : new SimulatedMarket(config, failure);
        List<String> names = this.producer.symbols();
        epoch = Epoch.next(0, System.currentTimeMillis());
        feeds = new SymbolFeed[names.size()];
        symbolNames = names.toArray(String[]::new);
        for (int i = 0; i < names.size(); i++) {
            feeds[i] = new SymbolFeed(i, symbolNames[i], config.historyTicks(), this.producer.opening(i, epoch));
            bySymbol.put(symbolNames[i], feeds[i]);
        }
        encoders = ThreadLocal.withInitial(() -> new TickEncoder(codec.mapper().getFactory()));
        heartbeatEncoder = new TickEncoder(codec.mapper().getFactory());
        scheduler = Executors.newSingleThreadScheduledExecutor(failure.threads("feed-simulator-timer"));
        gate = new TrafficGate(scheduler, failure);
        senders = Executors.newFixedThreadPool(SENDER_THREADS, failure.threads("feed-simulator-sender"));
        welcomeFrames();
        this.history = history != null ? history.apply(this) : new LocalHistory(this);
    }

    void start() {
        history.start();
        scheduler.scheduleAtFixedRate(failure.guard("heartbeat", this::heartbeat), config.heartbeatMs(),
                config.heartbeatMs(), TimeUnit.MILLISECONDS);
    }

    private void welcomeFrames() {
        welcomeFrame = welcome(Protocol.VERSION);
        welcomeFrameV2 = welcome(Protocol.VERSION_2);
    }

    private java.nio.ByteBuffer welcome(int version) {
        return java.nio.ByteBuffer.wrap(codec.encode(new Message.Welcome(version,
                "feed-simulator/" + ProductVersion.get(), epoch.id(), config.heartbeatMs(), config.historyTicks(),
                List.of(symbolNames))).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    // ---- what a FeedHistory drives ----

    TickProducer producer() {
        return producer;
    }

    /** The current epoch. */
    Epoch currentEpoch() {
        return epoch;
    }

    /**
     * Applies the next tick of symbol {@code symbolIndex} and sends it to its subscribers; false when it is not the
     * next seq (nothing changes).
     */
    boolean applyTick(int symbolIndex, TickRecord tick) {
        if (!feeds[symbolIndex].apply(tick, encoders.get(), this)) {
            return false;
        }
        ticksApplied.incrementAndGet();
        return true;
    }

    /** The latest seq this server holds of symbol {@code symbolIndex}. */
    long lastSeq(int symbolIndex) {
        return feeds[symbolIndex].lastSeq();
    }

    /** True when this server holds {@code tick} under its seq (the same time, price and size). */
    boolean holds(int symbolIndex, TickRecord tick) {
        return feeds[symbolIndex].holds(tick);
    }

    /** See {@link SymbolFeed#restartAt}. */
    void restartAt(int symbolIndex, long nextSeq, long fromTs) {
        feeds[symbolIndex].restartAt(nextSeq, fromTs);
    }

    /**
     * Serves {@code next} from now on: history forgotten, seq restarting at 1. The new welcome is made first and the
     * connections to drop are listed after it: a connection registers before it reads the welcome, so one that is not
     * on the list was welcomed into the new epoch and stays (in a reconnect storm, the clients already back are not
     * dropped again). The caller makes sure no tick is applied meanwhile (the producer is stopped, or it is the one
     * thread that applies them).
     */
    void adoptEpoch(Epoch next) {
        EpochStart[] openings = new EpochStart[feeds.length];
        for (int i = 0; i < feeds.length; i++) {
            openings[i] = producer.opening(i, next);
        }
        for (SymbolFeed f : feeds) {
            f.lock.lock();
        }
        try {
            epoch = next;
            welcomeFrames();
            List<ClientConnection> old = new ArrayList<>(connections);
            for (ClientConnection c : old) {
                c.disconnect();
            }
            for (int i = 0; i < feeds.length; i++) {
                feeds[i].clearSubscribers();
                feeds[i].reset(openings[i]);
            }
        } finally {
            for (int i = feeds.length - 1; i >= 0; i--) {
                feeds[i].lock.unlock();
            }
        }
        LOG.info("feed server serving epoch {} (index {}): history forgotten, every connection dropped", next.id(),
                next.index());
    }

    /** Drops every connection at once (1013: try again, elsewhere): this server cannot serve the feed now. */
    void dropAllConnections(String why) {
        LOG.warn("feed server dropping {} connections: {}", connections.size(), why);
        for (ClientConnection c : new ArrayList<>(connections)) {
            c.close(Protocol.CLOSE_TRY_AGAIN_LATER, why);
        }
    }

    FeedHistory history() {
        return history;
    }

    private void heartbeat() {
        sweepClosed();
        long nowNanos = System.nanoTime();
        for (ClientConnection c : connections) {
            c.checkStalled(nowNanos);
        }
        if (gate.isSilent()) {
            return;
        }
        long now = System.currentTimeMillis();
        for (ClientConnection c : connections) {
            try {
                c.sendHeartbeat(now, heartbeatEncoder);
            } catch (RuntimeException e) {
                // One connection's fault stays its own: it is dropped (the client reconnects), the rest go on. An
                // Error is not caught here: it is fatal (InternalFailure).
                LOG.error("simulated feed heartbeat to one connection failed; dropping that connection", e);
                c.disconnect();
            }
        }
    }

    /** Called by the publisher after each tick. */
    boolean hasListeners() {
        return !listeners.isEmpty();
    }

    void notifyListeners(String tickEpoch, Message.Tick tick) {
        for (PublishListener l : listeners) {
            try {
                l.published(tickEpoch, tick);
            } catch (RuntimeException ex) {
                LOG.warn("publish listener failed", ex);
            }
        }
    }

    void addListener(PublishListener l) {
        listeners.add(l);
    }

    void removeListener(PublishListener l) {
        listeners.remove(l);
    }

    SimulatorConfig config() {
        return config;
    }

    MessageCodec codec() {
        return codec;
    }

    /** Reads requests of v1 connections: v2's types are unknown to it. */
    MessageCodec codecV1() {
        return codecV1;
    }

    TrafficGate gate() {
        return gate;
    }

    java.util.concurrent.Executor senders() {
        return senders;
    }

    TickEncoder encoder() {
        return encoders.get();
    }

    int symbolCount() {
        return feeds.length;
    }

    String[] symbolNames() {
        return symbolNames;
    }

    List<String> symbols() {
        return List.of(symbolNames);
    }

    SymbolFeed feed(String symbol) {
        return bySymbol.get(symbol);
    }

    String epoch() {
        return epoch.id();
    }

    /** The v1 welcome (a shared buffer: callers send duplicates of it, see {@link SendQueue}). */
    java.nio.ByteBuffer welcomeFrame() {
        return welcomeFrame;
    }

    /** The same welcome with {@code "protocol":2}, for connections that negotiated v2. */
    java.nio.ByteBuffer welcomeFrameV2() {
        return welcomeFrameV2;
    }

    void register(ClientConnection c) {
        connections.add(c);
    }

    /**
     * Forgets a closed connection. Jetty may report the close from inside a send, i.e. while the caller holds a
     * feed lock, so the feeds are not touched here: they drop closed subscribers when they next publish to them,
     * and the timer thread (which holds no lock) sweeps the rest.
     */
    void unregister(ClientConnection c) {
        if (connections.remove(c)) {
            closedSinceSweep.add(c);
        }
    }

    private void sweepClosed() {
        for (ClientConnection c = closedSinceSweep.poll(); c != null; c = closedSinceSweep.poll()) {
            for (SymbolFeed f : feeds) {
                f.remove(c);
            }
        }
    }

    int connectionCount() {
        return connections.size();
    }

    boolean isClosing() {
        return closing;
    }

    void countSlowConsumer() {
        slowConsumers.incrementAndGet();
    }

    SnapshotFrames snapshotFrames() {
        return snapshotFrames;
    }

    Admissions admissions() {
        return admissions;
    }

    InternalFailure failure() {
        return failure;
    }

    SendBudget sendBudget() {
        return sendBudget;
    }

    long slowConsumers() {
        return slowConsumers.get();
    }

    /** Ticks this server applied and sent on (made here, or followed from a shared history). */
    long ticksPublished() {
        return ticksApplied.get();
    }

    // ---- fault controls ----

    @Override
    public void dropAllConnections() {
        LOG.info("fault: dropping {} simulated feed connections abruptly", connections.size());
        for (ClientConnection c : connections) {
            c.disconnect();
        }
    }

    @Override
    public void silence(Duration d) {
        LOG.info("fault: simulated feed silent for {} ms", d.toMillis());
        gate.silence(d.toNanos());
        gate.schedule(() -> connections.forEach(ClientConnection::wake), d.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Forgets the history and drops every connection: a new epoch, for every server of a shared history. */
    @Override
    public void restartWithNewEpoch() {
        history.newEpoch();
        LOG.info("fault: feed restarted with new epoch {} (history forgotten)", epoch.id());
    }

    @Override
    public void delayFrames(Duration d) {
        LOG.info("fault: delaying every simulated feed frame by {} ms", d.toMillis());
        gate.delay(d.toNanos());
        if (d.isZero()) {
            connections.forEach(ClientConnection::wake);
        }
    }

    @Override
    public void duplicateNextTick(String symbol) {
        requireFeed(symbol).duplicateNextTick();
        LOG.info("fault: next simulated tick of {} will be sent twice", symbol);
    }

    @Override
    public void swapNextTwoTicks(String symbol) {
        requireFeed(symbol).swapNextTwoTicks();
        LOG.info("fault: next two simulated ticks of {} will be sent swapped", symbol);
    }

    private SymbolFeed requireFeed(String symbol) {
        SymbolFeed f = bySymbol.get(symbol);
        if (f == null) {
            throw new IllegalArgumentException("unknown symbol: " + symbol);
        }
        return f;
    }

    /** Status for the admin endpoint. */
    Map<String, Object> status() {
        Map<String, Object> s = new java.util.LinkedHashMap<>();
        s.put("simulated", producer instanceof SimulatedMarket);
        s.put("epoch", epoch.id());
        s.put("connections", connections.size());
        s.put("ticksPublished", ticksApplied.get());
        s.put("slowConsumersClosed", slowConsumers.get());
        s.put("silent", gate.isSilent());
        s.put("delayMs", gate.delayNanos() / 1_000_000);
        Map<String, Long> seqs = new java.util.LinkedHashMap<>();
        for (SymbolFeed f : feeds) {
            seqs.put(f.symbol, f.lastSeq());
        }
        s.put("lastSeqs", seqs);
        s.put("producer", producer.status());
        s.put("history", history.status());
        return s;
    }

    /** Stops publishing and closes every connection with 1001; waits up to {@code wait} for them to go. */
    void shutdown(Duration wait) {
        closing = true;
        history.close();
        scheduler.shutdownNow();
        List<ClientConnection> open = new ArrayList<>(connections);
        for (ClientConnection c : open) {
            c.close(Protocol.CLOSE_GOING_AWAY, "simulator shutting down");
        }
        long deadline = System.nanoTime() + wait.toNanos();
        while (!connections.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        senders.shutdownNow();
        snapshotFrames.shutdown();
        failure.dismiss();
    }
}
