package io.stockmonitor.source;

import io.stockmonitor.feed.FeedCounters;
import io.stockmonitor.feed.FeedEvent;
import io.stockmonitor.feed.FeedLink;
import io.stockmonitor.feed.TradeOutput;
import io.stockmonitor.market.GapKind;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every trade of every symbol once, in time order, for a provider whose trade ids are unique but not contiguous
 * (Alpaca): the sibling of the {@link TradeSequencer} for providers that can refill only by time. Since a missing id
 * number proves nothing, a hole can never be seen in the stream, nor a refill proven complete: every span in which
 * the connection was down is refilled from the provider's history by time and reported as
 * {@link GapKind#BY_TIME} ("refilled by time", never "exact"), or {@link GapKind#LOST} with an unknown count when the
 * history cannot be read.
 *
 * <p>Per symbol it keeps the last applied trade's time and the ids applied at that time (plus the most recent ids,
 * {@link AppliedIds}). When the connection is lost, live trades are held from then on (bounded by
 * {@link SourceLimits#bufferedTradesPerSymbol()}); once the new connection carries the symbols
 * ({@link #reconnected()}) the history is read page by page ({@link History#fetch}) from the last applied time to
 * the first held live trade's time, both inclusive (or up to the provider's present when no live trade has come
 * yet), ids already applied are dropped, and the rest is applied in time order (ties by id), merged with the held
 * live trades, which follow.
 *
 * <p>A symbol without a position (just added, or never traded) starts from its latest trade, read only once the
 * provider confirmed that the connection carries it ({@link #streaming}): every later trade then comes live, so
 * nothing between that read and the subscription can slip through unseen, and no catch-up has to hold live trades.
 *
 * <p>Feed thread only.
 */
public final class TimeRefill {
    /** A provider's trade history over REST, by time. */
    public interface History {
        /**
         * Reads one page of the symbol's trades with times in [{@code fromNanos}, {@code toNanos}] (both inclusive;
         * {@code toNanos} {@link #OPEN_END}: up to the provider's present), oldest first, continuing after
         * {@code pageToken} (null for the first page), and calls {@code page} on the feed thread.
         */
        void fetch(String symbol, long fromNanos, long toNanos, String pageToken, Page page);

        /** Reads the symbol's most recent trade (a page of one, or none): a new symbol's first price and position. */
        void latest(String symbol, Page page);
    }

    /** One page of history, or why there is none. */
    public interface Page {
        /** Trades oldest first; {@code nextPageToken} non-null when there may be more (ask again with it). */
        void trades(List<TimedTrade> trades, String nextPageToken);

        /** No page: {@code retryable} for trouble that may pass (network, server, throttling). */
        void failed(String reason, boolean retryable);
    }

    /** The {@code toNanos} of a window that runs to the provider's present. */
    public static final long OPEN_END = Long.MAX_VALUE;

    private static final Logger LOG = LoggerFactory.getLogger(TimeRefill.class);
    private static final long NONE = AppliedIds.NONE;
    /** First wait before a failed page is asked again (the gate has retried it already). */
    private static final long RETRY_FIRST_MS = 1_000;
    private static final long RETRY_CAP_MS = 30_000;

    /** Where a symbol's stream stands. */
    private enum State {
        /** Live trades are applied as they come. */
        LIVE,
        /** The connection was lost: live trades are held until the next one carries the symbol. */
        HELD,
        /** The span is being read from the history; live trades are held. */
        REFILLING
    }

    private final FeedLink link;
    private final TradeOutput output;
    private final String epoch;
    private final History history;
    private final SourceLimits limits;
    private final Map<String, Stream> streams = new HashMap<>();

    public TimeRefill(FeedLink link, String epoch, History history, SourceLimits limits) {
        this.link = link;
        this.output = link.output();
        this.epoch = epoch;
        this.history = history;
        this.limits = limits;
    }

    /** Adds a symbol; its stream starts once a connection carries it. */
    public void add(String symbol) {
        streams.computeIfAbsent(symbol, k -> new Stream(k, new TimedTradeBuffer(limits.bufferedTradesPerSymbol())));
    }

    public void remove(String symbol) {
        Stream s = streams.remove(symbol);
        if (s != null) {
            s.removed = true;
            endSeries(s);
            cancel(s.giveUpTask);
        }
    }

    /**
     * A live trade, straight from the socket: applied, dropped as a duplicate, or held while a span before it is
     * refilled. No allocation.
     */
    public void live(String symbol, long id, long timeNanos, double price, double size) {
        Stream s = streams.get(symbol);
        if (s == null) {
            return;
        }
        if (s.state != State.LIVE) {
            if (!s.buffer.add(id, timeNanos, price, size)) {
                giveUp(s, "more than " + limits.bufferedTradesPerSymbol() + " live trades waited for the refill");
            }
            return;
        }
        if (s.ids.seen(id, timeNanos)) {
            link.counters().add(FeedCounters.Counter.DUPLICATES_DROPPED);
            return;
        }
        apply(s, id, timeNanos, price, size, true);
    }

    /**
     * The connection is gone: from now on each symbol with a position holds its live trades until the next
     * connection carries it and the span is refilled. A refill under way starts over from its last applied trade
     * then (what it held came from the lost socket and is in the history too).
     */
    public void connectionLost() {
        for (Stream s : streams.values()) {
            if (s.state == State.REFILLING) {
                // The deadline is the refill's, not the outage's: it starts again with the next connection.
                endSeries(s);
                cancel(s.giveUpTask);
                s.giveUpTask = null;
                s.state = State.HELD;
            } else if (s.state == State.LIVE && s.ids.newestNanos() != NONE) {
                s.state = State.HELD;
                openSpan(s);
            }
            if (s.state == State.HELD) {
                s.buffer.clear();
            }
        }
    }

    /**
     * A connection carries every symbol again: each span opened by a loss is refilled. A symbol that never traded had
     * no stream yet to have a hole in; it starts from its latest trade once the connection is known to carry it
     * ({@link #streaming}).
     */
    public void reconnected() {
        for (Stream s : streams.values()) {
            if (s.state == State.HELD) {
                startSeries(s);
            } else if (s.state == State.LIVE && s.ids.newestNanos() == NONE) {
                output.nothingMissed(s.symbol);
            }
        }
    }

    /**
     * The provider confirmed that the connection carries {@code symbol}: without a position, it starts from its
     * latest trade.
     */
    public void streaming(String symbol) {
        Stream s = streams.get(symbol);
        if (s != null && s.state == State.LIVE && s.ids.newestNanos() == NONE) {
            seed(s);
        }
    }

    /**
     * Reads the latest trade, so the last price shows at once (a quiet stock may not trade for minutes) and a drop
     * before the first live trade still has a time to refill from. Asked after the subscription took effect: a live
     * trade that comes first is newer (the read is then ignored), and the read trade's own live copy is a duplicate.
     */
    private void seed(Stream s) {
        history.latest(s.symbol, new Page() {
            @Override
            public void trades(List<TimedTrade> trades, String nextPageToken) {
                if (s.removed || s.state != State.LIVE || s.ids.newestNanos() != NONE || trades.isEmpty()) {
                    return;
                }
                TimedTrade t = trades.get(trades.size() - 1);
                apply(s, t.id(), t.timeNanos(), t.price(), t.size(), false);
            }

            @Override
            public void failed(String reason, boolean retryable) {
                LOG.info("{} {}: no latest trade from the history ({}); starting at the first live trade", epoch,
                        s.symbol, reason);
            }
        });
    }

    private void apply(Stream s, long id, long timeNanos, double price, double size, boolean live) {
        s.ids.add(id, timeNanos);
        output.trade(s.symbol, epoch, id, Math.floorDiv(timeNanos, 1_000_000L), price, size, Double.NaN, Double.NaN,
                live);
    }

    private void openSpan(Stream s) {
        s.spanFromNanos = s.ids.newestNanos();
        s.refilled = 0;
        s.marked = false;
        s.retryMs = RETRY_FIRST_MS;
    }

    /** Starts reading the span from the last applied trade to the first held live one (or the present). */
    private void startSeries(Stream s) {
        s.state = State.REFILLING;
        if (!s.marked) {
            // The span's first read: the symbol shows REFILLING.
            s.marked = true;
            output.refilling(s.symbol, Math.floorDiv(s.ids.newestNanos(), 1_000_000L));
        }
        if (s.giveUpTask == null) {
            s.giveUpTask = link.schedule(() -> {
                if (!s.removed && s.state == State.REFILLING) {
                    giveUp(s, "the refill did not finish within " + limits.refillGiveUpMs() / 1000 + " s");
                }
            }, limits.refillGiveUpMs());
        }
        s.generation++;
        s.seriesFrom = s.ids.newestNanos();
        s.seriesTo = s.buffer.isEmpty() ? OPEN_END : Math.max(s.seriesFrom, s.buffer.firstNanos());
        s.pageToken = null;
        fetchNext(s);
    }

    private void fetchNext(Stream s) {
        int generation = s.generation;
        history.fetch(s.symbol, s.seriesFrom, s.seriesTo, s.pageToken, new Page() {
            @Override
            public void trades(List<TimedTrade> trades, String nextPageToken) {
                if (current()) {
                    onPage(s, trades, nextPageToken);
                }
            }

            @Override
            public void failed(String reason, boolean retryable) {
                if (!current()) {
                    return;
                }
                if (!retryable) {
                    giveUp(s, "the history cannot be read: " + reason);
                    return;
                }
                long wait = s.retryMs;
                s.retryMs = Math.min(RETRY_CAP_MS, s.retryMs * 2);
                LOG.info("{} {}: history unavailable ({}); asking again in {} ms", epoch, s.symbol, reason, wait);
                link.schedule(() -> {
                    if (current()) {
                        fetchNext(s);
                    }
                }, wait);
            }

            private boolean current() {
                return !s.removed && s.state == State.REFILLING && s.generation == generation;
            }
        });
    }

    private void onPage(Stream s, List<TimedTrade> trades, String nextPageToken) {
        s.retryMs = RETRY_FIRST_MS;
        for (TimedTrade t : trades) {
            applyHeldBefore(s, t.timeNanos(), t.id());
            if (t.timeNanos() < s.seriesFrom || s.ids.seen(t.id(), t.timeNanos())
                    || s.buffer.holds(t.id(), t.timeNanos())) {
                // The inclusive start returns the last applied trade (and any sharing its time) again; a window
                // open to the present returns trades that also came live (they follow from the held ones).
                continue;
            }
            apply(s, t.id(), t.timeNanos(), t.price(), t.size(), false);
            s.refilled++;
        }
        if (nextPageToken != null && !nextPageToken.equals(s.pageToken)) {
            s.pageToken = nextPageToken;
            fetchNext(s);
        } else {
            finish(s);
        }
    }

    /** Applies the held live trades that come before ({@code timeNanos}, {@code id}): the merge by time, then id. */
    private void applyHeldBefore(Stream s, long timeNanos, long id) {
        TimedTradeBuffer b = s.buffer;
        while (!b.isEmpty() && (b.firstNanos() < timeNanos || (b.firstNanos() == timeNanos && b.firstId() < id))) {
            applyFirstHeld(s);
        }
    }

    private void applyFirstHeld(Stream s) {
        TimedTradeBuffer b = s.buffer;
        if (s.ids.seen(b.firstId(), b.firstNanos())) {
            link.counters().add(FeedCounters.Counter.DUPLICATES_DROPPED);
        } else {
            apply(s, b.firstId(), b.firstNanos(), b.firstPrice(), b.firstSize(), false);
        }
        b.drop();
    }

    /** The history is read: the span is settled as refilled by time, then the held live trades follow. */
    private void finish(Stream s) {
        long toMs = s.buffer.isEmpty() ? System.currentTimeMillis() : Math.floorDiv(s.buffer.firstNanos(), 1_000_000L);
        // Even with nothing refilled: that the history had nothing proves nothing either.
        LOG.info("{} {}: {} trades refilled by time after {} (completeness cannot be proven by id)", epoch, s.symbol,
                s.refilled, instant(s.spanFromNanos));
        output.gap(new FeedEvent.GapSettled(s.symbol, GapKind.BY_TIME, null, null,
                Math.floorDiv(s.spanFromNanos, 1_000_000L), toMs, s.refilled, 0));
        goLive(s);
    }

    /** The span cannot be refilled (any more): it is reported lost, count unknown, and the held trades go on. */
    private void giveUp(Stream s, String why) {
        if (s.state == State.LIVE) {
            return;
        }
        long toMs = s.buffer.isEmpty() ? System.currentTimeMillis() : Math.floorDiv(s.buffer.firstNanos(), 1_000_000L);
        LOG.warn("{} {}: giving up the refill ({}): trades after {} may be lost ({} refilled)", epoch, s.symbol, why,
                instant(s.spanFromNanos), s.refilled);
        output.gap(new FeedEvent.GapSettled(s.symbol, GapKind.LOST, null, null,
                Math.floorDiv(s.spanFromNanos, 1_000_000L), toMs, s.refilled, -1));
        goLive(s);
    }

    private void goLive(Stream s) {
        endSeries(s);
        cancel(s.giveUpTask);
        s.giveUpTask = null;
        s.state = State.LIVE;
        while (!s.buffer.isEmpty()) {
            applyFirstHeld(s);
        }
    }

    /** Whatever page is in flight or scheduled is ignored from now on. */
    private static void endSeries(Stream s) {
        s.generation++;
    }

    private static Instant instant(long epochNanos) {
        return Instant.ofEpochSecond(Math.floorDiv(epochNanos, 1_000_000_000L), Math.floorMod(epochNanos,
                1_000_000_000L));
    }

    private static void cancel(ScheduledFuture<?> task) {
        if (task != null) {
            task.cancel(false);
        }
    }

    /** One symbol's position, held trades and refill. */
    private static final class Stream {
        final String symbol;
        final AppliedIds ids = new AppliedIds();
        final TimedTradeBuffer buffer;
        State state = State.LIVE;
        boolean removed;
        /** The model was told the symbol is refilling. */
        boolean marked;
        long spanFromNanos;
        long refilled;
        long retryMs;
        ScheduledFuture<?> giveUpTask;
        int generation;
        long seriesFrom;
        long seriesTo;
        String pageToken;

        Stream(String symbol, TimedTradeBuffer buffer) {
            this.symbol = symbol;
            this.buffer = buffer;
        }
    }
}
