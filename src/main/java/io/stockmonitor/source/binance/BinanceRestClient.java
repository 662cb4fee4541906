package io.stockmonitor.source.binance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stockmonitor.feed.FeedSession.SymbolInfo;
import io.stockmonitor.source.RestGate;
import io.stockmonitor.source.SourceSettings;
import io.stockmonitor.source.Trade;
import io.stockmonitor.source.TradeSequencer;
import io.stockmonitor.source.TradeValues;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.eclipse.jetty.http.HttpFields;

/**
 * Binance's REST market data as the session uses it (docs/sources/binance.md): aggregate trades by id for refills
 * ({@code /api/v3/aggTrades}, weight 4, 1,000 a page, oldest first), the symbol list ({@code exchangeInfo}), rolling
 * 24 h statistics ({@code ticker/24hr}) and candles ({@code klines}). Answers are parsed with Jackson's tree model
 * (these are a few calls a minute, not the trade path). Feed thread only.
 */
final class BinanceRestClient implements TradeSequencer.History {
    static final int PAGE = 1_000;
    static final int AGG_TRADES_WEIGHT = 4;
    static final int EXCHANGE_INFO_WEIGHT = 20;
    static final int KLINES_WEIGHT = 2;

    /** One symbol of exchangeInfo. */
    record SymbolRow(String symbol, String baseAsset, String quoteAsset, String status) {
    }

    /** The rolling 24 h statistics of one symbol. */
    record DayStats(String symbol, double open, double high, double low, double volume) {
    }

    /** One kline: open time, OHLC, base volume. */
    record Kline(long openTime, double open, double high, double low, double close, double volume) {
    }

    private final ObjectMapper json = new ObjectMapper();
    private final SourceSettings settings;
    private final RestGate gate;
    private final BinanceWeight weight;

    BinanceRestClient(SourceSettings settings, RestGate gate, BinanceWeight weight) {
        this.settings = settings;
        this.gate = gate;
        this.weight = weight;
    }

    @Override
    public void fetch(String symbol, long afterId, long afterTs, TradeSequencer.Page page) {
        aggTrades("symbol=" + enc(symbol) + "&fromId=" + (afterId + 1) + "&limit=" + PAGE, page);
    }

    @Override
    public void latest(String symbol, TradeSequencer.Page page) {
        aggTrades("symbol=" + enc(symbol) + "&limit=1", page);
    }

    private void aggTrades(String query, TradeSequencer.Page page) {
        gate.get(settings.restUri("/api/v3/aggTrades?" + query), AGG_TRADES_WEIGHT, new RestGate.Answer() {
            @Override
            public void ok(String body, HttpFields headers) {
                List<Trade> trades;
                try {
                    trades = parseAggTrades(body);
                } catch (IOException | RuntimeException e) {
                    page.failed("unreadable aggTrades answer: " + e.getMessage(), true);
                    return;
                }
                page.trades(trades, trades.size() >= PAGE);
            }

            @Override
            public void failed(int status, String reason, boolean retryable) {
                page.failed(reason, retryable);
            }
        });
    }

    /** Rows of {@code /api/v3/aggTrades}: {"a","p","q","f","l","T","m","M"}, oldest first. */
    List<Trade> parseAggTrades(String body) throws IOException {
        JsonNode rows = json.readTree(body);
        if (!rows.isArray()) {
            throw new IOException("not an array");
        }
        List<Trade> trades = new ArrayList<>(rows.size());
        long previous = Long.MIN_VALUE;
        for (JsonNode r : rows) {
            long id = r.path("a").asLong(Long.MIN_VALUE);
            long time = r.path("T").asLong(-1);
            double price = Double.parseDouble(r.path("p").asText("NaN"));
            double quantity = Double.parseDouble(r.path("q").asText("NaN"));
            if (id == Long.MIN_VALUE || id <= previous || time <= 0) {
                throw new IOException("aggTrades row out of order or incomplete: " + r);
            }
            // Binance keeps invalidated duplicates in place with p "0", f -1 (CHANGELOG 2022-04-12): the id
            // counts, the row is not a trade.
            boolean valid = r.path("f").asLong(0) >= 0
                    && TradeValues.problem(price, quantity, time, System.currentTimeMillis()) == null;
            trades.add(new Trade(id, time, price, quantity, valid));
            previous = id;
        }
        return trades;
    }

