package io.stockmonitor.source.binance;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stockmonitor.source.testing.EmulatedTrade;
import io.stockmonitor.source.testing.ProviderEmulator;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.server.ServerUpgradeResponse;
import org.eclipse.jetty.websocket.server.ServerWebSocketContainer;

/**
 * Binance spot's public market data, emulated on loopback: the WebSocket streams ({@code /ws/<stream>} raw,
 * {@code /stream?streams=a/b} combined, live SUBSCRIBE / UNSUBSCRIBE / LIST_SUBSCRIPTIONS / SET_PROPERTY /
 * GET_PROPERTY) with {@code <symbol>@aggTrade} and {@code <symbol>@bookTicker} data, and the REST endpoints
 * {@code /api/v3/aggTrades}, {@code /klines}, {@code /ticker/24hr}, {@code /exchangeInfo}, {@code /ping},
 * {@code /time}, with request weights and {@code X-MBX-USED-WEIGHT-*} headers, 429 then 418 with
 * {@code Retry-After}. Everything follows binance/binance-spot-api-docs (web-socket-streams.md, rest-api.md,
 * errors.md); where those are silent the choice made here is named in docs/sources/binance.md.
 *
 * <p>Ids: the aggregate trade id {@code a} is the {@link EmulatedTrade#id()}, contiguous per symbol; {@code f}..
 * {@code l} are underlying trade ids, one to three per aggregate, following each other. Prices and quantities are
 * strings with eight decimals, as Binance's examples show them.
 *
 * <p>Connection rules as documented, each adjustable so tests can be quick: pings every 20 s with a minute to
 * answer ({@link #documentedPings()}, or the base's {@link #serverPings}), a 24 h lifetime
 * ({@link #connectionLifetime}), 5 incoming messages a second ({@link #incomingMessagesPerSecond}), 1024 streams a
 * connection. Faults beyond the base's: {@link #serverShutdown}, {@link #refuseSubscriptions}, a real weight
 * limiter ({@link #requestWeightLimit}, {@link #banAfter}), {@link #invalidateInHistory}.
 */
public final class BinanceEmulator extends ProviderEmulator {
    /** web-socket-streams.md: "The WebSocket server will send a ping frame every 20 seconds." */
    public static final Duration DOCUMENTED_PING_INTERVAL = Duration.ofSeconds(20);
    /** "If the WebSocket server does not receive a pong frame back from the connection within a minute ..." */
    public static final Duration DOCUMENTED_PONG_DEADLINE = Duration.ofMinutes(1);
    /** "A single connection to stream.binance.com is only valid for 24 hours". */
    public static final Duration DOCUMENTED_LIFETIME = Duration.ofHours(24);
    /** "WebSocket connections have a limit of 5 incoming messages per second." */
    public static final int DOCUMENTED_INCOMING_PER_SECOND = 5;
    /** "A single connection can listen to a maximum of 1024 streams." */
    public static final int DOCUMENTED_MAX_STREAMS = 1024;
    /** enums.md's REQUEST_WEIGHT example: 6000 a minute (the live figure is in exchangeInfo's rateLimits). */
    public static final int DOCUMENTED_WEIGHT_PER_MINUTE = 6000;
    /** rest-api.md: IP bans "scale in duration for repeat offenders, from 2 minutes to 3 days". */
    public static final Duration DOCUMENTED_SHORTEST_BAN = Duration.ofMinutes(2);

    /** Close code the emulator uses at the lifetime and after serverShutdown (the docs name none). */
    public static final int GOING_AWAY = 1001;
    /** Close code the emulator uses past the incoming message limit (the docs name none). */
    public static final int POLICY_VIOLATION = 1008;

    /** How a WebSocket request error is shaped. */
    public enum ErrorShape {
        /** As web-socket-streams.md's "Error Messages" table: {"code":2,"msg":"...","id":1}. */
        DOCUMENTED,
        /** As live servers have been seen to answer: {"error":{"code":2,"msg":"..."},"id":1}. */
        WRAPPED
    }

