package io.stockmonitor.source.coinbase;

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
 * Property: whatever a frame holds, {@link CoinbaseFrameParser} never throws, says MATCH only for a trade within the
 * bounds of {@link io.stockmonitor.source.TradeValues} (with an id above zero), TICKER only for possible quotes and
 * statistics, and reads the next frame right after any garbage.
 */
class CoinbaseFrameFuzzTest extends FramePropertyTest {
    private static final int CASES = 10_000;
    /** Cases that failed before their fix (seed, case), kept as they were found. */
    private static final long[][] REGRESSIONS = {
        {-7636137931025198252L, 19}, // a match priced over TradeValues.MAX_PRICE
        {8810689100644915490L, 13} // a cut-short frame ran into the next one (JsonFrameReader)
    };
    private static final List<String> PRODUCTS = List.of("BTC-USD", "ETH-USD");
    private static final FrameMutator MUTATOR = new FrameMutator(List.of("match", "last_match", "ticker",
            "heartbeat", "subscriptions", "error"), CoinbaseFrameParser.MAX_FAST_FRAME_CHARS);

    static String decimal(SplittableRandom r, long max) {
        return BigDecimal.valueOf(r.nextLong(1, max), r.nextInt(0, 9)).toPlainString();
    }

    static JsonDraft.Obj match(SplittableRandom r, String product, long id, long timeMs) {
        return JsonDraft.object().put("type", r.nextInt(5) == 0 ? "last_match" : "match").put("trade_id", id)
                .put("sequence", id * 5).put("maker_order_id", "ac928c66").put("taker_order_id", "132fb6ae")
                .put("time", IsoTimes.of(timeMs, 6)).put("product_id", product)
                .put("size", decimal(r, 100_000_000L)).put("price", decimal(r, 2_000_000_000L)).put("side", "sell");
    }

    static JsonDraft.Obj ticker(SplittableRandom r, String product, long timeMs) {
        return JsonDraft.object().put("type", "ticker").put("sequence", r.nextLong(1, 1L << 40))
                .put("product_id", product).put("price", decimal(r, 2_000_000_000L))
                .put("open_24h", decimal(r, 2_000_000_000L)).put("volume_24h", decimal(r, 2_000_000_000L))
                .put("low_24h", decimal(r, 2_000_000_000L)).put("high_24h", decimal(r, 2_000_000_000L))
                .put("best_bid", decimal(r, 2_000_000_000L)).put("best_ask", decimal(r, 2_000_000_000L))
                .put("time", IsoTimes.of(timeMs, 6)).put("trade_id", r.nextLong(1, 1L << 40));
    }

    static JsonDraft.Obj heartbeat(SplittableRandom r, String product, long timeMs) {
        return JsonDraft.object().put("type", "heartbeat").put("sequence", 90)
                .put("last_trade_id", r.nextLong(0, 1L << 40)).put("product_id", product)
                .put("time", IsoTimes.of(timeMs, 6));
    }

    CoinbaseFrameFuzzTest() {
        super(CASES, REGRESSIONS, MUTATOR);
    }

    @Override
    protected FuzzRun.FrameCase next(SplittableRandom r, long now) {
        String product = PRODUCTS.get(r.nextInt(PRODUCTS.size()));
        long time = now - r.nextInt(60_000);
        int k = r.nextInt(6);
        JsonDraft.Obj base = k < 4 ? match(r, product, r.nextLong(1, 1L << 40), time)
                : k == 4 ? ticker(r, product, time) : heartbeat(r, product, time);
        return new FuzzRun.FrameCase(base, frame -> violation(frame, now));
    }

    private static String violation(FuzzFrame frame, long now) {
        CoinbaseFrameParser p = new CoinbaseFrameParser(FuzzMarket.table(PRODUCTS));
        switch (p.parse(frame.text())) {
            case MATCH, LAST_MATCH -> {
                String bounds = TradeBounds.violation(p.price, p.size, p.timeMs, now);
                if (bounds != null || p.tradeId <= 0) {
                    return "a match with " + (bounds != null ? bounds : "trade id " + p.tradeId);
                }
            }
            case TICKER -> {
                if (!TradeBounds.quoteSide(p.bid) || !TradeBounds.quoteSide(p.ask) || !TradeBounds.quoteSide(p.open24h)
                        || !TradeBounds.quoteSide(p.high24h) || !TradeBounds.quoteSide(p.low24h)
                        || !TradeBounds.quoteSide(p.volume24h)) {
                    return "a ticker with bid " + p.bid + ", ask " + p.ask + " or impossible statistics";
                }
            }
            case HEARTBEAT -> {
                if (p.lastTradeId < 0) {
                    return "a heartbeat with last_trade_id " + p.lastTradeId;
                }
            }
            default -> {
            }
        }
        String next = "{\"type\":\"match\",\"trade_id\":77,\"time\":\"" + IsoTimes.of(now, 6) + "\","
                + "\"product_id\":\"ETH-USD\",\"size\":\"0.5\",\"price\":\"1285.22\",\"side\":\"buy\"}";
        if (p.parse(next) != CoinbaseFrameParser.Kind.MATCH || p.tradeId != 77 || p.price != 1285.22
                || p.size != 0.5 || !"ETH-USD".equals(p.symbol)) {
            return "the valid frame after it was not read as sent";
        }
        return null;
    }
}
