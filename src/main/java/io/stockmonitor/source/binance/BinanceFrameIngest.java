package io.stockmonitor.source.binance;

import io.stockmonitor.source.TradeValues;

import io.stockmonitor.feed.FeedCounters;
import io.stockmonitor.feed.SymbolTable;
import io.stockmonitor.feed.TradeOutput;
import io.stockmonitor.market.FeedLatency;
import io.stockmonitor.market.MarketModel;
import io.stockmonitor.source.SourceLimits;
import io.stockmonitor.source.Trade;
import io.stockmonitor.source.TradeSequencer;
import io.stockmonitor.source.TradeValues;
import java.util.List;

/**
 * Binance's per-trade hot path in one place, so the ingest benchmark measures exactly what the session runs: parse
 * a data frame ({@link BinanceFrameParser}), validate it, hand an aggTrade to the {@link TradeSequencer} (contiguity,
 * then the market model through the {@link TradeOutput}) and a bookTicker to the quote. No allocation per trade.
 * Feed thread only.
 */
public final class BinanceFrameIngest {
    /** What a frame was. */
    public enum Result {
        /** A trade or a quote, handled. */
        DATA,
        /** A data frame with impossible values: count it, drop it ({@link #problem()} says why). */
        BAD,
        /** Not a data frame: an answer, an error, a server notice; the session decodes it. */
        CONTROL
    }

    private final BinanceFrameParser parser;
    private final TradeSequencer sequencer;
    private final TradeOutput output;
    private final TradeListener listener;
    private String problem;

    /** Sees a valid trade before the sequencer does (the session's rollover bookkeeping). */
    @FunctionalInterface
    interface TradeListener {
        void trade(String symbol, long id);
    }

    BinanceFrameIngest(SymbolTable symbols, TradeSequencer sequencer, TradeOutput output, TradeListener listener) {
        this.parser = new BinanceFrameParser(symbols);
        this.sequencer = sequencer;
        this.output = output;
        this.listener = listener;
    }

    /**
     * An ingest path for benchmarks: every symbol is added to {@code market} and to a sequencer whose position is
     * id 0, so frames with ids 1, 2, ... per symbol apply; see {@link #rewind}.
     */
    public static BinanceFrameIngest live(MarketModel market, List<String> symbols) {
        SymbolTable table = new SymbolTable();
        FeedCounters counters = new FeedCounters();
        TradeOutput output = new TradeOutput(market, counters, new FeedLatency(), e -> { });
        TradeSequencer.History none = new TradeSequencer.History() {
            @Override
            public void fetch(String symbol, long afterId, long afterTs, TradeSequencer.Page page) {
                throw new IllegalStateException("the benchmark's frames have no gap");
            }

            @Override
            public void latest(String symbol, TradeSequencer.Page page) {
                page.trades(List.of(new Trade(0, 1, 1, 0, false)), false);
            }
        };
        TradeSequencer sequencer = new TradeSequencer(output, counters, (task, delay) -> {
            throw new IllegalStateException("nothing to schedule");
        }, BinanceSession.EPOCH, none, SourceLimits.defaults());
        for (String s : symbols) {
            table.add(s);
            market.addSymbol(s);
            sequencer.add(s);
        }
        return new BinanceFrameIngest(table, sequencer, output, (symbol, id) -> { });
    }

    /** Benchmarks: every symbol goes back to id 0, so the same frames apply again. */
    public void rewind(List<String> symbols) {
        for (String s : symbols) {
            sequencer.rewind(s, 0);
        }
    }

    /** Handles one frame. */
    public Result accept(String frame) {
        BinanceFrameParser p = parser;
        switch (p.parse(frame)) {
            case TRADE -> {
                if (p.symbol == null) {
                    return Result.DATA; // a symbol unsubscribed a moment ago
                }
                if (p.id < 0 || TradeValues.problem(p.price, p.quantity, p.tradeTime,
                        System.currentTimeMillis()) != null) {
                    problem = "aggTrade of " + p.symbol + " with price " + p.price + ", quantity " + p.quantity
                            + ", time " + p.tradeTime + ", id " + p.id;
                    return Result.BAD;
                }
                listener.trade(p.symbol, p.id);
                sequencer.live(p.symbol, p.id, p.tradeTime, p.price, p.quantity);
                return Result.DATA;
            }
            case QUOTE -> {
                if (p.symbol == null) {
                    return Result.DATA;
                }
                if (!(p.bid > 0) || !(p.ask > 0) || Double.isInfinite(p.bid) || Double.isInfinite(p.ask)) {
                    problem = "bookTicker of " + p.symbol + " with bid " + p.bid + ", ask " + p.ask;
                    return Result.BAD;
                }
                output.quote(p.symbol, p.bid, p.ask, TradeValues.sizeOrNaN(p.bidQty), TradeValues.sizeOrNaN(p.askQty));
                return Result.DATA;
            }
            default -> {
                return Result.CONTROL;
            }
        }
    }

    /** Why the last frame was {@link Result#BAD}. */
    String problem() {
        return problem;
    }
}