    private static final Pattern SYMBOL = Pattern.compile("^[A-Z0-9]{2,20}$");
    private static final Pattern REQUEST_ID = Pattern.compile("^[A-Za-z0-9]{1,36}$");
    /**
     * Stream names as web-socket-streams.md lists them; only aggTrade and bookTicker carry data here. "All symbols
     * for streams are lowercase": an upper-case or unknown symbol is accepted and never delivers anything.
     */
    private static final Pattern STREAM = Pattern.compile("^[A-Za-z0-9]+@(aggTrade|trade|blockTrade|referencePrice"
            + "|bookTicker|avgPrice|miniTicker|ticker|ticker_(1h|4h|1d)"
            + "|kline_(1s|1m|3m|5m|15m|30m|1h|2h|4h|6h|8h|12h|1d|3d|1w|1M)(@\\+08:00)?"
            + "|depth(5|10|20)?(@100ms)?)$|^!miniTicker@arr$|^!ticker_(1h|4h|1d)@arr$");
    private static final List<String> QUOTES = List.of("FDUSD", "USDT", "USDC", "TUSD", "BUSD", "BTC", "ETH",
            "BNB", "EUR", "TRY", "BRL", "JPY", "USD");
    private static final String METHODS =
            "`SUBSCRIBE`, `UNSUBSCRIBE`, `LIST_SUBSCRIPTIONS`, `SET_PROPERTY`, `GET_PROPERTY`";

    // Emulator thread only.
    private final Map<String, BinanceSymbol> symbols = new LinkedHashMap<>();
    private final BinanceRest restApi;
    private Duration lifetime = DOCUMENTED_LIFETIME;
    private int incomingPerSecond = DOCUMENTED_INCOMING_PER_SECOND;
    private int maxStreams = DOCUMENTED_MAX_STREAMS;
    private ErrorShape errorShape = ErrorShape.DOCUMENTED;
    private int subscribeRefusalsLeft;
    private int weightLimit = DOCUMENTED_WEIGHT_PER_MINUTE;
    private long weightWindowMs = 60_000;
    /** Windows count from here: Binance's own alignment of its minute is not documented. */
    private long windowOriginMs = System.currentTimeMillis();
    private long windowIndex = -1;
    private int usedWeight;
    private int rejectionsBeforeBan = 5;
    private Duration banDuration = DOCUMENTED_SHORTEST_BAN;
    private int rejectionsThisWindow;
    private long bannedUntilMs;

    private final AtomicInteger connectionsOpened = new AtomicInteger();
    private final AtomicInteger rateLimitCloses = new AtomicInteger();
    private final AtomicInteger lifetimeCloses = new AtomicInteger();

    public BinanceEmulator(long seed) {
        super(seed);
        this.restApi = new BinanceRest(market, symbols);
    }

    // ------------------------------------------------------------------ market

    /** Adds a symbol, its base and quote assets taken from a known quote suffix (BTCUSDT: BTC, USDT). */
    @Override
    public void addSymbol(String symbol, String startPrice, String tickSize, long firstId) {
        for (String quote : QUOTES) {
            if (symbol.endsWith(quote) && symbol.length() > quote.length()) {
                addSymbol(symbol, symbol.substring(0, symbol.length() - quote.length()), quote, startPrice,
                        tickSize, firstId);
                return;
            }
        }
        throw new IllegalArgumentException("no known quote asset in " + symbol + "; name base and quote");
    }

    /** Adds a symbol in Binance's spelling (upper case, e.g. BTCUSDT) with its assets for exchangeInfo. */
    public void addSymbol(String symbol, String baseAsset, String quoteAsset, String startPrice, String tickSize,
                          long firstId) {
        if (!SYMBOL.matcher(symbol).matches()) {
            throw new IllegalArgumentException("Binance symbols are upper-case letters and digits: " + symbol);
        }
        call(() -> {
            market.add(symbol, startPrice, tickSize, firstId);
            symbols.put(symbol, new BinanceSymbol(symbol, baseAsset, quoteAsset, new BigDecimal(tickSize), firstId));
            return null;
        });
    }

