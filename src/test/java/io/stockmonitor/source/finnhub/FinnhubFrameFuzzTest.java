package io.stockmonitor.source.finnhub;

import io.stockmonitor.fuzz.FrameMutator;
import io.stockmonitor.fuzz.FramePropertyTest;
import io.stockmonitor.fuzz.FuzzFrame;
import io.stockmonitor.fuzz.FuzzMarket;
import io.stockmonitor.fuzz.FuzzRun;
import io.stockmonitor.fuzz.JsonDraft;
import io.stockmonitor.fuzz.TradeBounds;
import java.math.BigDecimal;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Property: whatever a frame holds, {@link FinnhubFrameParser} never throws, classifies as TRADE only trades within
 * the bounds of {@link io.stockmonitor.source.TradeValues}, and reads the next frame right after any garbage.
 */
class FinnhubFrameFuzzTest extends FramePropertyTest {
    private static final int CASES = 10_000;
    /** Cases that failed before their fix (seed, case), kept as they were found. */
    private static final long[][] REGRESSIONS = {
        {8813881840536188580L, 292}, // a size of 1.2e29 was a trade
        {7046760214023260390L, 579} // a trade at 1 ms after 1970 was a trade
    };
    private static final List<String> SYMBOLS = List.of("AAPL", "BINANCE:BTCUSDT");
    private static final FrameMutator MUTATOR = new FrameMutator(List.of("trade", "ping", "error", "news"), 4_096);

    static JsonDraft.Obj trades(SplittableRandom r, long nowMs) {
        JsonDraft.Arr data = JsonDraft.array();
        for (int i = 0; i < 1 + r.nextInt(3); i++) {
            data.add(JsonDraft.object().put("c", r.nextBoolean() ? JsonDraft.raw("null") : JsonDraft.array(
                            JsonDraft.string("1"), JsonDraft.string("12")))
                    .put("p", JsonDraft.decimal(BigDecimal.valueOf(r.nextLong(1, 2_000_000_000L), r.nextInt(0, 9))))
                    .put("s", SYMBOLS.get(r.nextInt(SYMBOLS.size()))).put("t", nowMs - r.nextInt(60_000))
                    .put("v", JsonDraft.decimal(BigDecimal.valueOf(r.nextLong(0, 2_000_000_000L), r.nextInt(0, 9)))));
        }
        return JsonDraft.object().put("data", data).put("type", "trade");
    }

    FinnhubFrameFuzzTest() {
        super(CASES, REGRESSIONS, MUTATOR);
    }

    @Override
    protected FuzzRun.FrameCase next(SplittableRandom r, long now) {
        JsonDraft.Obj base = r.nextInt(8) == 0 ? JsonDraft.object().put("type", "ping") : trades(r, now);
        return new FuzzRun.FrameCase(base, frame -> violation(frame, now));
    }

    private static String violation(FuzzFrame frame, long now) {
        FinnhubFrameParser p = new FinnhubFrameParser(FuzzMarket.table(SYMBOLS));
        if (p.parse(frame.text()) == FinnhubFrameParser.Kind.TRADES) {
            for (int i = 0; i < p.count; i++) {
                if (p.kind[i] != FinnhubFrameParser.TRADE) {
                    continue;
                }
                String bounds = TradeBounds.violation(p.price[i], p.volume[i], p.timeMs[i], now);
                if (bounds != null) {
                    return "trade " + i + " passed with " + bounds;
                }
            }
        }
        String next = "{\"data\":[{\"c\":null,\"p\":7296.89,\"s\":\"BINANCE:BTCUSDT\",\"t\":" + now
                + ",\"v\":0.011467}],\"type\":\"trade\"}";
        if (p.parse(next) != FinnhubFrameParser.Kind.TRADES || p.count != 1 || p.kind[0] != FinnhubFrameParser.TRADE
                || p.price[0] != 7296.89 || p.timeMs[0] != now) {
            return "the valid frame after it was not read as sent";
        }
        return null;
    }
}
