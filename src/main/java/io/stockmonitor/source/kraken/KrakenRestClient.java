package io.stockmonitor.source.kraken;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.stockmonitor.feed.FeedLink;
import io.stockmonitor.feed.PeerText;
import io.stockmonitor.source.RestGate;
import io.stockmonitor.source.SourceSettings;
import io.stockmonitor.source.Trade;
import io.stockmonitor.source.TradeValues;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpFields;

/**
 * Kraken's public REST market data as the session uses it (docs/sources/kraken.md §1, §5, §6): {@code Trades} (the
 * refill and the seed), {@code OHLC} (chart history), {@code AssetPairs} (names and the symbol list) and
 * {@code Ticker} (day statistics). Answers are read with Jackson's tree model (a few calls a minute, not the trade
 * path), decimals exactly: prices and sizes are strings, a row's time a number such as {@code 1688669597.8277369}
 * whose last digits a double would lose.
 *
 * <p>Pacing, as Kraken's support page puts it: "rate limited by IP address and currency pair for calls to Trades and
 * OHLC, and by IP address only for calls to all other public endpoints. Calling the public endpoints at a frequency of
 * 1 per second (or less) would remain within the rate limits". So each pair has a {@link RestGate} of its own at one
 * call a second for Trades and OHLC, and one more gate at one call a second serves everything else. Every gate pauses
 * on Kraken's "slow down" ({@link KrakenThrottle}). Feed thread only.
 */
final class KrakenRestClient {
    /** {@code count}: "Return specific number of trades, up to 1000". */
    static final int TRADES_PAGE = 1_000;
    /** Kraken's public rate: one call a second (per pair for Trades and OHLC). */
    static final int CALLS_PER_SECOND = 1;

    /** What becomes of one call; on the feed thread. */
    interface Reply<T> {
        void ok(T value);

        /** {@code retryable} for trouble that may pass (network, server); not for Kraken refusing the request. */
        void failed(String reason, boolean retryable);
    }

    /**
     * One page of {@code Trades}, oldest first.
     *
     * @param rows       the trades, ids ascending (empty when {@code withIds} is false)
     * @param lastCursor {@code last}: "ID to be used as since when polling for new trade data" (ns), -1 if unusable
     * @param full       the page held as many rows as asked for: more may follow
     * @param withIds    every row carried its {@code trade_id} (older answers had six elements: no id to check)
     */
    record TradePage(List<Trade> rows, long lastCursor, boolean full, boolean withIds) {
    }

    /** One pair of AssetPairs. */
    record ListedPair(String key, String altname, String wsname, String base, String quote, String status) {
    }

    /** Today's statistics of one pair from Ticker ("today's prices start at midnight UTC"). */
    record DayStats(String key, double open, double high, double low, double volume) {
    }

    /** "Returns up to 720 of the most recent entries". */
    static final int OHLC_ENTRIES = 720;

    /** One OHLC entry: open time, prices, base volume. */
    record Candle(long openTimeMs, double open, double high, double low, double close, double volume) {
    }

    private final ObjectMapper json = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
    private final FeedLink link;
    private final SourceSettings settings;
    private final KrakenTiming timing;
    private final RestGate general;
    private final Map<String, RestGate> perPair = new HashMap<>();

    KrakenRestClient(FeedLink link, SourceSettings settings, KrakenTiming timing) {
        this.link = link;
        this.settings = settings;
        this.timing = timing;
        this.general = newGate("Kraken");
    }

    private RestGate newGate(String name) {
        return new RestGate(link, name, CALLS_PER_SECOND, settings.limits(), RestGate.Budget.NONE, Map.of(),
                new KrakenThrottle(timing.throttleFirstPauseMs(), timing.throttleMaxPauseMs()));
    }

    private RestGate gateOf(KrakenPairNames pair) {
        return perPair.computeIfAbsent(pair.key(), k -> newGate("Kraken " + pair.symbol()));
    }

    /** Forgets every waiting call. */
    void close() {
        general.close();
        perPair.values().forEach(RestGate::close);
    }

    // ---------------------------------------------------------------- Trades

    /**
     * {@code Trades?pair=<altname>&since=<ns>&count=<n>}; without {@code since} (a negative value) the newest
     * {@code count} trades.
     */
    void trades(KrakenPairNames pair, long sinceNanos, int count, Reply<TradePage> reply) {
        String query = "pair=" + enc(pair.altname()) + (sinceNanos >= 0 ? "&since=" + sinceNanos : "") + "&count="
                + count;
        call(gateOf(pair), "/0/public/Trades?" + query, reply, result -> parseTrades(result, count));
    }