    /** The status exchangeInfo shows (enums.md: TRADING, END_OF_DAY, HALT, BREAK, CANCEL_ONLY). */
    public void symbolStatus(String symbol, String status) {
        call(() -> {
            symbol(symbol).status = status;
            return null;
        });
    }

    /**
     * REST's aggTrades shows this aggregate trade as a record the exchange marked invalid (CHANGELOG 2022-04-12:
     * duplicates found by an audit keep their id with p='0', q='0', f=-1, l=-1). The socket is not affected.
     */
    public void invalidateInHistory(String symbol, long aggregateId) {
        call(() -> symbol(symbol).invalidated.add(aggregateId));
    }

    /** The underlying trade ids {@code [f, l]} of an aggregate trade, as the feed and REST show them. */
    public long[] underlyingTradeIds(String symbol, long aggregateId) {
        return call(() -> {
            BinanceSymbol s = symbol(symbol);
            return new long[] {s.rawIds.first(aggregateId), s.rawIds.last(aggregateId)};
        });
    }

    private BinanceSymbol symbol(String symbol) {
        BinanceSymbol s = symbols.get(symbol);
        if (s == null) {
            throw new IllegalArgumentException("not an emulated symbol: " + symbol);
        }
        return s;
    }

    // ------------------------------------------------------------------ connection rules and faults

    /** Server pings at the documented pace: every 20 s, closed without a pong within a minute. */
    public void documentedPings() {
        serverPings(DOCUMENTED_PING_INTERVAL, DOCUMENTED_PONG_DEADLINE);
    }

    /** Connections opened from now on are closed ({@link #GOING_AWAY}) at this age; null: never. */
    public void connectionLifetime(Duration d) {
        call(() -> {
            lifetime = d;
            return null;
        });
    }

    /** Incoming frames (text, ping, pong) allowed per second and connection; more closes it. 0: no limit. */
    public void incomingMessagesPerSecond(int n) {
        call(() -> {
            incomingPerSecond = n;
            return null;
        });
    }

    public void maxStreamsPerConnection(int n) {
        call(() -> {
            maxStreams = n;
            return null;
        });
    }

    public void errorShape(ErrorShape shape) {
        call(() -> {
            errorShape = shape;
            return null;
        });
    }

    /** The next {@code n} SUBSCRIBE requests are answered with an error and subscribe nothing. */
    public void refuseSubscriptions(int n) {
        call(() -> {
            subscribeRefusalsLeft = n;
            return null;
        });
    }

    /**
     * Sends the {@code serverShutdown} event on every open connection (raw or combined form, as the connection
     * is), then closes each after {@code closeAfter} ({@link #GOING_AWAY}); null leaves them open.
     */
    public void serverShutdown(Duration closeAfter) {
        call(() -> {
            String raw = "{\"e\":\"serverShutdown\",\"E\":" + System.currentTimeMillis() + "}";
            for (EmulatedSocket socket : sockets()) {
                BinanceSocket s = (BinanceSocket) socket;
                send(s, s.combined ? wrap("!serverShutdown", raw) : raw);
                if (closeAfter != null) {
                    schedule(() -> close(s, GOING_AWAY, "server shutdown"), closeAfter);
                }
            }
            return null;
        });
    }

