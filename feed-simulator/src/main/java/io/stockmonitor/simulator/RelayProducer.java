package io.stockmonitor.simulator;

import io.stockmonitor.feed.FeedEvent;
import io.stockmonitor.relay.RelayedTrade;
import io.stockmonitor.relay.UpstreamRelay;
import io.stockmonitor.source.SourceSettings;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A provider relayed as the feed's upstream ({@link UpstreamRelay}): each trade becomes the symbol's next tick with
 * our seq, each gap the provider's client settled rides on the symbol's next tick as an {@link UpstreamGap}. The
 * client's thread only queues (bounded by {@link SimulatorConfig#RELAY_QUEUE_ITEMS}); a writer thread turns the
 * queue into ticks, so a slow target (a shared history in Redis) never holds the client up.
 *
 * <p>A relay that takes over from another producer (a shared history) cannot know what the provider sent between:
 * for a provider with contiguous ids it drops trades its predecessor already relayed and reports the ids it jumped
 * as lost; for others the switch is a lost gap of unknown size.
 */
final class RelayProducer implements TickProducer {
    private static final Logger LOG = LoggerFactory.getLogger(RelayProducer.class);
    private static final long NONE = TickRecord.NO_UPSTREAM_ID;

    private final SourceSettings settings;
    private final List<String> symbols;
    private final Map<String, Integer> indexes = new HashMap<>();
    private final InternalFailure failure;
    private Run run;

    RelayProducer(SourceSettings settings, InternalFailure failure) {
        this.settings = settings;
        this.symbols = settings.symbols();
        if (symbols.isEmpty()) {
            throw new IllegalArgumentException("a relay needs --symbols in the provider's own spelling");
        }
        for (int i = 0; i < symbols.size(); i++) {
            indexes.put(symbols.get(i), i);
        }
        this.failure = failure;
    }

    @Override
    public List<String> symbols() {
        return symbols;
    }

    /** A relayed symbol has no history before its first trade. */
    @Override
    public EpochStart opening(int symbolIndex, Epoch epoch) {
        return EpochStart.unknown();
    }

    @Override
    public synchronized void start(Epoch epoch, TickRecord[] latest, TickTarget target) {
        stop();
        run = new Run(latest, target);
        run.begin();
    }

    @Override
    public synchronized void stop() {
        if (run != null) {
            run.end();
            run = null;
        }
    }