    /** The rows of one Trades result: {@code [price, volume, time, side, type, misc, trade_id]}. */
    static TradePage parseTrades(JsonNode result, int asked) throws IOException {
        JsonNode rows = onlyPairOf(result);
        if (!rows.isArray()) {
            throw new IOException("the pair's trades are not an array");
        }
        long lastCursor = cursor(result.path("last"));
        List<Trade> trades = new ArrayList<>(rows.size());
        long previous = Long.MIN_VALUE;
        for (JsonNode r : rows) {
            if (!r.isArray() || r.size() < 6) {
                throw new IOException("a trade row is not [price, volume, time, side, type, misc, id]");
            }
            if (r.size() < 7) {
                return new TradePage(List.of(), lastCursor, rows.size() >= asked, false);
            }
            JsonNode idNode = r.get(6);
            if (!idNode.isIntegralNumber() || !idNode.canConvertToLong() || idNode.asLong() < 0) {
                throw new IOException("a trade row's id is not a positive integer: " + PeerText.escape(
                        String.valueOf(idNode), 40));
            }
            long id = idNode.asLong();
            double price = decimal(r.get(0)).doubleValue();
            double volume = decimal(r.get(1)).doubleValue();
            long timeMs = millisOfSeconds(r.get(2));
            if (TradeValues.problem(price, volume, timeMs, System.currentTimeMillis()) != null || id <= previous) {
                throw new IOException("trade row " + id + " out of order or with an absurd price, size or time");
            }
            trades.add(new Trade(id, timeMs, price, volume, true));
            previous = id;
        }
        return new TradePage(trades, lastCursor, rows.size() >= asked, true);
    }

    // ---------------------------------------------------------------- AssetPairs

    /** {@code AssetPairs?pair=<name>}: the pair Kraken files under that name (a v2 symbol is accepted there). */
    void assetPair(String name, Reply<List<ListedPair>> reply) {
        call(general, "/0/public/AssetPairs?pair=" + enc(name), reply, KrakenRestClient::parseAssetPairs);
    }

    /** {@code AssetPairs}: every pair, for the symbol list. */
    void assetPairs(Reply<List<ListedPair>> reply) {
        call(general, "/0/public/AssetPairs", reply, KrakenRestClient::parseAssetPairs);
    }

    static List<ListedPair> parseAssetPairs(JsonNode result) throws IOException {
        if (!result.isObject()) {
            throw new IOException("AssetPairs' result is not an object");
        }
        List<ListedPair> pairs = new ArrayList<>(result.size());
        for (Map.Entry<String, JsonNode> e : result.properties()) {
            JsonNode p = e.getValue();
            String altname = p.path("altname").asText("");
            if (altname.isEmpty()) {
                continue; // not a pair we could ask about
            }
            pairs.add(new ListedPair(e.getKey(), altname, p.path("wsname").asText(""), p.path("base").asText(""),
                    p.path("quote").asText(""), p.path("status").asText("online")));
        }
        return pairs;
    }

    // ---------------------------------------------------------------- Ticker

    /** {@code Ticker?pair=<altname>,...}: today's open, high, low and volume of each pair. */
    void ticker(List<KrakenPairNames> pairs, Reply<List<DayStats>> reply) {
        StringBuilder names = new StringBuilder();
        for (KrakenPairNames p : pairs) {
            names.append(names.length() == 0 ? "" : ",").append(enc(p.altname()));
        }
        call(general, "/0/public/Ticker?pair=" + names, reply, result -> {
            List<DayStats> stats = new ArrayList<>();
            for (Map.Entry<String, JsonNode> e : result.properties()) {
                JsonNode t = e.getValue();
                // h, l and v are [today, last 24 hours]; o is "today's opening price".
                stats.add(new DayStats(e.getKey(), decimalOrNaN(t.path("o")), decimalOrNaN(t.path("h").path(0)),
                        decimalOrNaN(t.path("l").path(0)), decimalOrNaN(t.path("v").path(0))));
            }
            return stats;
        });
    }

    // ---------------------------------------------------------------- OHLC

    /**
     * {@code OHLC?pair=<altname>&interval=<minutes>}: up to {@link #OHLC_ENTRIES} entries, the last one still open.
     * Older entries cannot be had ("older data cannot be retrieved, regardless of the value of since").
     */
    void ohlc(KrakenPairNames pair, int intervalMinutes, Reply<List<Candle>> reply) {
        call(gateOf(pair), "/0/public/OHLC?pair=" + enc(pair.altname()) + "&interval=" + intervalMinutes, reply,
                result -> {
                    List<Candle> candles = new ArrayList<>();
                    for (JsonNode c : onlyPairOf(result)) {
                        long time = c.path(0).asLong(-1);
                        if (time <= 0) {
                            throw new IOException("an OHLC entry without a time");
                        }
                        candles.add(new Candle(time * 1_000, decimal(c.path(1)).doubleValue(),
                                decimal(c.path(2)).doubleValue(), decimal(c.path(3)).doubleValue(),
                                decimal(c.path(4)).doubleValue(), decimal(c.path(6)).doubleValue()));
                    }
                    return candles;
                });
    }