    /**
     * The REQUEST_WEIGHT limiter: {@code limit} weight per {@code window} (windows counted from this call; how
     * Binance aligns its minute is not documented); the header is {@code X-MBX-USED-WEIGHT-<intervalNum><intervalLetter>} for the window
     * (1M by default). Over the limit: 429 with Retry-After up to the window's end.
     */
    public void requestWeightLimit(int limit, Duration window) {
        if (window.toMillis() < 1000 || window.toMillis() % 1000 != 0) {
            throw new IllegalArgumentException("whole seconds only: " + window);
        }
        call(() -> {
            weightLimit = limit;
            weightWindowMs = window.toMillis();
            windowOriginMs = System.currentTimeMillis();
            windowIndex = -1;
            usedWeight = 0;
            return null;
        });
    }

    /** After {@code rejections} 429 answers in one window, the next request over the limit bans for {@code ban}. */
    public void banAfter(int rejections, Duration ban) {
        call(() -> {
            rejectionsBeforeBan = rejections;
            banDuration = ban;
            return null;
        });
    }

    /** Weight used in the current window. */
    public int usedWeight() {
        return call(() -> {
            rollWindow(System.currentTimeMillis());
            return usedWeight;
        });
    }

    /**
     * Connections the server side has opened so far. A client's connect may complete a moment before the server
     * side registers the socket; a test that trades right after connecting waits for this first.
     */
    public int connectionsOpened() {
        return connectionsOpened.get();
    }

    /** Connections closed for sending too many messages. */
    public int rateLimitCloses() {
        return rateLimitCloses.get();
    }

    /** Connections closed at their lifetime. */
    public int lifetimeCloses() {
        return lifetimeCloses.get();
    }

    /** The streams each open connection listens to (a copy), in no particular order of connections. */
    public List<Set<String>> subscriptions() {
        return call(() -> {
            List<Set<String>> all = new ArrayList<>();
            for (EmulatedSocket s : sockets()) {
                all.add(Set.copyOf(((BinanceSocket) s).streams));
            }
            return all;
        });
    }

    // ------------------------------------------------------------------ WebSocket

    @Override
    protected void configure(ServerWebSocketContainer container) {
        // Binance's own rules end connections (pings, the lifetime), not an idle timer of ours.
        container.setIdleTimeout(Duration.ofDays(2));
        container.addMapping("/ws/*", (rq, rs, cb) -> create(rq, rs, cb, false));
        container.addMapping("/stream/*", (rq, rs, cb) -> create(rq, rs, cb, true));
    }

    private Object create(ServerUpgradeRequest request, ServerUpgradeResponse response, Callback callback,
                          boolean combined) {
        if (!admit(request, response, callback)) {
            return null;
        }
        List<String> streams = new ArrayList<>();
        if (combined) {
            String list = Request.extractQueryParameters(request).getValue("streams");
            if (list != null) {
                for (String name : list.split("/")) {
                    if (STREAM.matcher(name).matches()) {
                        streams.add(name);
                    }
                }
            }
        } else {
            String path = Request.getPathInContext(request);
            if (path.startsWith("/ws/") && STREAM.matcher(path.substring(4)).matches()) {
                streams.add(path.substring(4));
            }
        }
        return new BinanceSocket(this, combined, streams);
    }

    @Override
    protected void stream(EmulatedTrade t, boolean duplicate) {
        BinanceSymbol s = symbols.get(t.symbol());
        if (!duplicate) {
            s.bookUpdateId += 1 + Math.floorMod(BinanceSymbol.mix(t.id()), 3L);
        }
        String lower = t.symbol().toLowerCase(Locale.ROOT);
        String aggStream = lower + "@aggTrade";
        String bookStream = lower + "@bookTicker";
        String agg = null;
        String book = null;
        for (EmulatedSocket socket : sockets()) {
            BinanceSocket b = (BinanceSocket) socket;
            if (b.streams.contains(aggStream)) {
                if (agg == null) {
                    agg = aggTrade(s, t);
                }
                send(b, b.combined ? wrap(aggStream, agg) : agg);
            }
            if (!duplicate && b.streams.contains(bookStream)) {
                if (book == null) {
                    book = bookTicker(s);
                }
                send(b, b.combined ? wrap(bookStream, book) : book);
            }
        }
    }

