package io.stockmonitor.bench.storm;

import io.stockmonitor.bench.FrameText;
import io.stockmonitor.protocol.Protocol;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.eclipse.jetty.websocket.common.WebSocketSession;
import org.eclipse.jetty.websocket.core.WebSocketCoreSession;

/**
 * The load generator of {@link StormBench}, in its own JVM: N clients, each subscribed to the same symbols, speaking
 * v1, v2 or v2 with permessage-deflate. Prints {@code READY} once every client has a tick on every symbol; after the
 * simulator's restart drops them, every client reconnects at once (after a short random pause when refused) and
 * resubscribes resuming from the old epoch, as the app does. Prints one {@code RESULT} line: the time from the first
 * drop until every client has a tick of the new epoch on every symbol, the bytes its new connections read from the
 * network meanwhile (frames as sent, compressed when deflate was negotiated), and the steady tick stream's bytes per
 * second afterwards.
 *
 * <p>Args: URI MODE(v1|v2|v2deflate) CONNECTIONS SYMBOL[,SYMBOL...]
 */
public final class StormLoadGeneratorMain {
    private static final long PHASE_TIMEOUT_MS = 300_000;
    private static final int CONNECT_BATCH = 50;

    private final URI uri;
    private final String mode;
    private final List<String> symbols;
    private final Map<String, Integer> symbolIndex = new HashMap<>();
    private final WebSocketClient client;
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor();
    private final AtomicInteger live = new AtomicInteger();
    private final AtomicLong firstDropNanos = new AtomicLong();
    private final AtomicLong allLiveNanos = new AtomicLong();
    private final AtomicLong snapshotBytes = new AtomicLong();
    private final AtomicInteger refusedConnects = new AtomicInteger();
    private final AtomicInteger reconnects = new AtomicInteger();
    private final AtomicLong frames = new AtomicLong();
    /** After the restart: clients welcomed on a new connection, and clients with a snapshot of every symbol. */
    private final AtomicInteger welcomed = new AtomicInteger();
    private final AtomicInteger snapshotted = new AtomicInteger();
    private final AtomicLong allWelcomedNanos = new AtomicLong();
    private final AtomicLong allSnapshotsNanos = new AtomicLong();
    private final AtomicInteger closeCodesShown = new AtomicInteger();
    private final AtomicInteger errorsShown = new AtomicInteger();
    private final List<Client> clients = new ArrayList<>();
    private volatile boolean afterRestart;
    private volatile boolean stopping;

    private StormLoadGeneratorMain(URI uri, String mode, List<String> symbols) throws Exception {
        this.uri = uri;
        this.mode = mode;
        this.symbols = symbols;
        for (int i = 0; i < symbols.size(); i++) {
            symbolIndex.put(symbols.get(i), i);
        }
        QueuedThreadPool threads = new QueuedThreadPool(64, 4);
        threads.setName("storm-loadgen");
        HttpClient http = new HttpClient();
        http.setExecutor(threads);
        http.setMaxConnectionsPerDestination(100_000);
        client = new WebSocketClient(http);
        client.setMaxTextMessageSize(Protocol.MAX_SERVER_FRAME_BYTES);
        client.setIdleTimeout(Duration.ofMinutes(5));
        client.start();
    }

    public static void main(String[] args) throws Exception {
        new StormLoadGeneratorMain(URI.create(args[0]), args[1], List.of(args[3].split(",")))
                .run(Integer.parseInt(args[2]));
        System.exit(0);
    }

