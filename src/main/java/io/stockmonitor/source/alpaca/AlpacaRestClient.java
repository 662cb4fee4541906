package io.stockmonitor.source.alpaca;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stockmonitor.feed.FeedLink;
import io.stockmonitor.source.RestGate;
import io.stockmonitor.source.SourceSettings;
import io.stockmonitor.source.TimeRefill;
import io.stockmonitor.source.TimedTrade;
import io.stockmonitor.source.TradeValues;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.eclipse.jetty.http.HttpFields;

/**
 * Alpaca's REST market data as the session uses it (docs/sources/alpaca.md), every call with {@code feed=iex} (the
 * historical default feed differs between texts, and recent SIP data is refused on the free plan): historical trades
 * by time for refills ({@code /v2/stocks/{symbol}/trades}, start and end inclusive, 10,000 a page, oldest first,
 * {@code page_token} until {@code next_page_token} is null), the latest trade for a symbol's first price, minute
 * bars for the chart, snapshots for the day statistics, and the asset list (names) from the trading host. The keys
 * travel as the {@code APCA-API-KEY-ID}/{@code APCA-API-SECRET-KEY} headers of the {@link RestGate}, never in a URL.
 *
 * <p>Refills use the single-symbol endpoint rather than the multi-symbol one: each symbol's window starts at its own
 * last trade, and one shared window would drag hours of a busy symbol's trades into a quiet symbol's refill.
 * Answers are read with Jackson's tree model (a few calls a minute, not the trade path); a row that is not a
 * plausible trade is counted as a bad frame and never applied. Feed thread only.
 */
final class AlpacaRestClient implements TimeRefill.History {
    /** The documented maximum page ([trades]: "limit ... 1 to 10000"). */
    static final int PAGE = 10_000;
    static final String FEED = "iex";
    /**
     * The asset list, one exchange at a time: all active US equities in one answer weigh about 4 MB, beyond the
     * bound on a REST answer. OTC is left out: the IEX feed carries listed stocks only.
     */
    static final List<String> EXCHANGES = List.of("NASDAQ", "NYSE", "ARCA", "NYSEARCA", "AMEX", "BATS");

    /** One row of {@code /v2/assets}. */
    record Asset(String symbol, String name, boolean tradable) {
    }

    /** A snapshot's day: today's bar, and the previous day's close. */
    record DayStats(String symbol, double open, double high, double low, double volume, double previousClose) {
    }

    /** One bar: start, OHLC, volume. */
    /** Bars one request may return: "limit ... Max 10000". */
    static final int BARS_LIMIT = 10_000;

    record Bar(long startMs, double open, double high, double low, double close, double volume) {
    }

    /** Prices are decimals on the wire: read as BigDecimal, rounded to a double once. */
    private final ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private final FeedLink link;
    private final SourceSettings settings;
    private final URI assetsBase;
    private final RestGate gate;

    AlpacaRestClient(FeedLink link, SourceSettings settings, URI assetsBase, RestGate gate) {
        this.link = link;
        this.settings = settings;
        this.assetsBase = assetsBase;
        this.gate = gate;
    }

    @Override
    public void fetch(String symbol, long fromNanos, long toNanos, String pageToken, TimeRefill.Page page) {
        StringBuilder q = new StringBuilder("/v2/stocks/").append(path(symbol)).append("/trades?start=")
                .append(enc(AlpacaTime.format(fromNanos)));
        if (toNanos != TimeRefill.OPEN_END) {
            q.append("&end=").append(enc(AlpacaTime.format(toNanos)));
        }
        q.append("&limit=").append(PAGE).append("&feed=").append(FEED).append("&sort=asc");
        if (pageToken != null) {
            q.append("&page_token=").append(enc(pageToken));
        }
        gate.getUrgent(settings.restUri(q.toString()), 1, new RestGate.Answer() {
            @Override
            public void ok(String body, HttpFields headers) {
                JsonNode root;
                try {
                    root = json.readTree(body);
                } catch (IOException e) {
                    page.failed("unreadable trades answer", true);
                    return;
                }
                if (root == null || !root.isObject()) {
                    page.failed("a trades answer that is not an object", true);
                    return;
                }
                JsonNode token = root.path("next_page_token");
                page.trades(trades(symbol, root.path("trades")), token.isTextual() && !token.asText().isEmpty()
                        ? token.asText() : null);
            }

            @Override
            public void failed(int status, String reason, boolean retryable) {
                page.failed(reason, retryable);
            }
        });
    }