    /** web-socket-streams.md, Aggregate Trade Streams: e, E, s, a, p, q, f, l, T, m, M. */
    private static String aggTrade(BinanceSymbol s, EmulatedTrade t) {
        long eventTime = Math.max(System.currentTimeMillis(), t.timeMs());
        return "{\"e\":\"aggTrade\",\"E\":" + eventTime + ",\"s\":\"" + s.symbol + "\",\"a\":" + t.id()
                + ",\"p\":\"" + BinanceRest.dec(t.price()) + "\",\"q\":\"" + BinanceRest.dec(t.size())
                + "\",\"f\":" + s.rawIds.first(t.id()) + ",\"l\":" + s.rawIds.last(t.id()) + ",\"T\":" + t.timeMs()
                + ",\"m\":" + t.buyerMaker() + ",\"M\":true}";
    }

    /** web-socket-streams.md, Individual Symbol Book Ticker Streams: u, s, b, B, a, A (no event type or time). */
    private String bookTicker(BinanceSymbol s) {
        return "{\"u\":" + s.bookUpdateId + ",\"s\":\"" + s.symbol + "\",\"b\":\""
                + BinanceRest.dec(market.bid(s.symbol)) + "\",\"B\":\"" + BinanceRest.dec(s.bookQty(s.bookUpdateId,
                false)) + "\",\"a\":\"" + BinanceRest.dec(market.ask(s.symbol)) + "\",\"A\":\""
                + BinanceRest.dec(s.bookQty(s.bookUpdateId, true)) + "\"}";
    }

    /** "Combined stream events are wrapped as follows: {"stream":"<streamName>","data":<rawPayload>}". */
    private static String wrap(String stream, String payload) {
        return "{\"stream\":\"" + stream + "\",\"data\":" + payload + "}";
    }

    private void opened(BinanceSocket s) {
        if (lifetime != null && s.session().isOpen()) {
            s.lifetimeClose = schedule(() -> {
                if (s.session().isOpen()) {
                    lifetimeCloses.incrementAndGet();
                    close(s, GOING_AWAY, "connection lifetime reached");
                }
            }, lifetime);
        }
    }

    private static void close(BinanceSocket s, int code, String reason) {
        if (s.session().isOpen()) {
            s.session().close(code, reason, org.eclipse.jetty.websocket.api.Callback.NOOP);
        }
    }

    /** Counts one incoming frame; false when it broke the limit and the connection is being closed. */
    private boolean countIncoming(BinanceSocket s) {
        if (incomingPerSecond <= 0 || !s.session().isOpen()) {
            return s.session().isOpen();
        }
        long now = System.nanoTime();
        ArrayDeque<Long> q = s.incoming;
        while (!q.isEmpty() && now - q.peekFirst() >= 1_000_000_000L) {
            q.pollFirst();
        }
        q.addLast(now);
        if (q.size() > incomingPerSecond) {
            rateLimitCloses.incrementAndGet();
            close(s, POLICY_VIOLATION, "Too many messages");
            return false;
        }
        return true;
    }

