package io.stockmonitor.source.alpaca;

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
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.websocket.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.server.ServerWebSocketContainer;

/**
 * Alpaca Market Data API v2 (stocks), as documented at docs.alpaca.markets (see docs/sources/alpaca.md for every
 * page and quote this follows):
 *
 * <ul>
 *   <li>WebSocket {@code /v2/{feed}} ({@code iex}, {@code sip}, {@code delayed_sip}, {@code test}): greeting
 *       {@code [{"T":"success","msg":"connected"}]}, auth by message {@code {"action":"auth","key","secret"}} or by the
 *       {@code APCA-API-KEY-ID}/{@code APCA-API-SECRET-KEY} upgrade headers, {@code subscribe}/{@code unsubscribe}
 *       answered with the whole {@code subscription}, trades {@code "T":"t"} and quotes {@code "T":"q"} batched in
 *       JSON arrays, errors 400..409 as {@code [{"T":"error","code":N,"msg":"..."}]}; one authenticated connection
 *       per key (406), 30 trade/quote symbols (405), 10 s to authenticate (404, then the socket is closed).</li>
 *   <li>REST (the data host and, for {@code /v2/assets}, the trading host, both served here):
 *       {@code /v2/stocks/{symbol}/trades}, {@code /v2/stocks/trades?symbols=}, {@code .../trades/latest},
 *       {@code /v2/stocks/{symbol}/bars}, {@code /v2/stocks/{symbol}/snapshot}, {@code /v2/stocks/snapshots},
 *       {@code /v2/assets}, {@code /v2/assets/{symbol}}; auth by the two headers (401 otherwise), paging by
 *       {@code limit}/{@code page_token}/{@code next_page_token}, {@code start}/{@code end} inclusive, {@code sort},
 *       and a per-key request window with {@code X-RateLimit-Limit/Remaining/Reset} on every answer (429 beyond).</li>
 * </ul>
 *
 * <p>Trade ids are unique and increasing per symbol but NOT contiguous (add symbols with
 * {@link #addStock(String, String, long)}), so a client can never prove completeness by id: a reconnect's span is
 * refilled by time over REST and deduplicated by id. Sizes are whole shares.
 *
 * <p>Faults beyond the base's: {@link #rejectAuths(int)} (402 for a right key), {@link #occupyConnection(boolean)}
 * (another session holds the account's one connection: 406), {@link #slowClient(boolean)} (407 and a disconnect),
 * {@link #sendError(int, String)} (e.g. 500 internal error), {@link #rateLimit(int, Duration)},
 * {@link #authTimeout(Duration)}, {@link #entitledFeeds(Set)} (409 for the others).
 */
public final class AlpacaEmulator extends ProviderEmulator {
    /** The emulated account's key id and secret (tests may use others through the constructor). */
    public static final String KEY_ID = "PKEMULATOR0000000001";
    public static final String SECRET = "emulator-secret-do-not-log-0000000000000";

    /** Stream paths ({@code /v2/{feed}}) this emulator answers; entitlement decides which authenticate. */
    public static final List<String> FEEDS = List.of("iex", "sip", "delayed_sip", "test");

    /** Documented limits of the free (Basic) plan: one connection, 30 trade/quote symbols, 200 requests a minute. */
    public static final int FREE_CONNECTIONS = 1;
    public static final int FREE_SYMBOLS = 30;
    public static final int FREE_REQUESTS_PER_MINUTE = 200;

    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final String EXCHANGE_IEX = "V";
    private static final String TAPE = "C";
    private static final int DEFAULT_LIMIT = 1000;
    private static final int MAX_LIMIT = 10_000;
    private static final Pattern TIMEFRAME = Pattern.compile("(\\d+)(Min|T|Hour|H|Day|D|Week|W|Month|M)");

    private final ObjectMapper json = new ObjectMapper().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
    private final String keyId;
    private final String secret;

    // Settings: volatile, read by Jetty threads (upgrades) and the emulator thread.
    private volatile Set<String> entitled = Set.of("iex", "test");
    private volatile int connectionLimit = FREE_CONNECTIONS;
    private volatile int symbolLimit = FREE_SYMBOLS;
    private volatile Duration authTimeout = Duration.ofSeconds(10);
    private volatile boolean batching = true;

    // Emulator thread only.
    private int rateLimit = FREE_REQUESTS_PER_MINUTE;
    private Duration rateWindow = Duration.ofMinutes(1);
    private long windowStartNanos = System.nanoTime();
    private long windowStartEpochMs = System.currentTimeMillis();
    private int usedInWindow;
    private int authRejectionsLeft;
    private boolean connectionOccupied;
    private boolean slowClientMessage = true;
    private final Map<String, BigDecimal> previousClose = new HashMap<>();
    private final Map<String, String> names = new HashMap<>();
    private final Map<String, String> assetIds = new HashMap<>();

    public AlpacaEmulator(long seed) {
        this(seed, KEY_ID, SECRET);
    }

