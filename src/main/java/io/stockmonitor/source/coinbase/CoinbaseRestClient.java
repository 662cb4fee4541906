package io.stockmonitor.source.coinbase;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stockmonitor.source.RestGate;
import io.stockmonitor.source.SourceSettings;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.eclipse.jetty.http.HttpFields;

/**
 * Coinbase's REST market data besides the trade history (docs/sources/coinbase.md §10): the product list
 * ({@code /products}), 24 h statistics ({@code /products/{id}/stats}) and candles ({@code /products/{id}/candles}).
 * Every call goes through the source's {@link RestGate}, so the refills and these share the 8 calls a second. Answers
 * are read with Jackson's tree model (a few calls a minute, not the trade path); an unreadable answer or a failed
 * call is logged by the caller's {@code failed} or simply skipped (statistics and candles are a courtesy: live data
 * builds them anyway). Feed thread only.
 */
final class CoinbaseRestClient {
    /** Candle width asked for: one minute, the finest Coinbase offers ({60, 300, 900, 3600, 21600, 86400}). */
    static final int CANDLE_SECONDS = 60;

    /** One product of {@code /products}. */
    record Product(String id, String displayName, String base, String quote, String status) {
    }

    /** The 24 h statistics of one product (all strings on the wire; NaN where absent or unreadable). */
    record DayStats(double open, double high, double low, double volume) {
    }

    /** Candles one request may cover: "The maximum number of data points for a single request is 300 candles." */
    static final int CANDLES_PER_REQUEST = 300;

    /** One candle: bucket start (epoch s), OHLC, base volume. */
    record Candle(long time, double open, double high, double low, double close, double volume) {
    }

    private final ObjectMapper json = new ObjectMapper();
    private final SourceSettings settings;
    private final RestGate gate;

    CoinbaseRestClient(SourceSettings settings, RestGate gate) {
        this.settings = settings;
        this.gate = gate;
    }

    /** Every product (any status), in the answer's order. */
    void products(Consumer<List<Product>> done, Consumer<String> failed) {
        gate.get(settings.restUri("/products"), 1, new RestGate.Answer() {
            @Override
            public void ok(String body, HttpFields headers) {
                try {
                    JsonNode root = json.readTree(body);
                    if (root == null || !root.isArray()) {
                        throw new IOException("not an array");
                    }
                    List<Product> products = new ArrayList<>(root.size());
                    for (JsonNode p : root) {
                        String id = p.path("id").asText("");
                        if (!id.isEmpty()) {
                            products.add(new Product(id, text(p, "display_name"), text(p, "base_currency"),
                                    text(p, "quote_currency"), text(p, "status")));
                        }
                    }
                    done.accept(products);
                } catch (IOException | RuntimeException e) {
                    failed.accept("unreadable /products answer: " + e.getClass().getSimpleName());
                }
            }

            @Override
            public void failed(int status, String reason, boolean retryable) {
                failed.accept(reason);
            }
        });
    }

    /** The product's 24 h statistics. */
    void dayStats(String product, Consumer<DayStats> done) {
        gate.get(settings.restUri("/products/" + pathSegment(product) + "/stats"), 1, new RestGate.Answer() {
            @Override
            public void ok(String body, HttpFields headers) {
                try {
                    JsonNode s = json.readTree(body);
                    if (s != null && s.isObject()) {
                        done.accept(new DayStats(decimal(s, "open"), decimal(s, "high"), decimal(s, "low"),
                                decimal(s, "volume")));
                    }
                } catch (IOException e) {
                    // Statistics are a courtesy: the ticker brings them with every trade anyway.
                }
            }

            @Override
            public void failed(int status, String reason, boolean retryable) {
                // As above.
            }
        });
    }

    /**
     * The latest one-minute candles (no start and end: "both fields are ignored" and the server answers its newest
     * ones, at most 300), oldest first. Rows are {@code [time, low, high, open, close, volume]} JSON numbers, newest
     * first on the wire; a row that is not six finite numbers with positive prices is left out.
     */
    void candles(String product, Consumer<List<Candle>> done) {
        candles("/products/" + pathSegment(product) + "/candles?granularity=" + CANDLE_SECONDS, done, why -> {
            // No history for the chart: it starts with the live data.
        });
    }

    /**
     * Candles of {@code granularity} seconds whose buckets start from {@code startSec} to {@code endSec} (epoch
     * seconds, both inclusive, at most {@link #CANDLES_PER_REQUEST} buckets), oldest first; the chart scrolled left.
     */
    void candles(String product, int granularity, long startSec, long endSec, Consumer<List<Candle>> done,
                 Consumer<String> failed) {
        candles("/products/" + pathSegment(product) + "/candles?granularity=" + granularity + "&start=" + startSec
                + "&end=" + endSec, done, failed);
    }

    private void candles(String pathAndQuery, Consumer<List<Candle>> done, Consumer<String> failed) {
        gate.get(settings.restUri(pathAndQuery), 1, new RestGate.Answer() {
            @Override
            public void ok(String body, HttpFields headers) {
                try {
                    JsonNode root = json.readTree(body);
                    if (root == null || !root.isArray()) {
                        failed.accept("candles: not an array");
                        return;
                    }
                    List<Candle> candles = new ArrayList<>(root.size());
                    for (JsonNode r : root) {
                        Candle c = candle(r);
                        if (c != null) {
                            candles.add(c);
                        }
                    }
                    candles.sort((a, b) -> Long.compare(a.time(), b.time()));
                    done.accept(candles);
                } catch (IOException e) {
                    failed.accept("unreadable candles: " + e.getMessage());
                }
            }

            @Override
            public void failed(int status, String reason, boolean retryable) {
                failed.accept(reason);
            }
        });
    }

    private static Candle candle(JsonNode r) {
        if (!r.isArray() || r.size() < 6 || !r.path(0).isIntegralNumber()) {
            return null;
        }
        for (int i = 1; i < 6; i++) {
            if (!r.path(i).isNumber() || !Double.isFinite(r.path(i).asDouble())) {
                return null;
            }
        }
        double low = r.path(1).asDouble();
        double high = r.path(2).asDouble();
        double open = r.path(3).asDouble();
        double close = r.path(4).asDouble();
        double volume = r.path(5).asDouble();
        long time = r.path(0).asLong();
        if (time <= 0 || !(low > 0) || high < low || open < low || open > high || close < low || close > high
                || volume < 0) {
            return null;
        }
        return new Candle(time, open, high, low, close, volume);
    }

    private static double decimal(JsonNode node, String field) {
        return CoinbaseTradeHistory.decimal(node.path(field));
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isTextual() ? v.asText() : null;
    }

    /** A product id as one path segment ("BTC-USD" stays as it is; anything odd a user typed is escaped). */
    static String pathSegment(String product) {
        return URLEncoder.encode(product, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