    @Override
    public synchronized Map<String, Object> status() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("source", "relay");
        s.put("upstream", settings.kind().id());
        s.put("producing", run != null);
        if (run != null) {
            s.put("upstreamState", run.relay == null ? "starting" : run.relay.status().state().name());
            s.put("queued", run.queue.size());
        }
        return s;
    }

    /** One stretch of producing: from a start to the next stop. */
    private final class Run implements UpstreamRelay.Output {
        private final BlockingQueue<Object[]> queue = new ArrayBlockingQueue<>(SimulatorConfig.RELAY_QUEUE_ITEMS);
        private final AtomicLongArray dropped;
        private final TickTarget target;
        private final long[] lastSeq;
        private final long[] lastUpstreamId;
        private final long[] lastTs;
        private final boolean[] tookOver;
        private final UpstreamGap[] pending;
        private final Thread writer;
        private volatile boolean running = true;
        private volatile UpstreamRelay relay;

        Run(TickRecord[] latest, TickTarget target) {
            int n = symbols.size();
            this.target = target;
            dropped = new AtomicLongArray(n);
            lastSeq = new long[n];
            lastUpstreamId = new long[n];
            lastTs = new long[n];
            tookOver = new boolean[n];
            pending = new UpstreamGap[n];
            for (int i = 0; i < n; i++) {
                TickRecord t = latest[i];
                lastSeq[i] = t == null ? 0 : t.seq();
                lastUpstreamId[i] = t == null ? NONE : t.upstreamId();
                lastTs[i] = t == null ? 0 : t.ts();
                tookOver[i] = t != null;
            }
            writer = failure.threads("feed-relay-writer").newThread(this::writeUntilStopped);
        }

        void begin() {
            writer.start();
            relay = UpstreamRelay.start(settings, this);
        }

        void end() {
            running = false;
            UpstreamRelay r = relay;
            if (r != null) {
                r.close();
            }
            writer.interrupt();
            try {
                writer.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        // ---- the relay's client thread: queue only ----

        @Override
        public void trade(String symbol, RelayedTrade trade) {
            Integer i = indexes.get(symbol);
            if (i != null && running && !queue.offer(new Object[] {i, trade})) {
                dropped.incrementAndGet(i);
            }
        }

        @Override
        public void gap(String symbol, FeedEvent.GapSettled gap) {
            LOG.info("relay {}: upstream gap {} ({} refilled, {} lost), passed on before its next tick",
                    PeerText.forLog(symbol), gap.kind(), gap.refilled(), gap.missed());
            Integer i = indexes.get(symbol);
            if (i != null && running && !queue.offer(new Object[] {i, upstreamGap(gap)})) {
                // The gap itself did not fit: the trades it spoke of count as unknown losses.
                dropped.addAndGet(i, 1);
            }
        }

        // ---- the writer thread ----

        private void writeUntilStopped() {
            while (running) {
                Object[] item;
                try {
                    item = queue.poll(250, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    return;
                }
                if (item == null) {
                    continue;
                }
                int i = (Integer) item[0];
                if (item[1] instanceof UpstreamGap g) {
                    pending[i] = pending[i] == null ? g : pending[i].merge(g);
                } else {
                    write(i, (RelayedTrade) item[1]);
                }
            }
        }

        private void write(int i, RelayedTrade t) {
            if (settings.kind().contiguousIds() && lastUpstreamId[i] != NONE && t.upstreamId() <= lastUpstreamId[i]) {
                return; // relayed already (by this producer's predecessor, or before a reconnect)
            }
            if (tookOver[i]) {
                tookOver[i] = false;
                long missed = settings.kind().contiguousIds() && lastUpstreamId[i] != NONE
                        ? t.upstreamId() - lastUpstreamId[i] - 1 : -1;
                if (missed != 0) {
                    addPending(i, new UpstreamGap(UpstreamGap.Kind.LOST, 0, missed, lastTs[i], t.ts()));
                }
            }
            long lost = dropped.getAndSet(i, 0);
            if (lost > 0) {
                LOG.warn("relay {}: {} trades did not fit the relay's queue ({} items) and are reported lost",
                        symbols.get(i), lost, SimulatorConfig.RELAY_QUEUE_ITEMS);
                addPending(i, new UpstreamGap(UpstreamGap.Kind.LOST, 0, lost, lastTs[i], t.ts()));
            }
            TickRecord tick = new TickRecord(lastSeq[i] + 1, t.ts(), t.price(), t.size(), t.bid(), t.ask(), t.open(),
                    t.high(), t.low(), t.prevClose(), t.volume(), pending[i], Double.NaN, t.upstreamId());
            if (target.write(i, tick)) {
                lastSeq[i] = tick.seq();
                lastUpstreamId[i] = t.upstreamId();
                lastTs[i] = t.ts();
                pending[i] = null;
            }
        }

        private void addPending(int i, UpstreamGap g) {
            pending[i] = pending[i] == null ? g : pending[i].merge(g);
        }
    }

    /** The feed client's gap as the protocol tells it. */
    static UpstreamGap upstreamGap(FeedEvent.GapSettled g) {
        UpstreamGap.Kind kind = switch (g.kind()) {
            case EXACT -> UpstreamGap.Kind.EXACT;
            case BY_TIME -> UpstreamGap.Kind.BY_TIME;
            default -> UpstreamGap.Kind.LOST;
        };
        return new UpstreamGap(kind, g.refilled(), g.missed(), g.fromTs(), g.toTs());
    }
}
