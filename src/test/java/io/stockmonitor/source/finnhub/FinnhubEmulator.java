package io.stockmonitor.source.finnhub;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stockmonitor.source.testing.EmulatedTrade;
import io.stockmonitor.source.testing.ProviderEmulator;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.websocket.server.ServerWebSocketContainer;

/**
 * Finnhub's trades WebSocket and the REST calls a client needs, as its documentation and its maintainers show them
 * (see docs/sources/finnhub.md for every source and what is only observed):
 *
 * <ul>
 *   <li>WebSocket {@code wss://ws.finnhub.io?token=...} (here {@code ws://127.0.0.1:PORT/?token=...}): a wrong or
 *       missing token refuses the upgrade with HTTP 401; {@code {"type":"subscribe","symbol":"AAPL"}} and
 *       {@code {"type":"unsubscribe",...}} are not acknowledged; trades arrive as
 *       {@code {"data":[{"c":[...],"p":...,"s":"AAPL","t":<ms>,"v":...}],"type":"trade"}}, several per message;
 *       {@code {"type":"ping"}} comes every {@link #pingEvery(Duration)} (about a minute, observed); one connection
 *       per token (a second one is closed at once); past the symbol limit
 *       {@code {"msg":"Subscribing to too many symbols","type":"error"}}.</li>
 *   <li>REST {@code /api/v1/quote?symbol=} ({@code c,d,dp,h,l,o,pc,t}) and {@code /api/v1/stock/symbol?exchange=US};
 *       the token as {@code token} query parameter or {@code X-Finnhub-Token} header (401 otherwise); 60 calls a
 *       minute and 30 a second, then 429.</li>
 * </ul>
 *
 * <p>There are no trade ids on the wire and no REST endpoint for past ticks: a client cannot refill anything, so
 * every reconnect is a lost span whose trade count is unknown. The emulator's trade list still holds every trade (ids
 * included) so a test can say exactly which trades a client could not have seen.
 *
 * <p>Faults beyond the base's: {@link #restartServer()} (the "server update" disconnects the maintainers say to
 * expect: a normal close of every socket), {@link #sendError(String)}, {@link #symbolLimit(int)},
 * {@link #connectionLimit(int)}, {@link #rateLimit(int, int)}.
 */
public final class FinnhubEmulator extends ProviderEmulator {
    public static final String TOKEN = "emulatortoken0000000";
    /** Finnhub's free plan: 60 REST calls a minute, and 30 a second on every plan. */
    public static final int FREE_CALLS_PER_MINUTE = 60;
    public static final int CALLS_PER_SECOND = 30;
    /** Symbols one connection may subscribe before the error (the free plan's figure is not documented: 50 here). */
    public static final int DEFAULT_SYMBOL_LIMIT = 50;
    static final String TOO_MANY_SYMBOLS = "Subscribing to too many symbols";
    static final String RATE_LIMITED = "{\"error\":\"API limit reached. Please try again later. Remaining Limit: 0\"}";

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private final ObjectMapper json = new ObjectMapper().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
    private final String token;

    private volatile int connectionLimit = 1;
    private volatile int symbolLimit = DEFAULT_SYMBOL_LIMIT;
    private volatile boolean batching = true;

    // Emulator thread only.
    private ScheduledFuture<?> pings;
    private int perMinute = FREE_CALLS_PER_MINUTE;
    private int perSecond = CALLS_PER_SECOND;
    private final List<Long> callTimes = new ArrayList<>();
    private final Map<String, BigDecimal> previousClose = new HashMap<>();
    private final Map<String, String> names = new HashMap<>();

    public FinnhubEmulator(long seed) {
        this(seed, TOKEN);
    }

    public FinnhubEmulator(long seed, String token) {
        super(seed);
        this.token = token;
    }

    // ------------------------------------------------------------------ setup

    /** Adds a US stock: ticks of 0.01, whole shares; its previous close is the start price. */
    public void addStock(String symbol, String startPrice) {
        addSymbol(symbol, startPrice, "0.01", 1, "1", 0);
        call(() -> {
            previousClose.put(symbol, market.last(symbol));
            return null;
        });
    }

    /** The description {@code /stock/symbol} gives (default: the symbol and " INC"). */
    public void name(String symbol, String description) {
        call(() -> names.put(symbol, description));
    }

    /** Sends {@code {"type":"ping"}} on every socket each {@code period} (observed: about once a minute). */
    public void pingEvery(Duration period) {
        call(() -> {
            if (pings != null) {
                pings.cancel(false);
            }
            pings = scheduleEvery(this::pingAll, period);
            return null;
        });
    }

    private void pingAll() {
        for (EmulatedSocket s : sockets()) {
            send(s, "{\"type\":\"ping\"}");
        }
    }

    /** Open connections allowed per token (default 1); a further one is closed right after it opens. */
    public void connectionLimit(int limit) {
        connectionLimit = limit;
    }