    private void run(int n) throws Exception {
        for (int i = 0; i < n; i++) {
            clients.add(new Client());
        }
        for (int i = 0; i < n; i += CONNECT_BATCH) {
            for (int j = i; j < Math.min(n, i + CONNECT_BATCH); j++) {
                clients.get(j).connect();
            }
            int target = Math.min(n, i + CONNECT_BATCH);
            awaitCount(() -> connectedCount() >= target, 60_000);
        }
        if (!awaitCount(() -> live.get() >= n, PHASE_TIMEOUT_MS)) {
            System.out.println("RESULT failed: only " + live.get() + " of " + n + " clients live before the restart");
            return;
        }
        // First: from here on a tick on an old connection counts for nothing (it would mark a client live early).
        afterRestart = true;
        for (Client c : clients) {
            c.newPhase();
        }
        live.set(0);
        welcomed.set(0);
        snapshotted.set(0);
        snapshotBytes.set(0);
        reconnects.set(0);
        System.out.println("READY");
        System.out.flush();
        boolean allLive = awaitCount(() -> live.get() >= n, PHASE_TIMEOUT_MS);
        long bytes = 0;
        for (Client c : clients) {
            bytes += c.bytesSinceRestart();
        }
        if (!allLive) {
            System.out.printf("RESULT failed: %d of %d clients live %d s after the drop; bytes=%d%n", live.get(), n,
                    PHASE_TIMEOUT_MS / 1000, bytes);
            return;
        }
        double seconds = (allLiveNanos.get() - firstDropNanos.get()) / 1e9;
        double welcomedSeconds = (allWelcomedNanos.get() - firstDropNanos.get()) / 1e9;
        double snapshotSeconds = (allSnapshotsNanos.get() - firstDropNanos.get()) / 1e9;
        // The live stream afterwards: what a tick costs on the wire in this mode.
        awaitCount(() -> false, 1_000);
        long before = totalBytesNow();
        long startNanos = System.nanoTime();
        awaitCount(() -> false, 5_000);
        double streamSeconds = (System.nanoTime() - startNanos) / 1e9;
        double streamBytesPerSecond = (totalBytesNow() - before) / streamSeconds;
        System.out.printf("RESULT timeToAllLive=%.2fs allReconnected=%.2fs allSnapshots=%.2fs bytes=%.1fMB "
                        + "snapshotFrameBytes=%.1fMB reconnects=%d refused=%d streamBytesPerSecond=%.3fMB/s%n",
                seconds, welcomedSeconds, snapshotSeconds, bytes / 1e6, snapshotBytes.get() / 1e6,
                reconnects.get(), refusedConnects.get(), streamBytesPerSecond / 1e6);
        System.out.flush();
        stopping = true;
        client.stop();
    }

    private int connectedCount() {
        int k = 0;
        for (Client c : clients) {
            if (c.session != null) {
                k++;
            }
        }
        return k;
    }

    private long totalBytesNow() {
        long sum = 0;
        for (Client c : clients) {
            sum += c.bytesNow();
        }
        return sum;
    }