    /** The symbol list and the REQUEST_WEIGHT limit; {@code done} gets the TRADING symbols first. */
    void exchangeInfo(Consumer<List<SymbolRow>> done, Consumer<String> failed) {
        gate.get(settings.restUri("/api/v3/exchangeInfo"), EXCHANGE_INFO_WEIGHT, new RestGate.Answer() {
            @Override
            public void ok(String body, HttpFields headers) {
                try {
                    JsonNode root = json.readTree(body);
                    for (JsonNode limit : root.path("rateLimits")) {
                        if ("REQUEST_WEIGHT".equals(limit.path("rateLimitType").asText())
                                && "MINUTE".equals(limit.path("interval").asText())
                                && limit.path("intervalNum").asInt(1) == 1) {
                            weight.limit(limit.path("limit").asInt(0));
                        }
                    }
                    List<SymbolRow> rows = new ArrayList<>();
                    for (JsonNode s : root.path("symbols")) {
                        rows.add(new SymbolRow(s.path("symbol").asText(), s.path("baseAsset").asText(),
                                s.path("quoteAsset").asText(), s.path("status").asText()));
                    }
                    done.accept(rows);
                } catch (IOException | RuntimeException e) {
                    failed.accept("unreadable exchangeInfo: " + e.getMessage());
                }
            }

            @Override
            public void failed(int status, String reason, boolean retryable) {
                failed.accept(reason);
            }
        });
    }

    /** Rolling 24 h statistics of {@code symbols} (at most 20 a call: weight 2). */
    void dayStats(List<String> symbols, Consumer<List<DayStats>> done) {
        if (symbols.isEmpty()) {
            return;
        }
        StringBuilder list = new StringBuilder("[");
        for (String s : symbols) {
            list.append(list.length() == 1 ? "" : ",").append('"').append(s).append('"');
        }
        list.append(']');
        int w = symbols.size() <= 20 ? 2 : symbols.size() <= 100 ? 40 : 80;
        gate.get(settings.restUri("/api/v3/ticker/24hr?symbols=" + enc(list.toString())), w, new RestGate.Answer() {
            @Override
            public void ok(String body, HttpFields headers) {
                try {
                    JsonNode root = json.readTree(body);
                    List<DayStats> stats = new ArrayList<>();
                    for (JsonNode t : root.isArray() ? root : List.of(root)) {
                        stats.add(new DayStats(t.path("symbol").asText(), decimal(t, "openPrice"),
                                decimal(t, "highPrice"), decimal(t, "lowPrice"), decimal(t, "volume")));
                    }
                    done.accept(stats);
                } catch (IOException | RuntimeException e) {
                    // Day statistics are a courtesy: the next round tries again.
                }
            }

            @Override
            public void failed(int status, String reason, boolean retryable) {
                // As above.
            }
        });
    }

    /**
     * Up to 1,000 klines of {@code interval} ("1s", "1m", ...) opening at or before {@code endTime}
     * ({@link Long#MAX_VALUE}: the newest), oldest first.
     */
    void klines(String symbol, String interval, int limit, long endTime, Consumer<List<Kline>> done,
                Consumer<String> failed) {
        String end = endTime == Long.MAX_VALUE ? "" : "&endTime=" + endTime;
        gate.get(settings.restUri("/api/v3/klines?symbol=" + enc(symbol) + "&interval=" + interval + "&limit="
                + limit + end), KLINES_WEIGHT, new RestGate.Answer() {
                    @Override
                    public void ok(String body, HttpFields headers) {
                        try {
                            List<Kline> rows = new ArrayList<>();
                            for (JsonNode k : json.readTree(body)) {
                                rows.add(new Kline(k.path(0).asLong(), Double.parseDouble(k.path(1).asText()),
                                        Double.parseDouble(k.path(2).asText()), Double.parseDouble(k.path(3).asText()),
                                        Double.parseDouble(k.path(4).asText()),
                                        Double.parseDouble(k.path(5).asText())));
                            }
                            done.accept(rows);
                        } catch (IOException | RuntimeException e) {
                            failed.accept("unreadable klines: " + e.getMessage());
                        }
                    }

                    @Override
                    public void failed(int status, String reason, boolean retryable) {
                        failed.accept(reason);
                    }
                });
    }

    private static double decimal(JsonNode node, String field) {
        String text = node.path(field).asText(null);
        return text == null ? Double.NaN : Double.parseDouble(text);
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** The REST spelling of a stream's symbol: lower case for stream names. */
    static String streamSymbol(String symbol) {
        return symbol.toLowerCase(Locale.ROOT);
    }

    static Map<String, String> noHeaders() {
        return Map.of();
    }
}