    private void request(BinanceSocket s, String text) {
        if (!countIncoming(s)) {
            return;
        }
        JsonNode n;
        try {
            n = BinanceRest.JSON.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            error(s, null, 3, "Invalid JSON: expected value at line " + (at == null ? 1 : at.getLineNr())
                    + " column " + (at == null ? 1 : at.getColumnNr()));
            return;
        }
        if (n == null || n.isMissingNode()) {
            error(s, null, 3, "Invalid JSON: expected value at line 1 column 0");
            return;
        }
        if (!n.isObject()) {
            error(s, null, 2, "Invalid request: expected a JSON object");
            return;
        }
        JsonNode method = n.get("method");
        if (method == null) {
            error(s, null, 2, "Invalid request: missing field `method` at line 1 column " + text.length());
            return;
        }
        JsonNode id = n.get("id");
        if (id == null || !(id.isNull() || id.isIntegralNumber() && id.canConvertToLong()
                || id.isTextual() && REQUEST_ID.matcher(id.asText()).matches())) {
            error(s, null, 2, "Invalid request: request ID must be an unsigned integer");
            return;
        }
        JsonNode params = n.get("params");
        switch (method.asText()) {
            case "SUBSCRIBE" -> subscribe(s, id, params);
            case "UNSUBSCRIBE" -> unsubscribe(s, id, params);
            case "LIST_SUBSCRIPTIONS" -> {
                ArrayNode list = BinanceRest.JSON.createArrayNode();
                s.streams.forEach(list::add);
                result(s, id, list);
            }
            case "SET_PROPERTY" -> setProperty(s, id, params);
            case "GET_PROPERTY" -> {
                if (property(s, id, params, 1)) {
                    result(s, id, BinanceRest.JSON.getNodeFactory().booleanNode(s.combined));
                }
            }
            default -> error(s, id, 2, "Invalid request: unknown variant " + (method.isTextual()
                    ? "`" + method.asText() + "`" : method.toString()) + ", expected one of " + METHODS
                    + " at line 1 column " + (text.indexOf(method.toString()) + method.toString().length()));
        }
    }

    private List<String> streamNames(BinanceSocket s, JsonNode id, JsonNode params) {
        if (params == null || !params.isArray()) {
            error(s, id, 2, "Invalid request: missing field `params`");
            return null;
        }
        List<String> names = new ArrayList<>();
        for (JsonNode p : params) {
            if (!p.isTextual() || !STREAM.matcher(p.asText()).matches()) {
                error(s, id, 2, "Invalid request: invalid stream");
                return null;
            }
            names.add(p.asText());
        }
        return names;
    }

    private void subscribe(BinanceSocket s, JsonNode id, JsonNode params) {
        List<String> names = streamNames(s, id, params);
        if (names == null) {
            return;
        }
        if (subscribeRefusalsLeft > 0) {
            subscribeRefusalsLeft--;
            error(s, id, 2, "Invalid request: invalid stream");
            return;
        }
        Set<String> after = new LinkedHashSet<>(s.streams);
        after.addAll(names);
        if (after.size() > maxStreams) {
            error(s, id, 2, "Invalid request: too many streams; the limit is " + maxStreams);
            return;
        }
        // The answer goes out before any data of the new streams: both are sent from this thread, in this order.
        result(s, id, NullNode.getInstance());
        s.streams.addAll(names);
    }

    private void unsubscribe(BinanceSocket s, JsonNode id, JsonNode params) {
        List<String> names = streamNames(s, id, params);
        if (names != null) {
            names.forEach(s.streams::remove);
            result(s, id, NullNode.getInstance());
        }
    }

    private void setProperty(BinanceSocket s, JsonNode id, JsonNode params) {
        if (!property(s, id, params, 2)) {
            return;
        }
        JsonNode value = params.get(1);
        if (!value.isBoolean()) {
            error(s, id, 1, "Invalid value type: expected Boolean");
            return;
        }
        s.combined = value.asBoolean();
        result(s, id, NullNode.getInstance());
    }

    /** Checks a property request's params: the name "combined" and {@code size} params in all. */
    private boolean property(BinanceSocket s, JsonNode id, JsonNode params, int size) {
        if (params == null || !params.isArray() || params.isEmpty() || !params.get(0).isTextual()) {
            error(s, id, 2, "Invalid request: property name must be a string");
            return false;
        }
        if (params.size() > size) {
            error(s, id, 2, "Invalid request: too many parameters");
            return false;
        }
        if (!"combined".equals(params.get(0).asText())) {
            error(s, id, 0, "Unknown property");
            return false;
        }
        if (params.size() < size) {
            error(s, id, 1, "Invalid value type: expected Boolean");
            return false;
        }
        return true;
    }

