package io.stockmonitor.source.v1;

import io.stockmonitor.feed.FeedCounters;
import io.stockmonitor.feed.SymbolTable;
import io.stockmonitor.feed.TradeOutput;
import io.stockmonitor.market.FeedLatency;
import io.stockmonitor.market.MarketModel;
import io.stockmonitor.protocol.Message;
import java.util.List;

/**
 * The per-tick hot path of the protocol session, in one place so the ingest benchmark measures exactly what the
 * client runs: parse the frame ({@link TickFrameParser}), validate, check the sequence ({@link ResumeTracker}), and
 * hand the tick to the {@link TradeOutput} (model, latency, counters, record). No allocation per tick. Not
 * thread-safe: the feed thread owns it.
 */
public final class TickIngest {
    /** What the session does about what the hot path cannot settle alone. */
    interface Escalation {
        void gap(ResumeTracker.Position position, long seenSeq);

        void bad(String kind, String detail);

        /**
         * The next tick of a live symbol came with values that cannot be right: it is dropped and counted as one
         * lost tick, and the stream goes on after it. Resyncing could not mend it: the server would replay the same.
         */
        void unusable(ResumeTracker.Position position, long seq, long ts, String problem);
    }

    private final SymbolTable table;
    private final TickFrameParser parser;
    private final ParsedTick decoded = new ParsedTick();
    private final ResumeTracker tracker;
    private final FeedCounters counters;
    private final TradeOutput output;
    private final Escalation escalation;

    TickIngest(SymbolTable table, ResumeTracker tracker, FeedCounters counters, TradeOutput output,
               Escalation escalation) {
        this.table = table;
        this.parser = new TickFrameParser(table);
        this.tracker = tracker;
        this.counters = counters;
        this.output = output;
        this.escalation = escalation;
    }

    /**
     * An ingest path for benchmarks: every symbol is added to {@code market} and live in epoch {@code epoch} after
     * seq 0, so frames with seq 1, 2, ... per symbol are applied; see {@link #rewind()}.
     */
    public static TickIngest live(MarketModel market, List<String> symbols, String epoch) {
        SymbolTable table = new SymbolTable();
        ResumeTracker tracker = new ResumeTracker();
        for (String s : symbols) {
            table.add(s);
            market.addSymbol(s);
            ResumeTracker.Position p = tracker.add(s);
            tracker.onSubscribed(p, new Message.Subscribed(0, s, epoch, true, 0L, null));
        }
        FeedCounters counters = new FeedCounters();
        return new TickIngest(table, tracker, counters, new TradeOutput(market, counters, new FeedLatency(), e -> { }),
                new Escalation() {
                    @Override
                    public void gap(ResumeTracker.Position position, long seenSeq) {
                        throw new IllegalStateException("gap in " + position.symbol() + " at " + seenSeq);
                    }

                    @Override
                    public void bad(String kind, String detail) {
                        throw new IllegalStateException(kind + ": " + detail);
                    }

                    @Override
                    public void unusable(ResumeTracker.Position position, long seq, long ts, String problem) {
                        throw new IllegalStateException(problem);
                    }
                });
    }

    /** Benchmarks: every symbol's position goes back to seq 0, so the same frames apply again. */
    public void rewind() {
        for (ResumeTracker.Position p : tracker.all()) {
            p.last = 0;
        }
    }

    /** Ticks applied by this path. */
    public long ticksApplied() {
        return counters.ticksApplied();
    }

    /** Handles {@code frame} if it is a tick and returns true; false means it is for the general codec. */
    public boolean tryTick(String frame) {
        if (parser.parse(frame) != TickFrameParser.Kind.TICK) {
            return false;
        }
        handle(parser.tick());
        return true;
    }

    /** A tick the general codec decoded (unusual layout): same checks, same path. */
    void handle(Message.Tick t) {
        ParsedTick d = decoded;
        d.clear();
        d.symbol = t.symbol() == null ? null : table.lookup(t.symbol());
        d.seq = t.seq();
        d.ts = t.ts();
        d.price = t.price();
        d.size = t.size();
        d.seen = t.symbol() == null ? ParsedTick.ALL & ~ParsedTick.SYMBOL : ParsedTick.ALL;
        // Absent sides stay unseen (the quote is kept), as on the fast path; present ones are checked alike.
        if (t.bid() == null) {
            d.seen &= ~ParsedTick.BID;
        } else {
            d.bid = t.bid();
        }
        if (t.ask() == null) {
            d.seen &= ~ParsedTick.ASK;
        } else {
            d.ask = t.ask();
        }
        handle(d);
    }

    private void handle(ParsedTick t) {
        if ((t.seen & ParsedTick.SYMBOL) != 0 && t.symbol == null) {
            escalation.bad("unsubscribed-symbol", "tick for a symbol not subscribed");
            return;
        }
        String problem = t.problem(System.currentTimeMillis());
        ResumeTracker.Position p = t.symbol == null ? null : tracker.get(t.symbol);
        if (problem != null) {
            if (p != null && (t.seen & ParsedTick.SEQ) != 0 && p.phase() == ResumeTracker.Phase.LIVE
                    && t.seq == p.last() + 1) {
                escalation.unusable(p, t.seq, t.ts, problem);
            } else {
                escalation.bad("bad-tick", problem);
            }
            return;
        }
        if (p == null) {
            escalation.bad("unsubscribed-symbol", "tick for " + t.symbol + ", not subscribed");
            return;
        }
        switch (tracker.onTick(p, t.seq)) {
            case APPLY -> output.trade(t.symbol, p.epoch(), t.seq, t.ts, t.price, t.size, t.bid, t.ask,
                    t.ts >= p.liveFromMs);
            case DUPLICATE -> counters.add(FeedCounters.Counter.DUPLICATES_DROPPED);
            case IGNORE -> counters.add(FeedCounters.Counter.IGNORED_WHILE_RESYNCING);
            case GAP -> escalation.gap(p, t.seq);
        }
    }
}