    @Override
    public void latest(String symbol, TimeRefill.Page page) {
        gate.getUrgent(settings.restUri("/v2/stocks/" + path(symbol) + "/trades/latest?feed=" + FEED), 1,
                new RestGate.Answer() {
                    @Override
                    public void ok(String body, HttpFields headers) {
                        try {
                            JsonNode trade = json.readTree(body).path("trade");
                            page.trades(trade.isObject() ? trades(symbol, json.createArrayNode().add(trade))
                                    : List.of(), null);
                        } catch (IOException | RuntimeException e) {
                            page.failed("unreadable latest trade", false);
                        }
                    }

                    @Override
                    public void failed(int status, String reason, boolean retryable) {
                        page.failed(reason, retryable);
                    }
                });
    }

    /** Rows of a trades answer ({@code [...]}, or null/absent when there are none: both accepted). */
    private List<TimedTrade> trades(String symbol, JsonNode rows) {
        List<TimedTrade> trades = new ArrayList<>(Math.max(0, rows.size()));
        if (!rows.isArray()) {
            return trades;
        }
        for (JsonNode r : rows) {
            JsonNode i = r.path("i");
            long time = AlpacaTime.parse(r.path("t").isTextual() ? r.path("t").asText() : null);
            double price = r.path("p").isNumber() ? r.path("p").decimalValue().doubleValue() : Double.NaN;
            double size = r.path("s").isNumber() ? r.path("s").decimalValue().doubleValue() : Double.NaN;
            if (!i.canConvertToLong() || !i.isIntegralNumber() || i.asLong() < 0 || time == AlpacaTime.INVALID
                    || !TradeValues.price(price) || !TradeValues.size(size)) {
                link.bad("bad-rest-trade", "Alpaca history of " + symbol + ": a row that is not a plausible trade");
                continue;
            }
            trades.add(new TimedTrade(i.asLong(), time, price, size));
        }
        return trades;
    }

    /** Snapshots of {@code symbols} (one call): today's bar and the previous day's close. */
    void dayStats(List<String> symbols, Consumer<List<DayStats>> done) {
        if (symbols.isEmpty()) {
            return;
        }
        gate.get(settings.restUri("/v2/stocks/snapshots?symbols=" + enc(String.join(",", symbols)) + "&feed="
                + FEED), 1, new RestGate.Answer() {
                    @Override
                    public void ok(String body, HttpFields headers) {
                        List<DayStats> stats = new ArrayList<>();
                        try {
                            JsonNode root = json.readTree(body);
                            for (String s : symbols) {
                                JsonNode snap = root.path(s);
                                if (snap.isObject()) {
                                    JsonNode day = snap.path("dailyBar");
                                    stats.add(new DayStats(s, number(day, "o"), number(day, "h"), number(day, "l"),
                                            number(day, "v"), number(snap.path("prevDailyBar"), "c")));
                                }
                            }
                        } catch (IOException | RuntimeException e) {
                            return; // Day statistics are a courtesy: the next round tries again.
                        }
                        done.accept(stats);
                    }

                    @Override
                    public void failed(int status, String reason, boolean retryable) {
                        // As above.
                    }
                });
    }

    /** Minute bars from {@code startMs} on (at most 1,000), oldest first. */
    void minuteBars(String symbol, long startMs, Consumer<List<Bar>> done) {
        bars("/v2/stocks/" + path(symbol) + "/bars?timeframe=1Min&start=" + enc(AlpacaTime.formatMillis(startMs))
                + "&limit=1000&feed=" + FEED, symbol, done, why -> {
                    // No history for the chart: it starts with the live data.
                });
    }