    private void result(BinanceSocket s, JsonNode id, JsonNode result) {
        ObjectNode o = BinanceRest.JSON.createObjectNode();
        o.set("result", result);
        o.set("id", id);
        send(s, o.toString());
    }

    private void error(BinanceSocket s, JsonNode id, int code, String msg) {
        ObjectNode o = BinanceRest.JSON.createObjectNode();
        if (errorShape == ErrorShape.WRAPPED) {
            ObjectNode e = o.putObject("error");
            e.put("code", code);
            e.put("msg", msg);
            o.set("id", id == null ? NullNode.getInstance() : id);
        } else {
            o.put("code", code);
            o.put("msg", msg);
            if (id != null) {
                o.set("id", id);
            }
        }
        send(s, o.toString());
    }

    /**
     * One client connection: its streams, whether payloads are wrapped (combined), its recent incoming frames.
     * Pings are answered here (Jetty answers only when the endpoint does not listen to pings) after counting them.
     */
    public static final class BinanceSocket extends EmulatedSocket {
        private final BinanceEmulator owner;
        private final Set<String> streams = new LinkedHashSet<>();
        private final ArrayDeque<Long> incoming = new ArrayDeque<>();
        private boolean combined;
        private ScheduledFuture<?> lifetimeClose;

        BinanceSocket(BinanceEmulator owner, boolean combined, List<String> streams) {
            super(owner);
            this.owner = owner;
            this.combined = combined;
            this.streams.addAll(streams);
        }

        @Override
        public void onWebSocketOpen(Session s) {
            super.onWebSocketOpen(s);
            owner.connectionsOpened.incrementAndGet();
        }

        @Override
        protected void onOpen() {
            owner.opened(this);
        }

        @Override
        protected void onRequest(String text) {
            owner.request(this, text);
        }

        @Override
        public void onWebSocketPing(ByteBuffer payload) {
            ByteBuffer copy = ByteBuffer.allocate(payload.remaining()).put(payload.slice()).flip();
            owner.execute(() -> {
                if (owner.countIncoming(this)) {
                    session().sendPong(copy, org.eclipse.jetty.websocket.api.Callback.NOOP);
                }
            });
        }

        @Override
        public void onWebSocketPong(ByteBuffer payload) {
            super.onWebSocketPong(payload);
            owner.execute(() -> owner.countIncoming(this));
        }

        @Override
        public void onWebSocketClose(int statusCode, String reason, org.eclipse.jetty.websocket.api.Callback callback) {
            super.onWebSocketClose(statusCode, reason, callback);
            owner.execute(() -> {
                if (lifetimeClose != null) {
                    lifetimeClose.cancel(false);
                }
            });
        }
    }

    // ------------------------------------------------------------------ REST

    @Override
    protected RestResponse rest(RestRequest r) {
        if (!"GET".equals(r.method())) {
            return null;
        }
        Fields q = r.query();
        int weight = switch (r.path()) {
            case "/api/v3/ping", "/api/v3/time" -> 1;
            case "/api/v3/aggTrades" -> 4;
            case "/api/v3/klines" -> 2;
            case "/api/v3/exchangeInfo" -> 20;
            case "/api/v3/ticker/24hr" -> BinanceRest.tickerWeight(q);
            default -> 0;
        };
        if (weight == 0) {
            return null;
        }
        long now = System.currentTimeMillis();
        rollWindow(now);
        if (bannedUntilMs > now) {
            return limited(418, bannedUntilMs - now, bannedBody(bannedUntilMs));
        }
        usedWeight += weight;
        if (usedWeight > weightLimit) {
            if (rejectionsThisWindow >= rejectionsBeforeBan) {
                bannedUntilMs = now + banDuration.toMillis();
                return limited(418, bannedUntilMs - now, bannedBody(bannedUntilMs));
            }
            rejectionsThisWindow++;
            return limited(429, windowOriginMs + (windowIndex + 1) * weightWindowMs - now, tooMuchWeightBody());
        }
        String body;
        int status = 200;
        try {
            body = switch (r.path()) {
                case "/api/v3/ping" -> restApi.ping(q);
                case "/api/v3/time" -> restApi.time(q);
                case "/api/v3/aggTrades" -> restApi.aggTrades(q);
                case "/api/v3/klines" -> restApi.klines(q);
                case "/api/v3/exchangeInfo" -> restApi.exchangeInfo(q, weightLimitInfo());
                default -> restApi.ticker24hr(q);
            };
        } catch (BinanceRest.ApiError e) {
            status = e.status;
            body = e.body();
        }
        return new RestResponse(status, weightHeaders(), body);
    }

