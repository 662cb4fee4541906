package io.stockmonitor.source.kraken;

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
 * Property: whatever a frame holds, {@link KrakenFrameParser} never throws, passes (problem {@code OK}) only trade
 * elements within the bounds of {@link io.stockmonitor.source.TradeValues}, and reads the next frame right after any
 * garbage.
 */
class KrakenFrameFuzzTest extends FramePropertyTest {
    private static final int CASES = 10_000;
    /** Cases that failed before their fix (seed, case), kept as they were found. */
    private static final long[][] REGRESSIONS = {
        {-8887065007074344669L, 3}, // a trade priced over TradeValues.MAX_PRICE passed
        {-8425554573225159788L, 930} // "type":{} left open: its end read as the frame's, the next frame misread
    };
    private static final List<String> PAIRS = List.of("BTC/USD", "MATIC/USD");
    private static final FrameMutator MUTATOR = new FrameMutator(List.of("trade", "ticker", "heartbeat", "status"),
            KrakenFrameParser.MAX_FAST_FRAME_CHARS);

    static JsonDraft.Obj trades(SplittableRandom r, long nowMs) {
        JsonDraft.Arr data = JsonDraft.array();
        long id = r.nextLong(1, 1L << 40);
        for (int i = 0; i < 1 + r.nextInt(3); i++) {
            data.add(JsonDraft.object().put("symbol", PAIRS.get(r.nextInt(PAIRS.size()))).put("side", "sell")
                    .put("price", JsonDraft.decimal(BigDecimal.valueOf(r.nextLong(1, 2_000_000_000L), r.nextInt(0, 9))))
                    .put("qty", JsonDraft.decimal(BigDecimal.valueOf(r.nextLong(0, 2_000_000_000L), r.nextInt(0, 9))))
                    .put("ord_type", "market").put("trade_id", id + i)
                    .put("timestamp", IsoTimes.of(nowMs - r.nextInt(60_000), 6)));
        }
        return JsonDraft.object().put("channel", "trade").put("type", r.nextBoolean() ? "update" : "snapshot")
                .put("data", data);
    }

    static JsonDraft.Obj ticker(SplittableRandom r) {
        long bid = r.nextLong(1, 2_000_000_000L);
        return JsonDraft.object().put("channel", "ticker").put("type", "update").put("data", JsonDraft.array(
                JsonDraft.object().put("symbol", PAIRS.get(r.nextInt(PAIRS.size())))
                        .put("bid", JsonDraft.decimal(BigDecimal.valueOf(bid, 5))).put("bid_qty", 740)
                        .put("ask", JsonDraft.decimal(BigDecimal.valueOf(bid + 3, 5))).put("ask_qty", 13)));
    }

    KrakenFrameFuzzTest() {
        super(CASES, REGRESSIONS, MUTATOR);
    }

    @Override
    protected FuzzRun.FrameCase next(SplittableRandom r, long now) {
        JsonDraft.Obj base = r.nextInt(5) == 0 ? ticker(r) : trades(r, now);
        return new FuzzRun.FrameCase(base, frame -> violation(frame, now));
    }

    private static String violation(FuzzFrame frame, long now) {
        KrakenFrameParser p = new KrakenFrameParser(FuzzMarket.table(PAIRS));
        if (p.parse(frame.text()) == KrakenFrameParser.Kind.TRADES) {
            for (int i = 0; i < p.count(); i++) {
                if (p.problem(i) != KrakenFrameParser.OK) {
                    continue;
                }
                String bounds = TradeBounds.violation(p.price(i), p.quantity(i), p.timeMs(i), now);
                if (bounds != null || p.id(i) < 0) {
                    return "trade element " + i + " passed with " + (bounds != null ? bounds : "id " + p.id(i));
                }
            }
        }
        String next = "{\"channel\":\"trade\",\"type\":\"update\",\"data\":[{\"symbol\":\"MATIC/USD\",\"side\":\"sell\","
                + "\"price\":0.5117,\"qty\":40.0,\"ord_type\":\"market\",\"trade_id\":4665906,\"timestamp\":\""
                + IsoTimes.of(now, 6) + "\"}]}";
        if (p.parse(next) != KrakenFrameParser.Kind.TRADES || p.count() != 1 || p.problem(0) != KrakenFrameParser.OK
                || p.price(0) != 0.5117 || p.id(0) != 4665906) {
            return "the valid frame after it was not read as sent";
        }
        return null;
    }
}