    public AlpacaEmulator(long seed, String keyId, String secret) {
        super(seed);
        this.keyId = keyId;
        this.secret = secret;
    }

    // ------------------------------------------------------------------ setup

    /**
     * Adds a US stock: price ticks of 0.01, whole-share sizes, ids from {@code firstId} increasing with gaps of up to
     * 40 (unique, not contiguous, as Alpaca's). The day's previous close is the start price.
     */
    public void addStock(String symbol, String startPrice, long firstId) {
        addSymbol(symbol, startPrice, "0.01", firstId, "1", 40);
        call(() -> {
            previousClose.put(symbol, market.last(symbol));
            return null;
        });
    }

    /** The asset's name in {@code /v2/assets} (default: "{symbol} Inc. Common Stock"). */
    public void name(String symbol, String name) {
        call(() -> names.put(symbol, name));
    }

    /** Feeds the key may stream (default iex and test, as the free plan); others get 409 after auth. */
    public void entitledFeeds(Set<String> feeds) {
        entitled = Set.copyOf(feeds);
    }

    /** Authenticated connections allowed to the key at once (default 1); the next gets 406. */
    public void connectionLimit(int limit) {
        connectionLimit = limit;
    }

    /** Distinct symbols over trades and quotes (default 30); 0 means unlimited ("*" allowed). */
    public void symbolLimit(int limit) {
        symbolLimit = limit;
    }

    /** Time a new socket has to authenticate before 404 auth timeout and a close (default 10 s). */
    public void authTimeout(Duration timeout) {
        authTimeout = timeout;
    }

    /** Whether data points made in one emulator step share one array frame (default true, as documented). */
    public void batching(boolean on) {
        batching = on;
    }

    /** REST requests allowed per key in each {@code window} (default 200 a minute); beyond them 429. */
    public void rateLimit(int requests, Duration window) {
        call(() -> {
            rateLimit = requests;
            rateWindow = window;
            windowStartNanos = System.nanoTime();
            windowStartEpochMs = System.currentTimeMillis();
            usedInWindow = 0;
            return null;
        });
    }

    // ------------------------------------------------------------------ faults

    /** The next {@code n} auth attempts fail with 402 auth failed even with the right key (e.g. a revoked key). */
    public void rejectAuths(int n) {
        call(() -> authRejectionsLeft = n);
    }

    /** While on, another session of the account holds its one connection: every auth gets 406. */
    public void occupyConnection(boolean on) {
        call(() -> connectionOccupied = on);
    }

    /**
     * Every open socket is disconnected as a slow client: with {@code withMessage}, 407 slow client first (the docs
     * warn it "is not guaranteed to arrive before you are disconnected").
     */
    public void slowClient(boolean withMessage) {
        call(() -> {
            slowClientMessage = withMessage;
            for (EmulatedSocket s : sockets()) {
                org.eclipse.jetty.websocket.api.Session session = s.session();
                if (slowClientMessage && session.isOpen()) {
                    // Disconnect once the frame is written, so a test can count on seeing it.
                    String frame = write(json.createArrayNode().add(error(407, "slow client")));
                    session.sendText(frame, org.eclipse.jetty.websocket.api.Callback.from(session::disconnect,
                            x -> session.disconnect()));
                } else {
                    session.disconnect();
                }
            }
            return null;
        });
    }

