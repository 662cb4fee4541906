package io.stockmonitor.source;

import io.stockmonitor.feed.FeedCounters;
import io.stockmonitor.feed.FeedEvent;
import io.stockmonitor.feed.FeedLink;
import io.stockmonitor.feed.TradeOutput;
import io.stockmonitor.market.GapKind;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every trade of every symbol exactly once, in id order, for a provider whose trade ids are contiguous per symbol
 * (Binance's aggregate ids, Coinbase's and Kraken's trade ids): the heart of the exact sources.
 *
 * <p>Per symbol it keeps the last applied id. A live trade with the next id is applied; one at or below it is a
 * duplicate (a re-sent frame, or the overlap of two sockets in a rollover) and dropped; one further ahead opens a
 * gap: it and later live trades wait in a bounded buffer while the provider's REST history is read from the last
 * applied id on ({@link History}), page by page, and applied in id order as "refilled" trades; then the buffer
 * follows. After a reconnect every symbol with a position catches up the same way before its live trades, so a
 * drop, a stall or the provider's forced reconnect leaves no hole, and a quiet symbol is checked too.
 *
 * <p>Each hole ends as one {@link FeedEvent.GapSettled}: {@link GapKind#EXACT} when every missing id was fetched,
 * {@link GapKind#LOST} (with the count) when some ids are absent from the provider's history, the refill had to give
 * up (a ban, an outage, an overflowing buffer) or the history could not be read. An exact gap spans the hole; a lost
 * one spans the ids not obtained (first to last), so the record's gap line covers only what the record lacks. A
 * reconnect that missed nothing settles the symbol's disconnection as exact without a gap event.
 *
 * <p>Feed thread only.
 */
public final class TradeSequencer {
    /** A provider's trade history over REST. */
    public interface History {
        /**
         * Reads the next page of the symbol's trades with ids above {@code afterId} (the last applied trade, at
         * {@code afterTs}), oldest first, and calls {@code page} on the feed thread.
         */
        void fetch(String symbol, long afterId, long afterTs, Page page);

        /** Reads the symbol's most recent trade (a page of one, or none), for a new symbol's starting point. */
        void latest(String symbol, Page page);
    }

    /** One page of history, or why there is none. */
    public interface Page {
        /** Trades with ids above the asked one, ascending; {@code more} when the page was full (ask again). */
        void trades(List<Trade> trades, boolean more);

        /** No page: {@code retryable} for trouble that may pass (network, server, throttling). */
        void failed(String reason, boolean retryable);
    }

    /** Runs a task on the feed thread later (the refill's retries and waits). */
    @FunctionalInterface
    public interface Timer {
        void schedule(Runnable task, long delayMs);
    }

    private static final Logger LOG = LoggerFactory.getLogger(TradeSequencer.class);
    private static final long NONE = Long.MIN_VALUE;

    private final Timer timer;
    private final FeedCounters counters;
    private final TradeOutput output;
    private final String epoch;
    private final History history;
    private final SourceLimits limits;
    private final Map<String, Stream> streams = new HashMap<>();

    public TradeSequencer(FeedLink link, String epoch, History history, SourceLimits limits) {
        this(link.output(), link.counters(), link::schedule, epoch, history, limits);
    }

    /** A sequencer on its parts (benchmarks drive one without a connection). */
    public TradeSequencer(TradeOutput output, FeedCounters counters, Timer timer, String epoch, History history,
                          SourceLimits limits) {
        this.output = output;
        this.counters = counters;
        this.timer = timer;
        this.epoch = epoch;
        this.history = history;
        this.limits = limits;
    }

    /** Benchmarks: puts the symbol's position at {@code lastId}, so the same frames apply again. */
    public void rewind(String symbol, long lastId) {
        Stream s = streams.get(symbol);
        if (s != null && !s.refilling) {
            s.lastId = lastId;
        }
    }

    /**
     * Adds a symbol and reads its latest trade from the history, so its last price shows at once (a quiet symbol may
     * not trade for minutes) and a drop before its first live trade still has a position to refill from.
     */
    public void add(String symbol) {
        if (streams.containsKey(symbol)) {
            return;
        }
        Stream s = new Stream(symbol);
        streams.put(symbol, s);
        history.latest(symbol, new Page() {
            @Override
            public void trades(List<Trade> trades, boolean more) {
                if (s.removed || s.lastId != NONE || s.refilling || trades.isEmpty()) {
                    return; // a live trade got there first: it is newer
                }
                Trade t = trades.get(trades.size() - 1);
                if (t.valid()) {
                    apply(s, t.id(), t.ts(), t.price(), t.size(), false);
                } else {
                    s.lastId = t.id();
                    s.lastTs = t.ts();
                }
            }

            @Override
            public void failed(String reason, boolean retryable) {
                LOG.info("{} {}: no latest trade from the history ({}); starting at the first live trade", epoch,
                        symbol, reason);
            }
        });
    }

    public void remove(String symbol) {
        Stream s = streams.remove(symbol);
        if (s != null) {
            s.removed = true;
        }
    }

    /** The last applied id of the symbol, or {@link Long#MIN_VALUE} before any. */
    public long lastId(String symbol) {
        Stream s = streams.get(symbol);
        return s == null ? NONE : s.lastId;
    }

    /** True while the symbol's gap is being refilled. */
    public boolean refilling(String symbol) {
        Stream s = streams.get(symbol);
        return s != null && s.refilling;
    }

    /** True while any symbol is being refilled. */
    public boolean anyRefilling() {
        for (Stream s : streams.values()) {
            if (s.refilling) {
                return true;
            }
        }
        return false;
    }

    /**
     * A live trade, straight from the socket. Applied, dropped as a duplicate, or held while a gap before it is
     * refilled. No allocation unless a gap opens.
     */
    public void live(String symbol, long id, long ts, double price, double size) {
        live(symbol, id, ts, price, size, true);
    }

    /**
     * As {@link #live(String, long, long, double, double)}; {@code current} false for a trade the socket replays
     * from history (a subscription's snapshot of recent trades): applied the same way, but not measured as feed
     * latency, since it is old by design.
     */
    public void live(String symbol, long id, long ts, double price, double size, boolean current) {
        Stream s = streams.get(symbol);
        if (s == null) {
            return;
        }
        // Set before a refill holds it back too: once a live trade has arrived, the next hole is one the user saw
        // (a start-up catch-up under way keeps the kind it started with).
        s.seenLive = true;
        if (s.refilling) {
            if (id <= s.lastId || (!s.buffer.isEmpty() && id <= s.buffer.lastId())) {
                counters.add(FeedCounters.Counter.DUPLICATES_DROPPED);
            } else if (!s.buffer.add(id, ts, price, size)) {
                overflow(s);
            }
            return;
        }
        if (s.lastId == NONE || id == s.lastId + 1) {
            apply(s, id, ts, price, size, current);
        } else if (id <= s.lastId) {
            counters.add(FeedCounters.Counter.DUPLICATES_DROPPED);
        } else {
            LOG.info("{} {}: trade id {} after {}; refilling ids {}..{} from the history", epoch, symbol, id,
                    s.lastId, s.lastId + 1, id - 1);
            startRefill(s);
            s.buffer.add(id, ts, price, size);
            pump(s);
        }
    }

    /**
     * A new connection carries the symbols again: every symbol with a position reads the history from its last id
     * before its live trades apply, so whatever the drop missed is refilled (and a quiet symbol is checked).
     */
    public void reconnected() {
        for (Stream s : streams.values()) {
            catchUp(s);
        }
    }

    /**
     * One symbol may have missed trades the stream will not reveal (a provider's heartbeat names a trade id never
     * received, or a connection came back for this symbol alone): it reads the history from its last id as
     * {@link #reconnected} does for all. Nothing happens while a refill is running, which will see the same trades.
     */
    public void catchUp(String symbol) {
        Stream s = streams.get(symbol);
        if (s != null) {
            catchUp(s);
        }
    }

    private void catchUp(Stream s) {
        if (s.lastId == NONE) {
            // Never traded: there is no stream yet to have a hole in.
            output.nothingMissed(s.symbol);
        } else if (!s.refilling) {
            startRefill(s);
            pump(s);
        }
    }

    private void apply(Stream s, long id, long ts, double price, double size, boolean live) {
        s.lastId = id;
        s.lastTs = ts;
        output.trade(s.symbol, epoch, id, ts, price, size, Double.NaN, Double.NaN, live);
    }

    private void startRefill(Stream s) {
        s.refilling = true;
        // Before its first live trade a symbol is catching up from the latest trade it started at: trades
        // applied then fill no hole (nothing was missed yet), so there is no gap to show or count.
        s.catchUp = !s.seenLive;
        s.gapFromId = s.lastId + 1;
        s.gapFromTs = s.lastTs;
        s.refilled = 0;
        s.lost = 0;
        s.lostFromId = NONE;
        s.lostToId = NONE;
        s.startedMs = System.currentTimeMillis();
        s.lagSinceMs = -1;
        s.lagWaitMs = limits.restLagRetryMs();
        if (s.buffer == null) {
            s.buffer = new TradeBuffer(limits.bufferedTradesPerSymbol());
        }
        if (!s.catchUp) {
            output.refilling(s.symbol, s.lastTs);
        }
    }

    /** Asks for the next page unless one is in flight or the span is complete. */
    private void pump(Stream s) {
        if (!s.refilling || s.fetching || s.removed) {
            return;
        }
        if (!s.buffer.isEmpty() && s.lastId >= s.buffer.firstId() - 1) {
            finish(s);
            return;
        }
        if (System.currentTimeMillis() - s.startedMs > limits.refillGiveUpMs()) {
            giveUp(s, "the refill did not finish within " + limits.refillGiveUpMs() / 1000 + " s");
            return;
        }
        s.fetching = true;
        history.fetch(s.symbol, s.lastId, s.lastTs, new Page() {
            @Override
            public void trades(List<Trade> trades, boolean more) {
                s.fetching = false;
                if (!s.removed && s.refilling) {
                    onPage(s, trades, more);
                }
            }

            @Override
            public void failed(String reason, boolean retryable) {
                s.fetching = false;
                if (s.removed || !s.refilling) {
                    return;
                }
                if (!retryable) {
                    giveUp(s, "the history cannot be read: " + reason);
                } else {
                    LOG.info("{} {}: history unavailable ({}); trying again", epoch, s.symbol, reason);
                    timer.schedule(() -> pump(s), Math.max(1_000, limits.restLagRetryMs()));
                }
            }
        });
    }

    private void onPage(Stream s, List<Trade> trades, boolean more) {
        long target = s.buffer.isEmpty() ? Long.MAX_VALUE : s.buffer.firstId() - 1;
        boolean advanced = false;
        for (Trade t : trades) {
            if (t.id() <= s.lastId) {
                continue;
            }
            if (t.id() > target) {
                break;
            }
            if (t.id() > s.lastId + 1) {
                // Absent from the provider's own history: no refill can bring these back.
                absent(s, s.lastId + 1, t.id() - 1);
                LOG.warn("{} {}: ids {}..{} are absent from the history: {} trades lost", epoch, s.symbol,
                        s.lastId + 1, t.id() - 1, t.id() - s.lastId - 1);
            }
            advanced = true;
            if (t.valid()) {
                apply(s, t.id(), t.ts(), t.price(), t.size(), false);
                s.refilled++;
            } else {
                s.lastId = t.id();
            }
        }
        if (s.lastId >= target) {
            finish(s);
        } else if (advanced && more) {
            s.lagSinceMs = -1;
            pump(s);
        } else if (s.buffer.isEmpty()) {
            // Caught up with the history and nothing live is waiting: whatever comes next continues from here.
            finish(s);
        } else {
            // The history lags the stream (a database behind a live feed): ask again a little later, for a while.
            long now = System.currentTimeMillis();
            if (advanced || s.lagSinceMs < 0) {
                s.lagSinceMs = now;
                s.lagWaitMs = limits.restLagRetryMs();
            }
            if (now - s.lagSinceMs >= limits.restLagGiveUpMs()) {
                absent(s, s.lastId + 1, target);
                LOG.warn("{} {}: ids {}..{} never appeared in the history: {} trades lost", epoch, s.symbol,
                        s.lastId + 1, target, target - s.lastId);
                s.lastId = target;
                finish(s);
            } else {
                long wait = s.lagWaitMs;
                s.lagWaitMs = Math.min(2_000, s.lagWaitMs * 2);
                timer.schedule(() -> pump(s), wait);
            }
        }
    }

    private void overflow(Stream s) {
        giveUp(s, "more than " + limits.bufferedTradesPerSymbol() + " live trades waited for the refill");
    }

    /** The rest of the span cannot be refilled: it is reported lost and the waiting live trades go on. */
    private void giveUp(Stream s, String why) {
        long firstLost = s.lastId + 1;
        if (!s.buffer.isEmpty()) {
            long target = s.buffer.firstId() - 1;
            if (target > s.lastId) {
                absent(s, s.lastId + 1, target);
                s.lastId = target;
            }
        } else {
            // How far the loss reaches is unknown: it starts at the first id not obtained.
            absent(s, firstLost, firstLost - 1);
            s.unknownLoss = true;
        }
        LOG.warn("{} {}: giving up the refill ({}): trades from id {} are lost", epoch, s.symbol, why, firstLost);
        finish(s);
    }

    /** Ids {@code from..to} (none when {@code to < from}) will never be applied: they widen the span reported lost. */
    private static void absent(Stream s, long from, long to) {
        if (s.lostFromId == NONE) {
            s.lostFromId = from;
        }
        if (to >= from) {
            s.lost += to - from + 1;
            s.lostToId = to;
        }
    }

    /** The span is done: settle it, then apply the waiting live trades in order (which may open the next gap). */
    private void finish(Stream s) {
        long toId = s.lastId;
        long toTs = s.lastTs;
        s.refilling = false;
        if ((s.refilled == 0 || s.catchUp) && s.lost == 0 && !s.unknownLoss) {
            output.nothingMissed(s.symbol);
        } else if (s.lost == 0 && !s.unknownLoss) {
            output.gap(new FeedEvent.GapSettled(s.symbol, GapKind.EXACT, s.gapFromId, toId, s.gapFromTs, toTs,
                    s.refilled, 0));
        } else {
            // The lost span names the ids missing, from the first to the last (the refilled trades around them are
            // in the record on their own): the record's gap covers only what it does not hold.
            Long to = s.unknownLoss ? null : s.lostToId;
            output.gap(new FeedEvent.GapSettled(s.symbol, GapKind.LOST, s.lostFromId, to, s.gapFromTs, toTs,
                    s.refilled, s.unknownLoss ? -1 : s.lost));
        }
        s.unknownLoss = false;
        drainBuffer(s);
    }

    private void drainBuffer(Stream s) {
        TradeBuffer b = s.buffer;
        while (!b.isEmpty()) {
            long id = b.firstId();
            if (id <= s.lastId) {
                counters.add(FeedCounters.Counter.DUPLICATES_DROPPED);
                b.drop();
            } else if (id == s.lastId + 1) {
                apply(s, id, b.firstTs(), b.firstPrice(), b.firstSize(), true);
                b.drop();
            } else {
                // A hole inside what waited: refill it the same way; the rest keeps waiting.
                startRefill(s);
                pump(s);
                return;
            }
        }
    }

    /** One symbol's position and refill. */
    private static final class Stream {
        final String symbol;
        long lastId = NONE;
        long lastTs;
        boolean refilling;
        /** A live trade of this symbol has arrived on a socket. */
        boolean seenLive;
        /** The refill under way is the start-up catch-up from the seed, not a hole. */
        boolean catchUp;
        boolean fetching;
        boolean removed;
        boolean unknownLoss;
        long gapFromId;
        /** First and last id of the span reported lost ({@link #NONE} while nothing is lost). */
        long lostFromId = NONE;
        long lostToId = NONE;
        long gapFromTs;
        long refilled;
        long lost;
        long startedMs;
        long lagSinceMs;
        long lagWaitMs;
        TradeBuffer buffer;

        Stream(String symbol) {
            this.symbol = symbol;
        }
    }

    /** Live trades waiting for a refill: a bounded FIFO of primitives (no object per trade). */
    static final class TradeBuffer {
        private final int capacity;
        private long[] ids = new long[64];
        private long[] times = new long[64];
        private double[] prices = new double[64];
        private double[] sizes = new double[64];
        private int head;
        private int size;

        TradeBuffer(int capacity) {
            this.capacity = capacity;
        }

        boolean isEmpty() {
            return size == 0;
        }

        /** False when full (the caller gives the refill up). */
        boolean add(long id, long ts, double price, double quantity) {
            if (size == capacity) {
                return false;
            }
            if (size == ids.length) {
                grow();
            }
            int i = (head + size) % ids.length;
            ids[i] = id;
            times[i] = ts;
            prices[i] = price;
            sizes[i] = quantity;
            size++;
            return true;
        }

        long firstId() {
            return ids[head];
        }

        long lastId() {
            return ids[(head + size - 1) % ids.length];
        }

        long firstTs() {
            return times[head];
        }

        double firstPrice() {
            return prices[head];
        }

        double firstSize() {
            return sizes[head];
        }

        void drop() {
            head = (head + 1) % ids.length;
            size--;
        }

        private void grow() {
            int n = Math.min(capacity, ids.length * 2);
            long[] newIds = new long[n];
            long[] newTimes = new long[n];
            double[] newPrices = new double[n];
            double[] newSizes = new double[n];
            for (int k = 0; k < size; k++) {
                int i = (head + k) % ids.length;
                newIds[k] = ids[i];
                newTimes[k] = times[i];
                newPrices[k] = prices[i];
                newSizes[k] = sizes[i];
            }
            ids = newIds;
            times = newTimes;
            prices = newPrices;
            sizes = newSizes;
            head = 0;
        }
    }
}