    /** Symbols one connection may have subscribed (default 50). */
    public void symbolLimit(int limit) {
        symbolLimit = limit;
    }

    /** Whether the trades of one emulator step share one message (default true: "data" is a list). */
    public void batching(boolean on) {
        batching = on;
    }

    /** REST calls allowed per minute and per second (defaults 60 and 30). */
    public void rateLimit(int callsPerMinute, int callsPerSecond) {
        call(() -> {
            perMinute = callsPerMinute;
            perSecond = callsPerSecond;
            callTimes.clear();
            return null;
        });
    }

    /**
     * Open sockets subscribed to {@code symbol}. Finnhub acknowledges nothing, so a test waits on this before it
     * trades.
     */
    public int subscribers(String symbol) {
        return call(() -> (int) sockets().stream().filter(s -> ((FinnhubSocket) s).symbols.contains(symbol)).count());
    }

    // ------------------------------------------------------------------ faults

    /** Closes every socket normally (1001 going away), as a server update does. */
    public void restartServer() {
        for (EmulatedSocket s : sockets()) {
            s.session().close(1001, "server restart", org.eclipse.jetty.websocket.api.Callback.NOOP);
        }
    }

    /** Sends {@code {"msg":msg,"type":"error"}} on every socket. */
    public void sendError(String msg) {
        call(() -> {
            for (EmulatedSocket s : sockets()) {
                send(s, error(msg));
            }
            return null;
        });
    }

    /** Sends {@code frame} as it is on every open socket: forged or malformed frames, for client tests. */
    public void sendRaw(String frame) {
        call(() -> {
            for (EmulatedSocket s : sockets()) {
                send(s, frame);
            }
            return null;
        });
    }

    private String error(String msg) {
        ObjectNode n = json.createObjectNode();
        n.put("msg", msg);
        n.put("type", "error");
        return write(n);
    }

    // ------------------------------------------------------------------ WebSocket

    @Override
    protected void configure(ServerWebSocketContainer container) {
        container.setIdleTimeout(Duration.ofMinutes(10));
        container.addMapping("/", (request, response, callback) -> {
            if (!admit(request, response, callback)) {
                return null;
            }
            String given = Request.extractQueryParameters(request).getValue("token");
            if (!token.equals(given)) {
                // Observed (finnhubio/Finnhub-API#465): "HTTP/1.1 401 Unauthorized" for a wrong key.
                refuse(response, callback, 401, "");
                return null;
            }
            return new FinnhubSocket(this);
        });
    }

    @Override
    protected void stream(EmulatedTrade trade, boolean duplicate) {
        for (EmulatedSocket s : sockets()) {
            FinnhubSocket f = (FinnhubSocket) s;
            if (f.symbols.contains(trade.symbol())) {
                f.data(tradePoint(trade));
            }
        }
    }

    ObjectNode tradePoint(EmulatedTrade t) {
        ObjectNode n = json.createObjectNode();
        n.putArray("c").add("1");
        n.put("p", t.price());
        n.put("s", t.symbol());
        n.put("t", t.timeMs());
        n.put("v", t.size().stripTrailingZeros());
        return n;
    }