    /** Sends {@code [{"T":"error","code":code,"msg":msg}]} on every open socket (e.g. 500 internal error). */
    public void sendError(int code, String msg) {
        call(() -> {
            for (EmulatedSocket s : sockets()) {
                ((AlpacaSocket) s).sendControl(error(code, msg));
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

    /** Open sockets that have authenticated. */
    public int authenticatedSockets() {
        return call(() -> (int) sockets().stream().filter(s -> ((AlpacaSocket) s).authenticated).count());
    }

    // ------------------------------------------------------------------ WebSocket

    @Override
    protected void configure(ServerWebSocketContainer container) {
        container.setIdleTimeout(Duration.ofMinutes(10));
        for (String feed : FEEDS) {
            container.addMapping("/v2/" + feed, (request, response, callback) -> {
                if (!admit(request, response, callback)) {
                    return null;
                }
                return new AlpacaSocket(this, feed, headerCredentials(request));
            });
        }
    }

    private static String[] headerCredentials(ServerUpgradeRequest request) {
        String key = request.getHeaders().get("APCA-API-KEY-ID");
        String sec = request.getHeaders().get("APCA-API-SECRET-KEY");
        return key == null && sec == null ? null : new String[] {key, sec};
    }

    @Override
    protected void stream(EmulatedTrade trade, boolean duplicate) {
        for (EmulatedSocket s : sockets()) {
            AlpacaSocket a = (AlpacaSocket) s;
            if (!a.authenticated) {
                continue;
            }
            if (a.trades.contains(trade.symbol()) || a.trades.contains("*")) {
                a.data(tradeMessage(trade));
            }
            if (a.quotes.contains(trade.symbol()) || a.quotes.contains("*")) {
                a.data(quoteMessage(trade));
            }
        }
    }

    ObjectNode tradeMessage(EmulatedTrade t) {
        ObjectNode n = json.createObjectNode();
        n.put("T", "t");
        n.put("i", t.id());
        n.put("S", t.symbol());
        n.put("x", EXCHANGE_IEX);
        n.put("p", t.price());
        n.put("s", shares(t.size()));
        n.put("t", rfc3339(t.time()));
        n.putArray("c").add("@");
        n.put("z", TAPE);
        return n;
    }

    /** The quote after a trade: the market's bid and ask around it. */
    ObjectNode quoteMessage(EmulatedTrade t) {
        ObjectNode n = json.createObjectNode();
        n.put("T", "q");
        n.put("S", t.symbol());
        n.put("bx", EXCHANGE_IEX);
        n.put("bp", market.bid(t.symbol()));
        n.put("bs", quoteSize(t.id()));
        n.put("ax", EXCHANGE_IEX);
        n.put("ap", market.ask(t.symbol()));
        n.put("as", quoteSize(t.id() >> 1));
        n.put("t", rfc3339(t.time()));
        n.putArray("c").add("R");
        n.put("z", TAPE);
        return n;
    }

    private static int quoteSize(long seed) {
        return 100 * (1 + Math.floorMod(seed, 9));
    }

    static int shares(BigDecimal size) {
        return size.intValueExact();
    }

    /** RFC 3339 with as many fraction digits as the instant has (nanoseconds at most), as Alpaca's "t". */
    static String rfc3339(Instant t) {
        return DateTimeFormatter.ISO_INSTANT.format(t);
    }

    private ObjectNode error(int code, String msg) {
        ObjectNode n = json.createObjectNode();
        n.put("T", "error");
        n.put("code", code);
        n.put("msg", msg);
        return n;
    }

    private ObjectNode success(String msg) {
        ObjectNode n = json.createObjectNode();
        n.put("T", "success");
        n.put("msg", msg);
        return n;
    }

    private String write(JsonNode node) {
        try {
            return json.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One client socket of the stream: its state machine is connected → authenticated → subscribed. */
    public static final class AlpacaSocket extends EmulatedSocket {
        private final AlpacaEmulator alpaca;
        private final String feed;
        private final String[] headerCredentials;
        private final Set<String> trades = new LinkedHashSet<>();
        private final Set<String> quotes = new LinkedHashSet<>();
        private final Set<String> bars = new LinkedHashSet<>();
        private final List<JsonNode> pending = new ArrayList<>();
        private boolean authenticated;
        private ScheduledFuture<?> authDeadline;

        AlpacaSocket(AlpacaEmulator alpaca, String feed, String[] headerCredentials) {
            super(alpaca);
            this.alpaca = alpaca;
            this.feed = feed;
            this.headerCredentials = headerCredentials;
        }

        @Override
        protected void onOpen() {
            sendControl(alpaca.success("connected"));
            if (headerCredentials != null) {
                authenticate(headerCredentials[0], headerCredentials[1]);
            }
            if (!authenticated && session().isOpen()) {
                authDeadline = alpaca.schedule(this::authTimedOut, alpaca.authTimeout);
            }
        }

        private void authTimedOut() {
            if (!authenticated && session().isOpen()) {
                sendControl(alpaca.error(404, "auth timeout"));
                session().close(1008, "auth timeout", org.eclipse.jetty.websocket.api.Callback.NOOP);
            }
        }

        @Override
        protected void onRequest(String text) {
            JsonNode m;
            try {
                m = alpaca.json.readTree(text);
            } catch (JsonProcessingException e) {
                sendControl(alpaca.error(400, "invalid syntax"));
                return;
            }
            String action = m != null && m.path("action").isTextual() ? m.get("action").asText() : "";
            switch (action) {
                case "auth" -> {
                    if (!m.path("key").isTextual() || !m.path("secret").isTextual()) {
                        sendControl(alpaca.error(400, "invalid syntax"));
                    } else {
                        authenticate(m.get("key").asText(), m.get("secret").asText());
                    }
                }
                case "subscribe", "unsubscribe" -> subscription(m, action.equals("subscribe"));
                default -> sendControl(alpaca.error(400, "invalid syntax"));
            }
        }

        private void authenticate(String key, String sec) {
            if (authenticated) {
                sendControl(alpaca.error(403, "already authenticated"));
                return;
            }
            if (alpaca.authRejectionsLeft > 0) {
                alpaca.authRejectionsLeft--;
                sendControl(alpaca.error(402, "auth failed"));
                return;
            }
            if (!alpaca.keyId.equals(key) || !alpaca.secret.equals(sec)) {
                sendControl(alpaca.error(402, "auth failed"));
                return;
            }
            if (!alpaca.entitled.contains(feed)) {
                sendControl(alpaca.error(409, "insufficient subscription"));
                return;
            }
            long others = alpaca.sockets().stream()
                    .filter(s -> s != this && ((AlpacaSocket) s).authenticated && s.session().isOpen()).count();
            if (alpaca.connectionOccupied || others >= alpaca.connectionLimit) {
                sendControl(alpaca.error(406, "connection limit exceeded"));
                return;
            }
            authenticated = true;
            if (authDeadline != null) {
                authDeadline.cancel(false);
            }
            sendControl(alpaca.success("authenticated"));
        }

        private void subscription(JsonNode m, boolean add) {
            if (!authenticated) {
                sendControl(alpaca.error(401, "not authenticated"));
                return;
            }
            if (!m.has("trades") && !m.has("quotes") && !m.has("bars")) {
                sendControl(alpaca.error(400, "invalid syntax"));
                return;
            }
            Set<String> t = new LinkedHashSet<>(trades);
            Set<String> q = new LinkedHashSet<>(quotes);
            Set<String> b = new LinkedHashSet<>(bars);
            for (var e : List.of(Map.entry("trades", t), Map.entry("quotes", q), Map.entry("bars", b))) {
                JsonNode list = m.get(e.getKey());
                if (list == null || list.isNull()) {
                    continue;
                }
                if (!list.isArray()) {
                    sendControl(alpaca.error(400, "invalid syntax"));
                    return;
                }
                for (JsonNode sym : list) {
                    if (!sym.isTextual()) {
                        sendControl(alpaca.error(400, "invalid syntax"));
                        return;
                    }
                    if (add) {
                        e.getValue().add(sym.asText());
                    } else {
                        e.getValue().remove(sym.asText());
                    }
                }
            }
            int limit = alpaca.symbolLimit;
            Set<String> counted = new LinkedHashSet<>(t);
            counted.addAll(q);
            if (limit > 0 && (counted.size() > limit || counted.contains("*"))) {
                sendControl(alpaca.error(405, "symbol limit exceeded"));
                return;
            }
            trades.clear();
            trades.addAll(t);
            quotes.clear();
            quotes.addAll(q);
            bars.clear();
            bars.addAll(b);
            ObjectNode reply = alpaca.json.createObjectNode();
            reply.put("T", "subscription");
            trades.forEach(reply.putArray("trades")::add);
            quotes.forEach(reply.putArray("quotes")::add);
            bars.forEach(reply.putArray("bars")::add);
            sendControl(reply);
        }

        /** A control message: alone in its array, after any data points still waiting. */
        void sendControl(JsonNode message) {
            flush();
            ArrayNode a = alpaca.json.createArrayNode().add(message);
            send(alpaca.write(a));
        }

        /** A data point: batched with the others of this emulator step unless batching is off. */
        void data(JsonNode point) {
            if (!alpaca.batching) {
                send(alpaca.write(alpaca.json.createArrayNode().add(point)));
                return;
            }
            if (pending.isEmpty()) {
                alpaca.execute(this::flush);
            }
            pending.add(point);
        }

        private void flush() {
            if (pending.isEmpty()) {
                return;
            }
            ArrayNode a = alpaca.json.createArrayNode();
            pending.forEach(a::add);
            pending.clear();
            send(alpaca.write(a));
        }
    }

    // ------------------------------------------------------------------ REST

    @Override
    protected String restFailureBody(int status) {
        return status == 429 ? "{\"message\":\"too many requests.\"}" : "{\"message\":\"emulated failure\"}";
    }

    @Override
    protected RestResponse rest(RestRequest r) {
        if (!"GET".equals(r.method())) {
            return null;
        }
        String key = r.headers().get("APCA-API-KEY-ID");
        String sec = r.headers().get("APCA-API-SECRET-KEY");
        if (!keyId.equals(key) || !secret.equals(sec)) {
            return RestResponse.error(401, "{\"message\":\"unauthorized.\"}");
        }
        Map<String, String> headers = rateHeaders();
        if (headers == null) {
            return new RestResponse(429, rateHeadersAfterRefusal(), "{\"message\":\"too many requests.\"}");
        }
        RestResponse answer;
        try {
            answer = route(r);
        } catch (BadRequest e) {
            answer = RestResponse.error(e.status, write(json.createObjectNode().put("message", e.getMessage())));
        }
        if (answer == null) {
            return null;
        }
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.putAll(answer.headers());
        return new RestResponse(answer.status(), all, answer.body());
    }

    private RestResponse route(RestRequest r) {
        String[] p = r.path().split("/");
        // "", "v2", "stocks", ...
        if (p.length < 3 || !"v2".equals(p[1])) {
            return null;
        }
        if ("assets".equals(p[2])) {
            return p.length == 3 ? assets(r) : p.length == 4 ? asset(decode(p[3])) : null;
        }
        if (!"stocks".equals(p[2]) || p.length < 4) {
            return null;
        }
        if (p.length == 4) {
            return switch (p[3]) {
                case "trades" -> multiTrades(r);
                case "snapshots" -> snapshots(r);
                default -> null;
            };
        }
        String symbol = decode(p[3]);
        if (p.length == 5) {
            return switch (p[4]) {
                case "trades" -> trades(symbol, r);
                case "bars" -> bars(symbol, r);
                case "snapshot" -> snapshot(symbol, r);
                default -> null;
            };
        }
        if (p.length == 6 && "trades".equals(p[4]) && "latest".equals(p[5])) {
            return latestTrade(symbol, r);
        }
        return null;
    }

    private static String decode(String segment) {
        return java.net.URLDecoder.decode(segment, StandardCharsets.UTF_8);
    }

    /** Counts the request in the key's window; null when the window is used up. */
    private Map<String, String> rateHeaders() {
        rollWindow();
        if (usedInWindow >= rateLimit) {
            return null;
        }
        usedInWindow++;
        return Map.of("X-RateLimit-Limit", Integer.toString(rateLimit),
                "X-RateLimit-Remaining", Integer.toString(rateLimit - usedInWindow),
                "X-RateLimit-Reset", Long.toString(windowResetEpochSeconds()));
    }

    private Map<String, String> rateHeadersAfterRefusal() {
        return Map.of("X-RateLimit-Limit", Integer.toString(rateLimit), "X-RateLimit-Remaining", "0",
                "X-RateLimit-Reset", Long.toString(windowResetEpochSeconds()));
    }

    private void rollWindow() {
        long now = System.nanoTime();
        long elapsed = now - windowStartNanos;
        if (elapsed >= rateWindow.toNanos()) {
            long windows = elapsed / rateWindow.toNanos();
            windowStartNanos += windows * rateWindow.toNanos();
            windowStartEpochMs += windows * rateWindow.toMillis();
            usedInWindow = 0;
        }
    }

    /** Unix seconds at which the window resets, rounded up (a client waiting until then is never early). */
    private long windowResetEpochSeconds() {
        long endMs = windowStartEpochMs + rateWindow.toMillis();
        return (endMs + 999) / 1000;
    }

    /** A 400 (or other status) with Alpaca's {"message": ...} body. */
    private static final class BadRequest extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int status;

        BadRequest(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    // ---- trades

    /** The query shared by the trades and bars endpoints. */
    private record Window(Instant start, Instant end, int limit, boolean descending, String pageToken) {
    }

    private Window window(RestRequest r) {
        Instant now = Instant.now();
        Instant start = r.param("start") == null ? now.truncatedTo(ChronoUnit.DAYS) : time("start", r.param("start"));
        Instant end = r.param("end") == null ? now : time("end", r.param("end"));
        int limit = DEFAULT_LIMIT;
        if (r.param("limit") != null) {
            try {
                limit = Integer.parseInt(r.param("limit"));
            } catch (NumberFormatException e) {
                throw new BadRequest(400, "invalid limit");
            }
            if (limit < 1 || limit > MAX_LIMIT) {
                throw new BadRequest(400, "invalid limit: must be between 1 and 10000");
            }
        }
        String sort = r.param("sort") == null ? "asc" : r.param("sort");
        if (!sort.equals("asc") && !sort.equals("desc")) {
            throw new BadRequest(400, "invalid sort");
        }
        String feed = r.param("feed");
        if (feed != null && !Set.of("iex", "sip", "otc", "boats").contains(feed)) {
            throw new BadRequest(400, "invalid feed");
        }
        return new Window(start, end, limit, sort.equals("desc"), r.param("page_token"));
    }

    /** RFC 3339 or YYYY-MM-DD (the day's start, in UTC here: the docs do not say which zone). */
    private static Instant time(String name, String value) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException e2) {
                throw new BadRequest(400, "invalid " + name + ": " + value);
            }
        }
    }

    /** The symbol's trades within [start, end], in the requested order. */
    private List<EmulatedTrade> selected(String symbol, Window w) {
        if (!market.has(symbol)) {
            return List.of();
        }
        List<EmulatedTrade> in = new ArrayList<>();
        for (EmulatedTrade t : market.tradesView(symbol)) {
            if (!t.time().isBefore(w.start()) && !t.time().isAfter(w.end())) {
                in.add(t);
            }
        }
        if (w.descending()) {
            java.util.Collections.reverse(in);
        }
        return in;
    }

    /**
     * A page token names the last trade returned, in the documented token's shape: base64 of
     * {@code SYMBOL|time|exchange|id} (the documented one decodes to
     * {@code AAPL|2022-04-11T12:00:36.002951946Z|V|09223372036854775809}). Opaque to clients.
     */
    private static String token(EmulatedTrade last) {
        String plain = last.symbol() + "|" + rfc3339(last.time()) + "|" + EXCHANGE_IEX + "|"
                + String.format("%020d", last.id());
        return Base64.getEncoder().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    private record Position(String symbol, long id) {
    }

    private static Position position(String token) {
        try {
            String[] parts = new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8).split("\\|");
            if (parts.length != 4) {
                throw new BadRequest(400, "invalid page token");
            }
            return new Position(parts[0], Long.parseLong(parts[3]));
        } catch (IllegalArgumentException e) {
            throw new BadRequest(400, "invalid page token");
        }
    }

    /** Index of the first trade after the token's trade in {@code ordered} (ids increase with time, or decrease). */
    private static int after(List<EmulatedTrade> ordered, long id, boolean descending) {
        int i = 0;
        while (i < ordered.size() && (descending ? ordered.get(i).id() >= id : ordered.get(i).id() <= id)) {
            i++;
        }
        return i;
    }

    private ObjectNode restTrade(EmulatedTrade t) {
        ObjectNode n = json.createObjectNode();
        n.put("t", rfc3339(t.time()));
        n.put("x", EXCHANGE_IEX);
        n.put("p", t.price());
        n.put("s", shares(t.size()));
        n.putArray("c").add("@");
        n.put("i", t.id());
        n.put("z", TAPE);
        return n;
    }

    private RestResponse trades(String symbol, RestRequest r) {
        Window w = window(r);
        List<EmulatedTrade> in = selected(symbol, w);
        int from = 0;
        if (w.pageToken() != null) {
            Position pos = position(w.pageToken());
            if (!pos.symbol().equals(symbol)) {
                throw new BadRequest(400, "invalid page token");
            }
            from = after(in, pos.id(), w.descending());
        }
        int to = Math.min(in.size(), from + w.limit());
        ObjectNode body = json.createObjectNode();
        ArrayNode list = body.putArray("trades");
        for (int i = from; i < to; i++) {
            list.add(restTrade(in.get(i)));
        }
        body.put("symbol", symbol);
        // "may be more data": a full page always carries a token, even when nothing follows (the next page is empty).
        if (to - from == w.limit()) {
            body.put("next_page_token", token(in.get(to - 1)));
        } else {
            body.putNull("next_page_token");
        }
        return RestResponse.json(write(body));
    }

    /** Sorted by symbol, then time; the limit counts trades over all symbols; the token names the last one. */
    private RestResponse multiTrades(RestRequest r) {
        String symbolsParam = r.param("symbols");
        if (symbolsParam == null || symbolsParam.isBlank()) {
            throw new BadRequest(400, "missing symbols");
        }
        Window w = window(r);
        List<String> symbols = new ArrayList<>(new LinkedHashSet<>(List.of(symbolsParam.split(","))));
        symbols.sort(Comparator.naturalOrder());
        int symbolIndex = 0;
        long afterId = Long.MIN_VALUE;
        if (w.pageToken() != null) {
            Position pos = position(w.pageToken());
            symbolIndex = symbols.indexOf(pos.symbol());
            if (symbolIndex < 0) {
                throw new BadRequest(400, "invalid page token");
            }
            afterId = pos.id();
        }
        ObjectNode body = json.createObjectNode();
        ObjectNode bySymbol = body.putObject("trades");
        int left = w.limit();
        EmulatedTrade last = null;
        for (int s = symbolIndex; s < symbols.size() && left > 0; s++) {
            List<EmulatedTrade> in = selected(symbols.get(s), w);
            int from = s == symbolIndex && afterId != Long.MIN_VALUE ? after(in, afterId, w.descending()) : 0;
            int to = Math.min(in.size(), from + left);
            if (to > from) {
                ArrayNode list = bySymbol.putArray(symbols.get(s));
                for (int i = from; i < to; i++) {
                    list.add(restTrade(in.get(i)));
                }
                left -= to - from;
                last = in.get(to - 1);
            }
        }
        if (left == 0 && last != null) {
            body.put("next_page_token", token(last));
        } else {
            body.putNull("next_page_token");
        }
        return RestResponse.json(write(body));
    }

    private RestResponse latestTrade(String symbol, RestRequest r) {
        if (!market.has(symbol) || market.tradesView(symbol).isEmpty()) {
            return RestResponse.error(404, "{\"message\":\"not found\"}");
        }
        List<EmulatedTrade> all = market.tradesView(symbol);
        ObjectNode body = json.createObjectNode();
        body.put("symbol", symbol);
        body.set("trade", restTrade(all.get(all.size() - 1)));
        return RestResponse.json(write(body));
    }

    // ---- bars

    /** Bucket start of {@code t} for a timeframe: minutes and hours on UTC boundaries, days and up at New York 00:00. */
    private static Instant bucket(Instant t, int n, ChronoUnit unit) {
        switch (unit) {
            case MINUTES, HOURS -> {
                long size = unit.getDuration().toMillis() * n;
                long ms = t.toEpochMilli();
                return Instant.ofEpochMilli(ms - Math.floorMod(ms, size));
            }
            case DAYS -> {
                return t.atZone(NEW_YORK).truncatedTo(ChronoUnit.DAYS).toInstant();
            }
            case WEEKS -> {
                ZonedDateTime d = t.atZone(NEW_YORK).truncatedTo(ChronoUnit.DAYS);
                return d.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).toInstant();
            }
            default -> {
                ZonedDateTime d = t.atZone(NEW_YORK).truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1);
                int month0 = d.getMonthValue() - 1;
                return d.withMonth(1 + month0 - month0 % n).toInstant();
            }
        }
    }

    private record Timeframe(int n, ChronoUnit unit) {
    }

    private static Timeframe timeframe(String value) {
        if (value == null) {
            throw new BadRequest(400, "missing timeframe");
        }
        Matcher m = TIMEFRAME.matcher(value);
        if (!m.matches()) {
            throw new BadRequest(400, "invalid timeframe: " + value);
        }
        int n = Integer.parseInt(m.group(1));
        ChronoUnit unit;
        int max;
        switch (m.group(2)) {
            case "Min", "T" -> {
                unit = ChronoUnit.MINUTES;
                max = 59;
            }
            case "Hour", "H" -> {
                unit = ChronoUnit.HOURS;
                max = 23;
            }
            case "Day", "D" -> {
                unit = ChronoUnit.DAYS;
                max = 1;
            }
            case "Week", "W" -> {
                unit = ChronoUnit.WEEKS;
                max = 1;
            }
            default -> {
                unit = ChronoUnit.MONTHS;
                max = 12;
            }
        }
        if (n < 1 || n > max || (unit == ChronoUnit.MONTHS && 12 % n != 0)) {
            throw new BadRequest(400, "invalid timeframe: " + value);
        }
        return new Timeframe(n, unit);
    }

    /** One OHLCV bar being built; {@code t} is its bucket start. */
    private static final class Bar {
        final Instant t;
        BigDecimal o;
        BigDecimal h;
        BigDecimal l;
        BigDecimal c;
        long v;
        long n;
        BigDecimal notional = BigDecimal.ZERO;

        Bar(Instant t) {
            this.t = t;
        }

        void add(EmulatedTrade trade) {
            BigDecimal p = trade.price();
            if (o == null) {
                o = p;
                h = p;
                l = p;
            }
            h = h.max(p);
            l = l.min(p);
            c = p;
            v += shares(trade.size());
            n++;
            notional = notional.add(p.multiply(trade.size()));
        }

        BigDecimal vwap() {
            return notional.divide(BigDecimal.valueOf(v), 6, RoundingMode.HALF_EVEN).stripTrailingZeros();
        }
    }

    private static List<Bar> aggregate(Collection<EmulatedTrade> trades, int n, ChronoUnit unit) {
        Map<Instant, Bar> bars = new LinkedHashMap<>();
        for (EmulatedTrade t : trades) {
            bars.computeIfAbsent(bucket(t.time(), n, unit), Bar::new).add(t);
        }
        return new ArrayList<>(bars.values());
    }

    private static Instant barPosition(String token, String symbol) {
        try {
            String[] parts = new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8).split("\\|");
            if (parts.length != 3 || !parts[0].equals(symbol)) {
                throw new BadRequest(400, "invalid page token");
            }
            return Instant.parse(parts[2]);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new BadRequest(400, "invalid page token");
        }
    }

    private ObjectNode barNode(Bar b, boolean countAndVwap) {
        ObjectNode n = json.createObjectNode();
        n.put("t", rfc3339(b.t));
        n.put("o", b.o);
        n.put("h", b.h);
        n.put("l", b.l);
        n.put("c", b.c);
        n.put("v", b.v);
        if (countAndVwap) {
            n.put("n", b.n);
            n.put("vw", b.vwap());
        }
        return n;
    }

    private RestResponse bars(String symbol, RestRequest r) {
        Timeframe tf = timeframe(r.param("timeframe"));
        Window w = window(r);
        List<EmulatedTrade> in = selected(symbol, w);
        if (w.descending()) {
            in = new ArrayList<>(in);
            java.util.Collections.reverse(in);
        }
        List<Bar> bars = aggregate(in, tf.n(), tf.unit());
        if (w.descending()) {
            java.util.Collections.reverse(bars);
        }
        int from = 0;
        if (w.pageToken() != null) {
            Instant lastT = barPosition(w.pageToken(), symbol);
            while (from < bars.size() && (w.descending() ? !bars.get(from).t.isBefore(lastT)
                    : !bars.get(from).t.isAfter(lastT))) {
                from++;
            }
        }
        int to = Math.min(bars.size(), from + w.limit());
        ObjectNode body = json.createObjectNode();
        ArrayNode list = body.putArray("bars");
        for (int i = from; i < to; i++) {
            list.add(barNode(bars.get(i), true));
        }
        body.put("symbol", symbol);
        if (to - from == w.limit()) {
            // The documented bars token decodes to "AAPL|M|2022-04-11T08:00:00.000000000Z".
            String plain = symbol + "|M|" + rfc3339(bars.get(to - 1).t);
            body.put("next_page_token", Base64.getEncoder().encodeToString(plain.getBytes(StandardCharsets.UTF_8)));
        } else {
            body.putNull("next_page_token");
        }
        return RestResponse.json(write(body));
    }

    // ---- snapshots

    private ObjectNode snapshotNode(String symbol, boolean withSymbol) {
        ObjectNode n = json.createObjectNode();
        if (withSymbol) {
            n.put("symbol", symbol);
        }
        List<EmulatedTrade> all = market.tradesView(symbol);
        EmulatedTrade last = all.isEmpty() ? null : all.get(all.size() - 1);
        if (last == null) {
            n.putNull("latestTrade");
            n.putNull("latestQuote");
            n.putNull("minuteBar");
            n.putNull("dailyBar");
        } else {
            n.set("latestTrade", restTrade(last));
            ObjectNode q = json.createObjectNode();
            q.put("t", rfc3339(last.time()));
            q.put("ax", EXCHANGE_IEX);
            q.put("ap", market.ask(symbol));
            q.put("as", quoteSize(last.id() >> 1));
            q.put("bx", EXCHANGE_IEX);
            q.put("bp", market.bid(symbol));
            q.put("bs", quoteSize(last.id()));
            q.putArray("c").add("R");
            n.set("latestQuote", q);
            Instant minute = bucket(last.time(), 1, ChronoUnit.MINUTES);
            Instant day = bucket(last.time(), 1, ChronoUnit.DAYS);
            List<EmulatedTrade> inMinute = new ArrayList<>();
            List<EmulatedTrade> inDay = new ArrayList<>();
            for (EmulatedTrade t : all) {
                if (!t.time().isBefore(minute)) {
                    inMinute.add(t);
                }
                if (!t.time().isBefore(day)) {
                    inDay.add(t);
                }
            }
            n.set("minuteBar", barNode(aggregate(inMinute, 1, ChronoUnit.MINUTES).get(0), false));
            n.set("dailyBar", barNode(aggregate(inDay, 1, ChronoUnit.DAYS).get(0), false));
        }
        // Synthetic: the emulated market has no yesterday; its close is the start price.
        BigDecimal close = previousClose.getOrDefault(symbol, market.last(symbol));
        Bar prev = new Bar(bucket(Instant.now(), 1, ChronoUnit.DAYS).minus(Duration.ofDays(1)));
        prev.o = close;
        prev.h = close;
        prev.l = close;
        prev.c = close;
        prev.v = 100_000;
        n.set("prevDailyBar", barNode(prev, false));
        return n;
    }

    private RestResponse snapshot(String symbol, RestRequest r) {
        if (!market.has(symbol)) {
            return RestResponse.error(404, "{\"message\":\"not found\"}");
        }
        return RestResponse.json(write(snapshotNode(symbol, true)));
    }

    private RestResponse snapshots(RestRequest r) {
        String symbolsParam = r.param("symbols");
        if (symbolsParam == null || symbolsParam.isBlank()) {
            throw new BadRequest(400, "missing symbols");
        }
        ObjectNode body = json.createObjectNode();
        for (String s : symbolsParam.split(",")) {
            if (market.has(s)) {
                body.set(s, snapshotNode(s, false));
            }
        }
        return RestResponse.json(write(body));
    }

    // ---- assets (the trading host's /v2/assets, served here too)

    private ObjectNode assetNode(String symbol) {
        ObjectNode n = json.createObjectNode();
        n.put("id", assetIds.computeIfAbsent(symbol,
                s -> UUID.nameUUIDFromBytes(s.getBytes(StandardCharsets.UTF_8)).toString()));
        n.put("class", "us_equity");
        n.put("exchange", "NASDAQ");
        n.put("symbol", symbol);
        n.put("name", names.getOrDefault(symbol, symbol + " Inc. Common Stock"));
        n.put("status", "active");
        n.put("tradable", true);
        n.put("marginable", true);
        n.put("shortable", true);
        n.put("easy_to_borrow", true);
        n.put("fractionable", true);
        n.put("maintenance_margin_requirement", 30);
        n.putArray("attributes");
        return n;
    }

    private RestResponse assets(RestRequest r) {
        String status = r.param("status");
        String assetClass = r.param("asset_class");
        String exchange = r.param("exchange");
        ArrayNode list = json.createArrayNode();
        boolean match = (status == null || status.equals("active"))
                && (assetClass == null || assetClass.equals("us_equity"))
                && (exchange == null || exchange.equals("NASDAQ"));
        if (match) {
            market.symbols().forEach(s -> list.add(assetNode(s)));
        }
        return RestResponse.json(write(list));
    }

    private RestResponse asset(String symbol) {
        if (!market.has(symbol)) {
            return RestResponse.error(404, "{\"message\":\"asset not found for " + symbol + "\"}");
        }
        return RestResponse.json(write(assetNode(symbol)));
    }
}