    private void rollWindow(long now) {
        long index = Math.floorDiv(now - windowOriginMs, weightWindowMs);
        if (index != windowIndex) {
            windowIndex = index;
            usedWeight = 0;
            rejectionsThisWindow = 0;
        }
    }

    private RestResponse limited(int status, long waitMs, String body) {
        Map<String, String> headers = new LinkedHashMap<>(weightHeaders());
        headers.put("Retry-After", Long.toString(Math.max(1, (waitMs + 999) / 1000)));
        return new RestResponse(status, headers, body);
    }

    /** rest-api.md "IP Limits": X-MBX-USED-WEIGHT-(intervalNum)(intervalLetter) on every response. */
    private Map<String, String> weightHeaders() {
        BinanceRest.WeightLimit w = weightLimitInfo();
        String header = "X-MBX-USED-WEIGHT-" + w.intervalNum() + w.interval().charAt(0);
        // The CHANGELOG (2019-08-15) keeps the legacy X-MBX-USED-WEIGHT for the one-minute limiter.
        return weightWindowMs == 60_000 ? Map.of(header, Integer.toString(usedWeight), "X-MBX-USED-WEIGHT",
                Integer.toString(usedWeight)) : Map.of(header, Integer.toString(usedWeight));
    }

    private BinanceRest.WeightLimit weightLimitInfo() {
        long seconds = weightWindowMs / 1000;
        return seconds % 60 == 0 ? new BinanceRest.WeightLimit(weightLimit, "MINUTE", (int) (seconds / 60))
                : new BinanceRest.WeightLimit(weightLimit, "SECOND", (int) seconds);
    }

    /** errors.md, -1003 TOO_MANY_REQUESTS, second message. */
    private String tooMuchWeightBody() {
        BinanceRest.WeightLimit w = weightLimitInfo();
        return new BinanceRest.ApiError(429, -1003, "Too much request weight used; current limit is " + w.limit()
                + " request weight per " + w.intervalNum() + " " + w.interval()
                + ". Please use WebSocket Streams for live updates to avoid polling the API.").body();
    }

    /** errors.md, -1003 TOO_MANY_REQUESTS, third message. */
    private static String bannedBody(long untilMs) {
        return new BinanceRest.ApiError(418, -1003, "Way too much request weight used; IP banned until " + untilMs
                + ". Please use WebSocket Streams for live updates to avoid bans.").body();
    }

    /** Bodies of the base's injected failures (and refused upgrades); called on any thread. */
    @Override
    protected String restFailureBody(int status) {
        return switch (status) {
            case 429 -> new BinanceRest.ApiError(429, -1003, "Too much request weight used; current limit is "
                    + DOCUMENTED_WEIGHT_PER_MINUTE + " request weight per 1 MINUTE. Please use WebSocket Streams "
                    + "for live updates to avoid polling the API.").body();
            case 418 -> bannedBody(System.currentTimeMillis() + DOCUMENTED_SHORTEST_BAN.toMillis());
            default -> new BinanceRest.ApiError(status, -1001,
                    "Internal error; unable to process your request. Please try again.").body();
        };
    }
}