    // ---------------------------------------------------------------- envelope

    @FunctionalInterface
    private interface ResultReader<T> {
        T read(JsonNode result) throws IOException;
    }

    /**
     * GETs {@code pathAndQuery} through {@code gate} and reads Kraken's envelope: "error" (an array, empty on
     * success) and "result". HTTP trouble and Kraken's "slow down" are the gate's business; here come Kraken's other
     * refusals, which retrying cannot mend ({@code EQuery:Unknown asset pair}, {@code EGeneral:Invalid arguments}).
     */
    private <T> void call(RestGate gate, String pathAndQuery, Reply<T> reply, ResultReader<T> reader) {
        URI uri = settings.restUri(pathAndQuery);
        gate.get(uri, 1, new RestGate.Answer() {
            @Override
            public void ok(String body, HttpFields headers) {
                JsonNode root;
                try {
                    root = json.readTree(body);
                } catch (IOException | RuntimeException e) {
                    reply.failed("unreadable answer: " + PeerText.escape(String.valueOf(e.getMessage()), 120), true);
                    return;
                }
                JsonNode errors = root.path("error");
                JsonNode result = root.get("result");
                if (result == null || refused(errors)) {
                    reply.failed("Kraken answered " + PeerText.escape(errors.toString(), 160), retryable(errors));
                    return;
                }
                T value;
                try {
                    value = reader.read(result);
                } catch (IOException | RuntimeException e) {
                    reply.failed("unreadable answer: " + PeerText.escape(String.valueOf(e.getMessage()), 160), true);
                    return;
                }
                reply.ok(value);
            }

            @Override
            public void failed(int status, String reason, boolean retryable) {
                reply.failed(reason, retryable);
            }
        });
    }

    /** An error that is not a warning ("W..." codes come beside a result that still holds). */
    static boolean refused(JsonNode errors) {
        for (JsonNode e : errors) {
            if (!e.asText("").startsWith("W")) {
                return true;
            }
        }
        return false;
    }

    /** Kraken's query and argument errors are the request's fault; anything else may pass. */
    static boolean retryable(JsonNode errors) {
        for (JsonNode e : errors) {
            String code = e.asText("");
            if (code.startsWith("EQuery:") || code.startsWith("EGeneral:Invalid arguments")
                    || code.startsWith("EGeneral:Permission denied")) {
                return false;
            }
        }
        return true;
    }

    /** The one member of a result that is not {@code last}: "never assume the result key equals the request". */
    private static JsonNode onlyPairOf(JsonNode result) throws IOException {
        JsonNode found = null;
        for (Map.Entry<String, JsonNode> e : result.properties()) {
            if (e.getKey().equals("last")) {
                continue;
            }
            if (found != null) {
                throw new IOException("the result names more than one pair");
            }
            found = e.getValue();
        }
        if (found == null) {
            throw new IOException("the result names no pair");
        }
        return found;
    }

    /** {@code last} (a string of nanoseconds in the docs; a number accepted), -1 when unusable. */
    private static long cursor(JsonNode last) {
        try {
            long v = last.isTextual() ? Long.parseLong(last.asText()) : last.isIntegralNumber() ? last.asLong() : -1;
            return v >= 0 ? v : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** A decimal given as a string (REST's prices and sizes) or a number; exact. */
    private static BigDecimal decimal(JsonNode n) throws IOException {
        try {
            if (n.isTextual()) {
                return new BigDecimal(n.asText());
            }
            if (n.isNumber()) {
                return n.decimalValue();
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new IOException("not a decimal: " + PeerText.escape(String.valueOf(n), 40));
    }

    private static double decimalOrNaN(JsonNode n) {
        try {
            return decimal(n).doubleValue();
        } catch (IOException e) {
            return Double.NaN;
        }
    }

    /** A row time in seconds with a fraction, as epoch milliseconds (floor, as the socket's time is read). */
    private static long millisOfSeconds(JsonNode n) throws IOException {
        try {
            return decimal(n).movePointRight(3).setScale(0, RoundingMode.FLOOR).longValueExact();
        } catch (ArithmeticException e) {
            throw new IOException("a trade time out of range");
        }
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
