package io.stockmonitor.source.alpaca;

import io.stockmonitor.fuzz.FrameMutator;
import io.stockmonitor.fuzz.FramePropertyTest;
import io.stockmonitor.fuzz.FuzzFrame;
import io.stockmonitor.fuzz.FuzzMarket;
import io.stockmonitor.fuzz.FuzzRun;
import io.stockmonitor.fuzz.IsoTimes;
import io.stockmonitor.fuzz.JsonDraft;
import io.stockmonitor.fuzz.TradeBounds;
import java.math.BigDecimal;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Property: whatever a frame holds, {@link AlpacaFrameParser} never throws, classifies as TRADE only trades within the
 * bounds of {@link io.stockmonitor.source.TradeValues} and as QUOTE only possible quotes, and reads the next frame
 * right after any garbage.
 */
class AlpacaFrameFuzzTest extends FramePropertyTest {
    private static final int CASES = 10_000;
    /** Cases that failed before their fix (seed, case), kept as they were found. */
    private static final long[][] REGRESSIONS = {
        {-5670942243999742901L, 403}, // a size of 1.2e29 was a trade
        {2827566990580573265L, 274} // a size over TradeValues.MAX_SIZE was a trade
    };
    private static final List<String> SYMBOLS = List.of("AAPL", "AMD");
    private static final FrameMutator MUTATOR = new FrameMutator(List.of("t", "q", "b", "success", "error",
            "subscription"), 4_096);

    static JsonDraft.Arr messages(SplittableRandom r, long nowMs) {
        JsonDraft.Arr frame = JsonDraft.array();
        for (int i = 0; i < 1 + r.nextInt(3); i++) {
            String symbol = SYMBOLS.get(r.nextInt(SYMBOLS.size()));
            String time = IsoTimes.of(nowMs - r.nextInt(60_000), 9);
            long cents = r.nextLong(1, 2_000_000_000L);
            frame.add(r.nextInt(3) == 0
                    ? JsonDraft.object().put("T", "q").put("S", symbol).put("bx", "U")
                            .put("bp", JsonDraft.decimal(BigDecimal.valueOf(cents, 2))).put("bs", 1).put("ax", "Q")
                            .put("ap", JsonDraft.decimal(BigDecimal.valueOf(cents + 2, 2))).put("as", 4)
                            .put("t", time).put("c", JsonDraft.array(JsonDraft.string("R"))).put("z", "C")
                    : JsonDraft.object().put("T", "t").put("i", r.nextLong(0, 1L << 40)).put("S", symbol)
                            .put("x", "D").put("p", JsonDraft.decimal(BigDecimal.valueOf(cents, 2)))
                            .put("s", r.nextInt(1, 10_000)).put("t", time)
                            .put("c", JsonDraft.array(JsonDraft.string("@"), JsonDraft.string("I"))).put("z", "C"));
        }
        return frame;
    }

    AlpacaFrameFuzzTest() {
        super(CASES, REGRESSIONS, MUTATOR);
    }

    @Override
    protected FuzzRun.FrameCase next(SplittableRandom r, long now) {
        return new FuzzRun.FrameCase(messages(r, now), frame -> violation(frame, now));
    }

    private static String violation(FuzzFrame frame, long now) {
        AlpacaFrameParser p = new AlpacaFrameParser(FuzzMarket.table(SYMBOLS));
        if (p.parse(frame.text())) {
            for (int i = 0; i < p.count; i++) {
                if (p.kind[i] == AlpacaFrameParser.TRADE) {
                    String bounds = TradeBounds.violation(p.price[i], p.size[i], p.timeNanos[i] / 1_000_000, now);
                    if (bounds != null || p.id[i] < 0) {
                        return "message " + i + " is a trade with " + (bounds != null ? bounds : "id " + p.id[i]);
                    }
                } else if (p.kind[i] == AlpacaFrameParser.QUOTE
                        && (!TradeBounds.quoteSide(p.bid[i]) || !TradeBounds.quoteSide(p.ask[i]))) {
                    return "message " + i + " is a quote with bid " + p.bid[i] + ", ask " + p.ask[i];
                }
            }
        }
        String next = "[{\"T\":\"t\",\"i\":96921,\"S\":\"AAPL\",\"x\":\"D\",\"p\":126.55,\"s\":1,\"t\":\""
                + IsoTimes.of(now, 9) + "\",\"c\":[\"@\",\"I\"],\"z\":\"C\"}]";
        if (!p.parse(next) || p.count != 1 || p.kind[0] != AlpacaFrameParser.TRADE || p.price[0] != 126.55
                || p.id[0] != 96921) {
            return "the valid frame after it was not read as sent";
        }
        return null;
    }
}