    /**
     * The newest {@code limit} (at most {@link #BARS_LIMIT}) bars of {@code timeframe} (e.g. {@code 1Hour}) that
     * start within [{@code startMs}, {@code endMs}], oldest first: {@code sort=desc} takes them from the end.
     */
    void barsBefore(String symbol, String timeframe, long startMs, long endMs, int limit, Consumer<List<Bar>> done,
                    Consumer<String> failed) {
        bars("/v2/stocks/" + path(symbol) + "/bars?timeframe=" + timeframe + "&start="
                + enc(AlpacaTime.formatMillis(startMs)) + "&end=" + enc(AlpacaTime.formatMillis(endMs)) + "&limit="
                + Math.min(limit, BARS_LIMIT) + "&sort=desc&feed=" + FEED, symbol, bars -> {
                    bars.sort((a, b) -> Long.compare(a.startMs(), b.startMs()));
                    done.accept(bars);
                }, failed);
    }

    private void bars(String pathAndQuery, String symbol, Consumer<List<Bar>> done, Consumer<String> failed) {
        gate.get(settings.restUri(pathAndQuery), 1, new RestGate.Answer() {
            @Override
            public void ok(String body, HttpFields headers) {
                List<Bar> bars = new ArrayList<>();
                try {
                    for (JsonNode b : json.readTree(body).path("bars")) {
                        long t = AlpacaTime.parse(b.path("t").isTextual() ? b.path("t").asText() : null);
                        Bar bar = new Bar(t == AlpacaTime.INVALID ? -1 : t / 1_000_000L, number(b, "o"),
                                number(b, "h"), number(b, "l"), number(b, "c"), number(b, "v"));
                        if (bar.startMs() <= 0 || !TradeValues.price(bar.open())
                                || !TradeValues.price(bar.high()) || !TradeValues.price(bar.low())
                                || !TradeValues.price(bar.close()) || !TradeValues.size(bar.volume())) {
                            link.bad("bad-rest-bar", "Alpaca bars of " + symbol + ": an implausible bar");
                            failed.accept("an implausible bar");
                            return; // no chart history rather than a wrong one
                        }
                        bars.add(bar);
                    }
                } catch (IOException | RuntimeException e) {
                    failed.accept("unreadable bars: " + e.getMessage());
                    return;
                }
                done.accept(bars);
            }

            @Override
            public void failed(int status, String reason, boolean retryable) {
                failed.accept(reason);
            }
        });
    }

    /** The active US equities of one exchange, with their names. */
    void assets(String exchange, Consumer<List<Asset>> done, Consumer<String> failed) {
        URI uri = URI.create(assetsBase.toString().replaceAll("/+$", "")
                + "/v2/assets?status=active&asset_class=us_equity&exchange=" + enc(exchange));
        gate.get(uri, 1, new RestGate.Answer() {
            @Override
            public void ok(String body, HttpFields headers) {
                List<Asset> assets = new ArrayList<>();
                try {
                    for (JsonNode a : json.readTree(body)) {
                        if (a.path("symbol").isTextual()) {
                            assets.add(new Asset(a.path("symbol").asText(),
                                    a.path("name").isTextual() ? a.path("name").asText() : null,
                                    a.path("tradable").asBoolean(true)));
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    failed.accept("unreadable asset list");
                    return;
                }
                done.accept(assets);
            }

            @Override
            public void failed(int status, String reason, boolean retryable) {
                failed.accept(reason);
            }
        });
    }

    private static double number(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isNumber() ? v.decimalValue().doubleValue() : Double.NaN;
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** A symbol as one path segment ({@code BRK.B} stays as it is). */
    static String path(String symbol) {
        return enc(symbol).replace("+", "%20");
    }
}
