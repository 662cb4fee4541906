package io.stockmonitor.source.finnhub;

import com.fasterxml.jackson.databind.DeserializationFeature;
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
 * Finnhub's REST calls as the session uses them (docs/sources/finnhub.md, [openapi]): {@code /api/v1/quote} for a
 * symbol's price and day statistics (once per symbol: "Constant polling is not recommended"), and
 * {@code /api/v1/stock/symbol?exchange=US} for the symbol list with names, one venue ({@code mic}) at a time: the
 * whole US list (about 30,000 rows, OTC included) weighs more than a REST answer may. The token travels in the
 * {@code X-Finnhub-Token} header of the {@link RestGate}, never in a URL. There is no REST history of ticks: nothing
 * here can refill a trade. Feed thread only.
 */
final class FinnhubRestClient {
    /** Listed US venues: NYSE, Nasdaq, NYSE American, NYSE Arca, Cboe BZX (OTC is left out). */
    static final List<String> US_VENUES = List.of("XNYS", "XNAS", "XASE", "ARCX", "BATS");

    /**
     * One quote ([openapi] {@code Quote}); for a symbol Finnhub does not know, all zeros ("observed").
     *
     * @param timeSec the last update, Unix seconds (sent by the live API, absent from the schema), or 0
     */
    record Quote(String symbol, double current, double open, double high, double low, double previousClose,
                 long timeSec) {
        /** "treat {@code c == 0} as no quote". */
        boolean empty() {
            return !(current > 0);
        }
    }

    /** One row of {@code /stock/symbol}: the symbol and its name ({@code description}). */
    record Listing(String symbol, String description) {
    }

    /** Prices are decimals on the wire: read as BigDecimal, rounded to a double once. */
    private final ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private final SourceSettings settings;
    private final RestGate gate;

    FinnhubRestClient(SourceSettings settings, RestGate gate) {
        this.settings = settings;
        this.gate = gate;
    }

    void quote(String symbol, Consumer<Quote> done, Consumer<String> failed) {
        gate.getUrgent(settings.restUri("/api/v1/quote?symbol=" + enc(symbol)), 1, new RestGate.Answer() {
            @Override
            public void ok(String body, HttpFields headers) {
                try {
                    JsonNode q = json.readTree(body);
                    if (q == null || !q.isObject()) {
                        failed.accept("a quote that is not an object");
                        return;
                    }
                    done.accept(new Quote(symbol, number(q, "c"), number(q, "o"), number(q, "h"), number(q, "l"),
                            number(q, "pc"), q.path("t").canConvertToLong() ? q.path("t").asLong() : 0));
                } catch (IOException e) {
                    failed.accept("unreadable quote");
                }
            }

            @Override
            public void failed(int status, String reason, boolean retryable) {
                failed.accept(reason);
            }
        });
    }

    void symbols(String mic, Consumer<List<Listing>> done, Consumer<String> failed) {
        gate.get(settings.restUri("/api/v1/stock/symbol?exchange=US&mic=" + enc(mic)), 1, new RestGate.Answer() {
            @Override
            public void ok(String body, HttpFields headers) {
                List<Listing> rows = new ArrayList<>();
                try {
                    JsonNode list = json.readTree(body);
                    if (list == null || !list.isArray()) {
                        failed.accept("a symbol list that is not a list");
                        return;
                    }
                    for (JsonNode r : list) {
                        if (r.path("symbol").isTextual()) {
                            rows.add(new Listing(r.path("symbol").asText(),
                                    r.path("description").isTextual() ? r.path("description").asText() : null));
                        }
                    }
                } catch (IOException e) {
                    failed.accept("unreadable symbol list");
                    return;
                }
                done.accept(rows);
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
}