    private String write(JsonNode node) {
        try {
            return json.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One client socket: a set of subscribed symbols, and trades waiting for the end of the emulator step. */
    public static final class FinnhubSocket extends EmulatedSocket {
        private final FinnhubEmulator finnhub;
        private final Set<String> symbols = new LinkedHashSet<>();
        private final List<JsonNode> pending = new ArrayList<>();

        FinnhubSocket(FinnhubEmulator finnhub) {
            super(finnhub);
            this.finnhub = finnhub;
        }

        @Override
        protected void onOpen() {
            long others = finnhub.sockets().stream().filter(s -> s != this && s.session().isOpen()).count();
            if (others >= finnhub.connectionLimit) {
                // Observed (finnhubio/Finnhub-API#158): a token already in use is disconnected within a second.
                session().close(1008, "token in use", org.eclipse.jetty.websocket.api.Callback.NOOP);
            }
        }

        @Override
        protected void onRequest(String text) {
            JsonNode m;
            try {
                m = finnhub.json.readTree(text);
            } catch (JsonProcessingException e) {
                return; // Not documented; the emulator ignores it.
            }
            if (m == null || !m.path("symbol").isTextual()) {
                return;
            }
            String symbol = m.get("symbol").asText();
            switch (m.path("type").asText()) {
                case "subscribe" -> {
                    if (!symbols.contains(symbol) && symbols.size() >= finnhub.symbolLimit) {
                        send(finnhub.error(TOO_MANY_SYMBOLS));
                    } else {
                        symbols.add(symbol);
                    }
                }
                case "unsubscribe" -> symbols.remove(symbol);
                default -> {
                    // Other types (news, press releases) are not emulated.
                }
            }
        }

        void data(JsonNode point) {
            if (!finnhub.batching) {
                send(finnhub.write(message(List.of(point))));
                return;
            }
            if (pending.isEmpty()) {
                finnhub.execute(this::flush);
            }
            pending.add(point);
        }

        private void flush() {
            if (!pending.isEmpty()) {
                send(finnhub.write(message(pending)));
                pending.clear();
            }
        }

        private ObjectNode message(List<JsonNode> points) {
            ObjectNode n = finnhub.json.createObjectNode();
            ArrayNode data = n.putArray("data");
            points.forEach(data::add);
            n.put("type", "trade");
            return n;
        }
    }

    // ------------------------------------------------------------------ REST

    @Override
    protected String restFailureBody(int status) {
        return status == 429 ? RATE_LIMITED : "{\"error\":\"emulated failure\"}";
    }

    @Override
    protected RestResponse rest(RestRequest r) {
        if (!"GET".equals(r.method()) || !r.path().startsWith("/api/v1/")) {
            return null;
        }
        String given = r.param("token") != null ? r.param("token") : r.headers().get("X-Finnhub-Token");
        if (given == null) {
            return RestResponse.error(401, "{\"error\":\"Please use an API key.\"}");
        }
        if (!token.equals(given)) {
            return RestResponse.error(401, "{\"error\":\"Invalid API key.\"}");
        }
        if (!admitCall()) {
            return RestResponse.error(429, RATE_LIMITED);
        }
        return switch (r.path()) {
            case "/api/v1/quote" -> quote(r.param("symbol"));
            case "/api/v1/stock/symbol" -> stockSymbols(r.param("exchange"));
            default -> null;
        };
    }

    /** Counts the call against both windows (sliding: the last minute and the last second). */
    private boolean admitCall() {
        long now = System.nanoTime();
        callTimes.removeIf(t -> now - t >= TimeUnit.MINUTES.toNanos(1));
        long lastSecond = callTimes.stream().filter(t -> now - t < TimeUnit.SECONDS.toNanos(1)).count();
        if (callTimes.size() >= perMinute || lastSecond >= perSecond) {
            return false;
        }
        callTimes.add(now);
        return true;
    }

    private RestResponse quote(String symbol) {
        if (symbol == null) {
            return RestResponse.error(422, "{\"error\":\"Wrong symbol.\"}");
        }
        ObjectNode n = json.createObjectNode();
        if (!market.has(symbol)) {
            // Observed for an unknown symbol: zeros, and no change.
            n.put("c", 0);
            n.putNull("d");
            n.putNull("dp");
            n.put("h", 0);
            n.put("l", 0);
            n.put("o", 0);
            n.put("pc", 0);
            n.put("t", 0);
            return RestResponse.json(write(n));
        }
        BigDecimal pc = previousClose.getOrDefault(symbol, market.last(symbol));
        BigDecimal c = market.last(symbol);
        BigDecimal o = pc;
        BigDecimal h = pc;
        BigDecimal l = pc;
        long t = 0;
        Instant dayStart = Instant.now().atZone(NEW_YORK).truncatedTo(ChronoUnit.DAYS).toInstant();
        boolean first = true;
        for (EmulatedTrade trade : market.tradesView(symbol)) {
            if (trade.time().isBefore(dayStart)) {
                continue;
            }
            if (first) {
                o = trade.price();
                h = o;
                l = o;
                first = false;
            }
            h = h.max(trade.price());
            l = l.min(trade.price());
            t = trade.time().getEpochSecond();
        }
        BigDecimal d = c.subtract(pc);
        n.put("c", c);
        n.put("d", d);
        n.put("dp", d.multiply(BigDecimal.valueOf(100)).divide(pc, 4, RoundingMode.HALF_EVEN));
        n.put("h", h);
        n.put("l", l);
        n.put("o", o);
        n.put("pc", pc);
        n.put("t", t);
        return RestResponse.json(write(n));
    }

    private RestResponse stockSymbols(String exchange) {
        if (exchange == null) {
            return RestResponse.error(422, "{\"error\":\"Wrong exchange.\"}");
        }
        ArrayNode list = json.createArrayNode();
        if (exchange.equals("US")) {
            for (String s : market.symbols()) {
                ObjectNode n = list.addObject();
                n.put("currency", "USD");
                n.put("description", names.getOrDefault(s, s + " INC"));
                n.put("displaySymbol", s);
                n.put("figi", figi(s, 'F'));
                n.put("isin", "");
                n.put("mic", "XNAS");
                n.put("shareClassFIGI", figi(s, 'S'));
                n.put("symbol", s);
                n.put("symbol2", "");
                n.put("type", "Common Stock");
            }
        }
        return RestResponse.json(write(list));
    }

    /** A made-up but well-formed FIGI (BBG + 9 characters), stable per symbol. */
    private static String figi(String symbol, char kind) {
        String h = Integer.toUnsignedString((symbol + kind).hashCode(), 36).toUpperCase(Locale.ROOT);
        return "BBG" + (h + "000000000").substring(0, 9);
    }
}