    /**
     * Polls {@code done} every 10 ms for at most {@code timeoutMs} (a bounded wait, no busy loop), with a progress
     * line on stderr every 5 s.
     */
    private boolean awaitCount(java.util.function.BooleanSupplier done, long timeoutMs) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        long nextReport = start + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            if (done.getAsBoolean()) {
                return true;
            }
            if (System.nanoTime() > nextReport) {
                nextReport += TimeUnit.SECONDS.toNanos(5);
                System.err.printf("storm-loadgen[%s]: connected %d, live %d, frames %d, reconnects %d, refused %d%n",
                        mode, connectedCount(), live.get(), frames.get(), reconnects.get(), refusedConnects.get());
            }
            Thread.sleep(10);
        }
        return done.getAsBoolean();
    }

    /** One client: its position per symbol (epoch, seq) to resume from, and whether it has a tick on each. */
    private final class Client {
        private final long[] lastSeq = new long[symbols.size()];
        private final boolean[] ticked = new boolean[symbols.size()];
        private int tickedCount;
        private boolean counted;
        private String epoch;
        /** The connection frames count from; a late callback of an older one is ignored. */
        private volatile Connection current;
        private volatile Session session;
        /** Bytes of this client's connections since the restart that are closed already. */
        private long closedBytes;
        private boolean fresh;
        private boolean welcomedAfterRestart;
        private int snapshots;

        void connect() {
            ClientUpgradeRequest request = new ClientUpgradeRequest(uri);
            if (!mode.equals("v1")) {
                request.setSubProtocols(Protocol.SUBPROTOCOL_V2);
            }
            if (mode.equals("v2deflate")) {
                request.addExtensions(Protocol.DEFLATE_EXTENSION);
            }
            Connection c = new Connection(this);
            current = c;
            try {
                client.connect(c, request).whenComplete((s, error) -> {
                    if (error != null && !stopping) {
                        if (refusedConnects.incrementAndGet() == 1) {
                            System.err.println("storm-loadgen: connect failed: " + error);
                        }
                        retries.schedule(this::connect, ThreadLocalRandom.current().nextLong(100, 300),
                                TimeUnit.MILLISECONDS);
                    }
                });
            } catch (Exception e) {
                if (refusedConnects.incrementAndGet() == 1) {
                    System.err.println("storm-loadgen: cannot connect: " + e);
                }
                retries.schedule(this::connect, 200, TimeUnit.MILLISECONDS);
            }
        }

        synchronized void newPhase() {
            counted = false;
            tickedCount = 0;
            java.util.Arrays.fill(ticked, false);
            closedBytes = 0;
            fresh = false;
            welcomedAfterRestart = false;
            snapshots = 0;
        }

        synchronized void opened(Connection c, Session s) {
            if (c == current) {
                session = s;
                fresh = afterRestart;
            }
        }

        void text(Connection c, String text) {
            if (c != current) {
                return;
            }
            frames.incrementAndGet();
            if (text.startsWith("{\"type\":\"tick\"")) {
                onTick(text);
            } else if (text.startsWith("{\"type\":\"snapshot\"")) {
                snapshotBytes.addAndGet(text.length());
                boolean all = false;
                synchronized (this) {
                    Integer i = symbolIndex.get(FrameText.symbol(text));
                    if (i != null) {
                        lastSeq[i] = FrameText.seq(text);
                    }
                    if (afterRestart && fresh && ++snapshots == symbols.size()) {
                        all = true;
                    }
                }
                if (all && snapshotted.incrementAndGet() == clients.size()) {
                    allSnapshotsNanos.set(System.nanoTime());
                }
            } else if (text.startsWith("{\"type\":\"welcome\"")) {
                boolean first;
                synchronized (this) {
                    first = afterRestart && fresh && !welcomedAfterRestart;
                    welcomedAfterRestart |= first;
                }
                if (first && welcomed.incrementAndGet() == clients.size()) {
                    allWelcomedNanos.set(System.nanoTime());
                }
                subscribe(c, FrameText.epoch(text));
            } else if (text.startsWith("{\"type\":\"error\"") && errorsShown.incrementAndGet() <= 5) {
                System.err.println("storm-loadgen: " + text);
            }
        }

        private synchronized void subscribe(Connection c, String serverEpoch) {
            StringBuilder sb = new StringBuilder("{\"type\":\"subscribe\",\"id\":1,\"symbols\":[\"")
                    .append(String.join("\",\"", symbols)).append("\"]");
            if (epoch != null) {
                sb.append(",\"resume\":{\"epoch\":\"").append(epoch).append("\",\"after\":{");
                for (int i = 0; i < symbols.size(); i++) {
                    sb.append(i == 0 ? "" : ",").append('"').append(symbols.get(i)).append("\":").append(lastSeq[i]);
                }
                sb.append("}}");
            }
            sb.append('}');
            epoch = serverEpoch;
            c.session.sendText(sb.toString(), Callback.NOOP);
        }

        private void onTick(String text) {
            boolean nowLive = false;
            synchronized (this) {
                Integer i = symbolIndex.get(FrameText.symbol(text));
                if (i == null) {
                    return;
                }
                lastSeq[i] = FrameText.seq(text);
                if (afterRestart && !fresh) {
                    return; // a tick of the old epoch, on a connection about to be dropped
                }
                if (!ticked[i]) {
                    ticked[i] = true;
                    tickedCount++;
                    if (tickedCount == symbols.size() && !counted) {
                        counted = true;
                        nowLive = true;
                    }
                }
            }
            if (nowLive && live.incrementAndGet() == clients.size() && afterRestart) {
                allLiveNanos.set(System.nanoTime());
            }
        }

        void dropped(Connection c) {
            synchronized (this) {
                if (c != current || session == null) {
                    return;
                }
                if (fresh) {
                    closedBytes += bytesOf(session);
                }
                session = null;
                if (afterRestart && !counted) {
                    java.util.Arrays.fill(ticked, false);
                    tickedCount = 0;
                }
            }
            if (stopping) {
                return;
            }
            if (afterRestart) {
                firstDropNanos.compareAndSet(0, System.nanoTime());
            }
            reconnects.incrementAndGet();
            connect();
        }

        synchronized long bytesSinceRestart() {
            Session s = session;
            return closedBytes + (s != null && fresh ? bytesOf(s) : 0);
        }

        synchronized long bytesNow() {
            Session s = session;
            return closedBytes + (s == null ? 0 : bytesOf(s));
        }

        private long bytesOf(Session s) {
            return ((WebSocketCoreSession) ((WebSocketSession) s).getCoreSession()).getConnection().getBytesIn();
        }
    }

    /** One WebSocket connection of a client (a new one per reconnect). Public: Jetty calls it reflectively. */
    public final class Connection implements Session.Listener.AutoDemanding {
        private final Client owner;
        private volatile Session session;

        Connection(Client owner) {
            this.owner = owner;
        }

        @Override
        public void onWebSocketOpen(Session s) {
            session = s;
            owner.opened(this, s);
        }

        @Override
        public void onWebSocketText(String text) {
            owner.text(this, text);
        }

        @Override
        public void onWebSocketClose(int statusCode, String reason, Callback callback) {
            callback.succeed();
            if (statusCode != 1006 && !stopping && closeCodesShown.incrementAndGet() <= 5) {
                System.err.println("storm-loadgen: closed " + statusCode + " " + reason);
            }
            owner.dropped(this);
        }

        @Override
        public void onWebSocketError(Throwable cause) {
            owner.dropped(this);
        }
    }
}
