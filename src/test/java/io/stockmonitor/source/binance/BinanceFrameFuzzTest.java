package io.stockmonitor.source.binance;

import io.stockmonitor.feed.FeedCounters;
import io.stockmonitor.feed.SymbolTable;
import io.stockmonitor.feed.TradeOutput;
import io.stockmonitor.fuzz.FrameMutator;
import io.stockmonitor.fuzz.FramePropertyTest;
import io.stockmonitor.fuzz.FuzzFrame;
import io.stockmonitor.fuzz.FuzzMarket;
import io.stockmonitor.fuzz.FuzzRun;
import io.stockmonitor.fuzz.JsonDraft;
import io.stockmonitor.fuzz.TradeBounds;
import io.stockmonitor.market.FeedLatency;
import io.stockmonitor.market.MarketModel;
import io.stockmonitor.market.QuoteView;
import io.stockmonitor.source.SourceLimits;
import io.stockmonitor.source.TradeSequencer;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Property: whatever a frame holds, Binance's per-trade path ({@link BinanceFrameIngest}: parser, checks, sequencer,
 * market model) never throws, lets through only trades and quotes within the bounds of
 * {@link io.stockmonitor.source.TradeValues}, and reads the next data frame right after any garbage.
 */
class BinanceFrameFuzzTest extends FramePropertyTest {
    private static final int CASES = 10_000;
    /** Cases that failed before their fix (seed, case), kept as they were found. */
    private static final long[][] REGRESSIONS = {
        {2716871860542377959L, 59}, // a price over TradeValues.MAX_PRICE reached the market model, which threw
        {-3697510227009268599L, 1763}, // a trade time centuries ahead was let through
        {308638468056092834L, 151} // a cut-short frame ran into the next one (JsonFrameReader)
    };
    private static final List<String> SYMBOLS = List.of("BTCUSDT", "ETHUSDT");
    /** The symbol of the valid frame after each case: no mutated frame names it, so its first trade applies. */
    private static final String NEXT = "SOLUSDT";
    private static final List<String> SUBSCRIBED = List.of("BTCUSDT", "ETHUSDT", NEXT);
    private static final FrameMutator MUTATOR = new FrameMutator(List.of("aggTrade", "bookTicker", "trade",
            "serverShutdown"), BinanceFrameParser.MAX_FAST_FRAME_CHARS);

    /** One session's ingest path, fresh for every frame, and the trades it let through. */
    private static final class Ingest {
        final MarketModel market = FuzzMarket.with(SUBSCRIBED);
        final List<double[]> trades = new ArrayList<>();
        final BinanceFrameIngest ingest;

        Ingest() {
            SymbolTable table = new SymbolTable();
            FeedCounters counters = new FeedCounters();
            TradeOutput output = new TradeOutput(market, counters, new FeedLatency(), e -> { });
            output.sink((symbol, epoch, seq, ts, price, size) -> trades.add(new double[] {seq, ts, price, size}));
            TradeSequencer.History none = new TradeSequencer.History() {
                @Override
                public void fetch(String symbol, long afterId, long afterTs, TradeSequencer.Page page) {
                    // a refill that never answers: the trades after a jump stay buffered
                }

                @Override
                public void latest(String symbol, TradeSequencer.Page page) {
                    page.trades(List.of(), false);
                }
            };
            TradeSequencer sequencer = new TradeSequencer(output, counters, (task, delay) -> { },
                    BinanceSession.EPOCH, none, SourceLimits.defaults());
            for (String s : SUBSCRIBED) {
                table.add(s);
                sequencer.add(s);
            }
            ingest = new BinanceFrameIngest(table, sequencer, output, (symbol, id) -> { });
        }
    }

    static JsonDraft.Obj aggTrade(SplittableRandom r, String symbol, long id, long timeMs) {
        JsonDraft.Obj data = JsonDraft.object().put("e", "aggTrade").put("E", timeMs + 3).put("s", symbol)
                .put("a", id).put("p", BigDecimal.valueOf(r.nextLong(1, 2_000_000_000L), r.nextInt(2, 9))
                        .toPlainString())
                .put("q", BigDecimal.valueOf(r.nextLong(0, 10_000_000L), r.nextInt(0, 9)).toPlainString())
                .put("f", id * 3).put("l", id * 3 + 2).put("T", timeMs).put("m", JsonDraft.raw("true"))
                .put("M", JsonDraft.raw("true"));
        return JsonDraft.object().put("stream", symbol.toLowerCase() + "@aggTrade").put("data", data);
    }

    static JsonDraft.Obj bookTicker(SplittableRandom r, String symbol) {
        long bid = r.nextLong(1, 2_000_000_000L);
        JsonDraft.Obj data = JsonDraft.object().put("u", r.nextLong(1, 1L << 40)).put("s", symbol)
                .put("b", BigDecimal.valueOf(bid, 4).toPlainString()).put("B", "31.21000000")
                .put("a", BigDecimal.valueOf(bid + 1, 4).toPlainString()).put("A", "40.66000000");
        return JsonDraft.object().put("stream", symbol.toLowerCase() + "@bookTicker").put("data", data);
    }

    BinanceFrameFuzzTest() {
        super(CASES, REGRESSIONS, MUTATOR);
    }

    @Override
    protected FuzzRun.FrameCase next(SplittableRandom r, long now) {
        String symbol = SYMBOLS.get(r.nextInt(SYMBOLS.size()));
        JsonDraft.Obj base = r.nextInt(4) == 0 ? bookTicker(r, symbol)
                : aggTrade(r, symbol, r.nextLong(1, 1L << 40), now - r.nextInt(60_000));
        return new FuzzRun.FrameCase(base, frame -> violation(frame, now));
    }

    private static String violation(FuzzFrame frame, long now) {
        Ingest in = new Ingest();
        in.ingest.accept(frame.text());
        for (double[] t : in.trades) {
            String bounds = TradeBounds.violation(t[2], t[3], (long) t[1], now);
            if (bounds != null) {
                return "let a trade through with " + bounds;
            }
        }
        for (String s : SYMBOLS) {
            QuoteView q = new QuoteView();
            in.market.readQuote(s, q);
            if (!TradeBounds.quoteSide(q.bid()) || !TradeBounds.quoteSide(q.ask())) {
                return "let a quote through with bid " + q.bid() + ", ask " + q.ask();
            }
        }
        // Whatever came before, the next data frame is read as it is.
        int before = in.trades.size();
        String next = "{\"stream\":\"solusdt@aggTrade\",\"data\":{\"e\":\"aggTrade\",\"E\":" + now + ",\"s\":\""
                + NEXT + "\",\"a\":7,\"p\":\"1234.5\",\"q\":\"0.25\",\"f\":1,\"l\":2,\"T\":" + now
                + ",\"m\":true,\"M\":true}}";
        BinanceFrameIngest.Result result = in.ingest.accept(next);
        if (result != BinanceFrameIngest.Result.DATA || in.trades.size() != before + 1
                || in.trades.get(before)[2] != 1234.5) {
            return "the valid frame after it was not read as sent: " + result;
        }
        return null;
    }
}
