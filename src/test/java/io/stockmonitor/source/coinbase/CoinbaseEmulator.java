package io.stockmonitor.source.coinbase;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stockmonitor.source.testing.EmulatedTrade;
import io.stockmonitor.source.testing.ProviderEmulator;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.eclipse.jetty.websocket.server.ServerWebSocketContainer;

/**
 * Coinbase Exchange's public market data (no key), served as its documentation describes it; {@code
 * docs/sources/coinbase.md} has the facts with links and quotes, and says which behaviours below are documented and
 * which are the emulator's own choice where the documentation is silent.
 *
 * <p>WebSocket, at the root path as {@code wss://ws-feed.exchange.coinbase.com}: a {@code subscribe} must arrive
 * within {@link #DOCUMENTED_SUBSCRIBE_DEADLINE} or the connection is closed; product ids at the root of the request
 * are added to every channel; the answer is a {@code subscriptions} message listing every subscription of the
 * connection, preceded by one {@code error} ("Failed to subscribe", with a {@code reason}) per channel and refused
 * product or unknown channel. Channels: {@code matches} (first message per product {@code last_match}, then one
 * {@code match} per trade), {@code ticker} (the current ticker on subscribing, then one per trade, sharing the match's
 * {@code sequence}) and {@code heartbeat} (per product each {@link #DOCUMENTED_HEARTBEAT_PERIOD}, with the product's
 * current sequence and last trade id). {@code trade_id} is contiguous per product (it is the {@link
 * io.stockmonitor.source.testing.EmulatedMarket}'s id); {@code sequence} is the product's sequence over every order
 * event, so it grows by more than one between two matches. Decimals are strings; {@code side} of a match or a REST
 * trade is the maker's side, of a ticker the taker's.
 *
 * <p>REST, on the same port: {@code /products}, {@code /products/{id}}, {@code /products/{id}/trades} (newest first,
 * {@code limit} at most {@value #TRADES_LIMIT_MAX}, cursors {@code after} = older and {@code before} = newer, answered
 * with {@code CB-BEFORE} and {@code CB-AFTER}), {@code /products/{id}/candles} ({@code [time, low, high, open, close,
 * volume]}, newest first, at most {@value #CANDLES_MAX}), {@code /products/{id}/stats}, {@code /products/{id}/ticker}.
 * Errors are {@code {"message": ...}} with a 4xx status; public requests are throttled by the documented lazy-fill
 * token bucket (10 a second, bursts of 15) with 429 and no Retry-After.
 *
 * <p>Coinbase-specific controls beside the base's: {@link #closeAll}, {@link #sendError}, {@link #sendRaw},
 * {@link #errorAndClose}, {@link #delist}, {@link #zeroHeartbeatTradeIds}, {@link #muteHeartbeats},
 * {@link #skipTickers}, {@link #forgetRestHistoryBefore}, the three rate limits, the subscribe deadline and the
 * heartbeat period.
 */
public final class CoinbaseEmulator extends ProviderEmulator {
    /** "you are disconnected if no subscribe has been received within 5 seconds" (WebSocket overview). */
    public static final Duration DOCUMENTED_SUBSCRIBE_DEADLINE = Duration.ofSeconds(5);
    /** "heartbeat messages for specific products every second" (channels, Heartbeat Channel). */
    public static final Duration DOCUMENTED_HEARTBEAT_PERIOD = Duration.ofSeconds(1);
    /** Pagination: "limit ... Maximum 1000 (default 1000)". */
    public static final int TRADES_LIMIT_MAX = 1000;
    /** Candles: "The maximum number of data points for a single request is 300 candles." */
    public static final int CANDLES_MAX = 300;
    /** Candles: granularity "must be one of the following "second" values". */
    public static final List<Integer> GRANULARITIES = List.of(60, 300, 900, 3600, 21600, 86400);
    /** REST public endpoints: "Requests per second per IP: 10", "in bursts: Up to 15". */
    public static final double REST_PER_SECOND = 10;
    public static final int REST_BURST = 15;
    /** WebSocket rate limits: "Requests per second per IP: 8", "in bursts: Up to 20" (applied to connections). */
    public static final double CONNECT_PER_SECOND = 8;
    public static final int CONNECT_BURST = 20;
    /** WebSocket rate limits: "Messages sent by the client every second per IP: 100". */
    public static final double CLIENT_MESSAGES_PER_SECOND = 100;
    public static final int CLIENT_MESSAGES_BURST = 100;
    /** The channels this emulator serves (the feed has more; none of them is needed for trades and quotes). */
    public static final List<String> CHANNELS = List.of("matches", "ticker", "heartbeat");
    /** Close status when no subscribe came in time (the docs say only "disconnected": the code is our choice). */
    public static final int CLOSE_NO_SUBSCRIBE = StatusCode.POLICY_VIOLATION;
    /** Close status after a client exceeded the message rate (ErrSlowRead; the code is our choice). */
    public static final int CLOSE_SLOW_READ = StatusCode.POLICY_VIOLATION;

    static final JsonMapper JSON = JsonMapper.builder().enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build();
    private static final DateTimeFormatter WS_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter REST_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final int DECIMALS = 8;

    // Emulator thread only.
    private final Map<String, Feed> feeds = new LinkedHashMap<>();
    private final SplittableRandom random;
    private Duration subscribeDeadline = DOCUMENTED_SUBSCRIBE_DEADLINE;
    private Duration heartbeatPeriod = DOCUMENTED_HEARTBEAT_PERIOD;
    private ScheduledFuture<?> heartbeats;
    private boolean zeroHeartbeatTradeIds;
    private final Set<String> heartbeatsMuted = new LinkedHashSet<>();

    // Any thread (each bucket synchronises itself).
    private final TokenBucket restBucket = new TokenBucket(REST_PER_SECOND, REST_BURST);
    private final TokenBucket connectBucket = new TokenBucket(CONNECT_PER_SECOND, CONNECT_BURST);
    private final TokenBucket clientMessageBucket = new TokenBucket(CLIENT_MESSAGES_PER_SECOND, CLIENT_MESSAGES_BURST);

    public CoinbaseEmulator(long seed) {
        super(seed);
        this.random = new SplittableRandom(seed ^ 0x5DEECE66DL);
        call(() -> {
            heartbeats = schedule(this::heartbeatTick, heartbeatPeriod);
            return null;
        });
    }

    /** The feed's URL: {@code ws://127.0.0.1:PORT/} (production: {@code wss://ws-feed.exchange.coinbase.com}). */
    public URI wsUri() {
        return URI.create(wsBase() + "/");
    }

    /** Adds a product (Coinbase spelling: {@code BASE-QUOTE}, e.g. {@code BTC-USD}); see the base. */
    @Override
    public void addSymbol(String symbol, String startPrice, String tickSize, long firstId) {
        if (symbol.indexOf('-') <= 0) {
            throw new IllegalArgumentException("Coinbase product ids are BASE-QUOTE: " + symbol);
        }
        super.addSymbol(symbol, startPrice, tickSize, firstId);
        call(() -> feeds.put(symbol, new Feed(symbol, firstId, new BigDecimal(startPrice),
                new BigDecimal(tickSize), firstId * 16 + random.nextInt(1_000_000))));
    }

    // ------------------------------------------------------------------ Coinbase-specific controls

    /** How long a connection may stay without a subscribe (documented: 5 s). */
    public void subscribeDeadline(Duration d) {
        call(() -> subscribeDeadline = d);
    }

    /** How often heartbeats go out per subscribed product (documented: every second). */
    public void heartbeatPeriod(Duration d) {
        call(() -> {
            heartbeatPeriod = d;
            if (heartbeats != null) {
                heartbeats.cancel(false);
            }
            heartbeats = schedule(this::heartbeatTick, d);
            return null;
        });
    }

    /** Heartbeats carry {@code "last_trade_id": 0}, as public clients reported in 2019 and 2020. */
    public void zeroHeartbeatTradeIds(boolean zero) {
        call(() -> zeroHeartbeatTradeIds = zero);
    }

    /**
     * No heartbeat goes out for the product while {@code muted} (its other channels go on): a partial outage that
     * only a per-product heartbeat watch notices.
     */
    public void muteHeartbeats(String product, boolean muted) {
        call(() -> muted ? heartbeatsMuted.add(product) : heartbeatsMuted.remove(product));
    }

    /** The next {@code n} trades of the product get no ticker message ("It batches updates in case of cascading matches"). */
    public void skipTickers(String product, int n) {
        call(() -> feed(product).tickersToSkip = n);
    }

    /**
     * The REST trades endpoint no longer serves the product's trades below {@code firstServedId} (not documented for
     * Coinbase, which pages back through the whole history: this only lets a test drive the client's "lost" path).
     */
    public void forgetRestHistoryBefore(String product, long firstServedId) {
        call(() -> feed(product).restFloorId = firstServedId);
    }

    /**
     * The product is delisted: new subscriptions to it are refused with reason "{id} is delisted" (as the live feed
     * answers) and {@code /products} shows {@code "status": "delisted"}. Existing subscriptions stay.
     */
    public void delist(String product) {
        call(() -> feed(product).delisted = true);
    }

    /** Sends an {@code error} message on every socket (reason omitted when null) and leaves them open. */
    public void sendError(String message, String reason) {
        call(() -> {
            String frame = error(message, reason);
            sockets().forEach(s -> send(s, frame));
            return null;
        });
    }

    /** Sends {@code frame} exactly as given on every socket: malformed or forged frames for a client's tests. */
    public void sendRaw(String frame) {
        call(() -> {
            sockets().forEach(s -> send(s, frame));
            return null;
        });
    }

    /**
     * What the docs describe for an active disconnect ({@code ErrSlowConsume}, {@code ErrSlowRead}, "Message too
     * big"): an {@code error} message, then the connection is closed (status {@link StatusCode#SERVER_ERROR}; the docs
     * name no status).
     */
    public void errorAndClose(String message) {
        call(() -> {
            String frame = error(message, null);
            for (EmulatedSocket s : sockets()) {
                send(s, frame);
                s.session().close(StatusCode.SERVER_ERROR, message, Callback.NOOP);
            }
            return null;
        });
    }

    /** Closes every socket cleanly with a close frame (e.g. the server going away for maintenance). */
    public void closeAll(int statusCode, String reason) {
        for (EmulatedSocket s : sockets()) {
            s.session().close(statusCode, reason, Callback.NOOP);
        }
    }

    /** Public REST throttle (documented 10/s, bursts 15); {@code perSecond <= 0} turns it off. */
    public void restRateLimit(double perSecond, int burst) {
        restBucket.set(perSecond, burst);
    }

    /** Connection (upgrade) throttle, answered with HTTP 429 (documented 8/s, bursts 20); {@code <= 0} is off. */
    public void connectRateLimit(double perSecond, int burst) {
        connectBucket.set(perSecond, burst);
    }

    /** Client message throttle, over every socket (documented 100/s per IP); {@code <= 0} is off. */
    public void clientMessageRateLimit(double perSecond, int burst) {
        clientMessageBucket.set(perSecond, burst);
    }

    // ------------------------------------------------------------------ WebSocket

    @Override
    protected void configure(ServerWebSocketContainer container) {
        container.addMapping("/", (request, response, callback) -> {
            if (!admit(request, response, callback)) {
                return null;
            }
            if (!connectBucket.take()) {
                refuse(response, callback, 429, restFailureBody(429));
                return null;
            }
            return new CoinbaseSocket(this);
        });
    }

    /** One connection and its subscriptions (emulator thread). Public: Jetty requires endpoint classes to be. */
    public static final class CoinbaseSocket extends EmulatedSocket {
        private final CoinbaseEmulator coinbase;
        private final Map<String, LinkedHashSet<String>> subscriptions = new LinkedHashMap<>();
        private boolean subscribeSeen;

        CoinbaseSocket(CoinbaseEmulator coinbase) {
            super(coinbase);
            this.coinbase = coinbase;
        }

        @Override
        protected void onOpen() {
            coinbase.opened(this);
        }

        @Override
        protected void onRequest(String text) {
            coinbase.request(this, text);
        }

        boolean has(String channel, String product) {
            Set<String> ids = subscriptions.get(channel);
            return ids != null && ids.contains(product);
        }
    }

    private void opened(CoinbaseSocket s) {
        schedule(() -> {
            if (!s.subscribeSeen && s.session().isOpen()) {
                s.session().close(CLOSE_NO_SUBSCRIBE, "no subscribe within " + subscribeDeadline.toMillis() + " ms",
                        Callback.NOOP);
            }
        }, subscribeDeadline);
    }

    private void request(CoinbaseSocket s, String text) {
        if (!clientMessageBucket.take()) {
            send(s, error("ErrSlowRead", null));
            s.session().close(CLOSE_SLOW_READ, "ErrSlowRead", Callback.NOOP);
            return;
        }
        JsonNode msg;
        try {
            msg = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            send(s, error("Malformed JSON", e.getOriginalMessage()));
            return;
        }
        String type = msg.path("type").asText("");
        switch (type) {
            case "subscribe" -> {
                s.subscribeSeen = true;
                subscribe(s, msg);
            }
            case "unsubscribe" -> unsubscribe(s, msg);
            default -> send(s, error("Failed to subscribe", "unknown message type: " + type));
        }
    }

    /**
     * The channels of a (un)subscribe request with their product ids: root ids first, then the channel's own,
     * without repeats ("You can define product IDs at the root of the object—this adds them to all the channels").
     * Null when the request is malformed (an error was sent).
     */
    private Map<String, LinkedHashSet<String>> requested(CoinbaseSocket s, JsonNode msg) {
        List<String> root = strings(msg.get("product_ids"));
        JsonNode channels = msg.get("channels");
        if (root == null || channels == null || !channels.isArray()) {
            send(s, error("Failed to subscribe", "channels must be an array, product_ids an array of strings"));
            return null;
        }
        Map<String, LinkedHashSet<String>> out = new LinkedHashMap<>();
        for (JsonNode c : channels) {
            String name;
            List<String> ids;
            if (c.isTextual()) {
                name = c.asText();
                ids = List.of();
            } else if (c.isObject() && c.path("name").isTextual()) {
                name = c.get("name").asText();
                ids = strings(c.get("product_ids"));
            } else {
                name = null;
                ids = null;
            }
            if (name == null || ids == null) {
                send(s, error("Failed to subscribe", "a channel is a name or {\"name\", \"product_ids\"}"));
                return null;
            }
            LinkedHashSet<String> all = out.computeIfAbsent(name, n -> new LinkedHashSet<>());
            all.addAll(root);
            all.addAll(ids);
        }
        return out;
    }

    /** Strings of a JSON array; an absent field is empty; null when it is not an array of strings. */
    private static List<String> strings(JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (JsonNode n : node) {
            if (!n.isTextual()) {
                return null;
            }
            out.add(n.asText());
        }
        return out;
    }

    private void subscribe(CoinbaseSocket s, JsonNode msg) {
        Map<String, LinkedHashSet<String>> requested = requested(s, msg);
        if (requested == null) {
            return;
        }
        List<Feed> newTickers = new ArrayList<>();
        List<Feed> newMatches = new ArrayList<>();
        for (Map.Entry<String, LinkedHashSet<String>> e : requested.entrySet()) {
            String channel = e.getKey();
            if (!CHANNELS.contains(channel)) {
                send(s, error("Failed to subscribe", channel + " is not a valid channel"));
                continue;
            }
            if (e.getValue().isEmpty()) {
                send(s, error("Failed to subscribe", "no product ids for " + channel));
                continue;
            }
            for (String id : e.getValue()) {
                Feed f = feeds.get(id);
                if (f == null) {
                    send(s, error("Failed to subscribe", id + " is not a valid product"));
                } else if (f.delisted) {
                    send(s, error("Failed to subscribe", id + " is delisted"));
                } else if (s.subscriptions.computeIfAbsent(channel, n -> new LinkedHashSet<>()).add(id)) {
                    if (channel.equals("ticker")) {
                        newTickers.add(f);
                    } else if (channel.equals("matches")) {
                        newMatches.add(f);
                    }
                }
            }
        }
        s.subscriptions.values().removeIf(Set::isEmpty);
        send(s, subscriptions(s));
        // As recorded from the live feed: the current ticker, then last_match, right after the subscriptions reply.
        for (Feed f : newTickers) {
            EmulatedTrade last = lastTrade(f);
            if (last != null) {
                send(s, ticker(f, last));
            }
        }
        for (Feed f : newMatches) {
            EmulatedTrade last = lastTrade(f);
            if (last != null) {
                send(s, match("last_match", f, last));
            }
        }
    }

    private void unsubscribe(CoinbaseSocket s, JsonNode msg) {
        Map<String, LinkedHashSet<String>> requested = requested(s, msg);
        if (requested == null) {
            return;
        }
        for (Map.Entry<String, LinkedHashSet<String>> e : requested.entrySet()) {
            Set<String> current = s.subscriptions.get(e.getKey());
            if (current == null) {
                continue;
            }
            if (e.getValue().isEmpty()) {
                s.subscriptions.remove(e.getKey()); // "unsubscribe from a channel entirely by providing no product IDs"
            } else {
                current.removeAll(e.getValue());
            }
        }
        s.subscriptions.values().removeIf(Set::isEmpty);
        send(s, subscriptions(s));
    }

    @Override
    protected void stream(EmulatedTrade trade, boolean duplicate) {
        Feed f = feed(trade.symbol());
        catchUp(f);
        boolean tickerSkipped;
        if (duplicate) {
            tickerSkipped = f.lastTickerSkipped == trade.id();
        } else {
            tickerSkipped = f.tickersToSkip > 0;
            if (tickerSkipped) {
                f.tickersToSkip--;
                f.lastTickerSkipped = trade.id();
            }
        }
        String ticker = tickerSkipped ? null : ticker(f, trade);
        String match = match("match", f, trade);
        for (EmulatedSocket e : sockets()) {
            CoinbaseSocket s = (CoinbaseSocket) e;
            if (ticker != null && s.has("ticker", f.id)) {
                send(s, ticker);
            }
            if (s.has("matches", f.id)) {
                send(s, match);
            }
        }
    }

    private void heartbeatTick() {
        try {
            for (Feed f : feeds.values()) {
                catchUp(f);
                f.sequence += random.nextInt(4); // order events that are not matches happen between heartbeats too
            }
            Instant now = Instant.now();
            for (EmulatedSocket e : sockets()) {
                CoinbaseSocket s = (CoinbaseSocket) e;
                Set<String> ids = s.subscriptions.get("heartbeat");
                if (ids != null) {
                    for (String id : ids) {
                        if (heartbeatsMuted.contains(id)) {
                            continue;
                        }
                        send(s, heartbeat(feeds.get(id), now));
                    }
                }
            }
        } finally {
            try {
                heartbeats = schedule(this::heartbeatTick, heartbeatPeriod);
            } catch (RejectedExecutionException closed) {
                heartbeats = null;
            }
        }
    }

    // ------------------------------------------------------------------ messages (field order as documented)

    private static String subscriptions(CoinbaseSocket s) {
        ObjectNode o = JSON.createObjectNode();
        o.put("type", "subscriptions");
        ArrayNode channels = o.putArray("channels");
        s.subscriptions.forEach((name, ids) -> {
            ObjectNode c = channels.addObject();
            c.put("name", name);
            ArrayNode a = c.putArray("product_ids");
            ids.forEach(a::add);
        });
        return write(o);
    }

    private String match(String type, Feed f, EmulatedTrade t) {
        ObjectNode o = JSON.createObjectNode();
        o.put("type", type);
        o.put("trade_id", t.id());
        o.put("sequence", f.sequenceOf(t.id()));
        o.put("maker_order_id", orderId("maker", t));
        o.put("taker_order_id", orderId("taker", t));
        o.put("time", WS_TIME.format(t.time()));
        o.put("product_id", f.id);
        o.put("size", plain(t.size()));
        o.put("price", plain(t.price()));
        o.put("side", makerSide(t));
        return write(o);
    }

    private String ticker(Feed f, EmulatedTrade t) {
        ObjectNode o = JSON.createObjectNode();
        o.put("type", "ticker");
        o.put("sequence", f.sequenceOf(t.id()));
        o.put("product_id", f.id);
        o.put("price", plain(t.price()));
        o.put("open_24h", plain(f.open));
        o.put("volume_24h", fixed(f.volume));
        o.put("low_24h", plain(f.low));
        o.put("high_24h", plain(f.high));
        o.put("volume_30d", fixed(f.volume));
        o.put("best_bid", plain(market.bid(f.id)));
        o.put("best_bid_size", fixed(bookSize(t.id(), 1)));
        o.put("best_ask", plain(market.ask(f.id)));
        o.put("best_ask_size", fixed(bookSize(t.id(), 2)));
        o.put("side", t.takerSide());
        o.put("time", WS_TIME.format(t.time()));
        o.put("trade_id", t.id());
        o.put("last_size", plain(t.size()));
        return write(o);
    }

    private String heartbeat(Feed f, Instant now) {
        EmulatedTrade last = lastTrade(f);
        ObjectNode o = JSON.createObjectNode();
        o.put("type", "heartbeat");
        o.put("sequence", f.sequence);
        o.put("last_trade_id", last == null || zeroHeartbeatTradeIds ? 0 : last.id());
        o.put("product_id", f.id);
        o.put("time", WS_TIME.format(now));
        return write(o);
    }

    static String error(String message, String reason) {
        ObjectNode o = JSON.createObjectNode();
        o.put("type", "error");
        o.put("message", message);
        if (reason != null) {
            o.put("reason", reason);
        }
        return write(o);
    }

    // ------------------------------------------------------------------ REST

    @Override
    protected RestResponse rest(RestRequest r) {
        if (!restBucket.take()) {
            return RestResponse.error(429, message("Public rate limit exceeded"));
        }
        List<String> parts = Arrays.asList(r.path().split("/", -1));
        if (!r.method().equals("GET") || parts.size() < 2 || !parts.get(0).isEmpty()
                || !parts.get(1).equals("products")) {
            return notFound();
        }
        if (parts.size() == 2) {
            ArrayNode a = JSON.createArrayNode();
            feeds.values().forEach(f -> a.add(product(f)));
            return RestResponse.json(write(a));
        }
        Feed f = feeds.get(parts.get(2));
        if (f == null) {
            f = feeds.get(parts.get(2).toUpperCase(Locale.ROOT));
        }
        if (f == null || parts.size() > 4) {
            return notFound();
        }
        catchUp(f);
        if (parts.size() == 3) {
            return RestResponse.json(write(product(f)));
        }
        return switch (parts.get(3)) {
            case "trades" -> trades(f, r);
            case "candles" -> candles(f, r);
            case "stats" -> RestResponse.json(write(stats(f)));
            case "ticker" -> restTicker(f);
            default -> notFound();
        };
    }

    @Override
    protected String restFailureBody(int status) {
        return message(switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "NotFound";
            case 429 -> "Public rate limit exceeded";
            default -> status >= 500 ? "Internal Server Error" : "Error";
        });
    }

    private static String message(String text) {
        ObjectNode o = JSON.createObjectNode();
        o.put("message", text);
        return write(o);
    }

    private static RestResponse notFound() {
        return RestResponse.error(404, message("NotFound"));
    }

    private static RestResponse badRequest(String text) {
        return RestResponse.error(400, message(text));
    }

    private ObjectNode product(Feed f) {
        String base = f.id.substring(0, f.id.indexOf('-'));
        String quote = f.id.substring(f.id.indexOf('-') + 1);
        ObjectNode o = JSON.createObjectNode();
        o.put("id", f.id);
        o.put("base_currency", base);
        o.put("quote_currency", quote);
        o.put("quote_increment", fixed(f.tickSize));
        o.put("base_increment", "0.00000001");
        o.put("display_name", base + "/" + quote);
        o.put("min_market_funds", "1");
        o.put("margin_enabled", false);
        o.put("post_only", false);
        o.put("limit_only", false);
        o.put("cancel_only", false);
        o.put("status", f.delisted ? "delisted" : "online");
        o.put("status_message", "");
        o.put("auction_mode", false);
        return o;
    }

    /**
     * Get product trades: newest first. {@code after=X}: the newest {@code limit} trades older than X; {@code
     * before=X}: the {@code limit} trades just newer than X (still newest first); none: the newest {@code limit}.
     * {@code CB-BEFORE} is the first (newest) row's trade id, {@code CB-AFTER} the last (oldest) row's.
     */
    private RestResponse trades(Feed f, RestRequest r) {
        Integer limit = parseInt(r.param("limit"), TRADES_LIMIT_MAX);
        if (limit == null || limit < 1 || limit > TRADES_LIMIT_MAX) {
            return badRequest("Invalid limit: must be between 1 and " + TRADES_LIMIT_MAX);
        }
        Long before = parseLong(r.param("before"));
        if (before != null && before == Long.MIN_VALUE) {
            return badRequest("Invalid value for pagination before");
        }
        Long after = parseLong(r.param("after"));
        if (after != null && after == Long.MIN_VALUE) {
            return badRequest("Invalid value for pagination after");
        }
        List<EmulatedTrade> all = market.tradesView(f.id);
        ArrayNode rows = JSON.createArrayNode();
        if (all.isEmpty()) {
            return RestResponse.json(write(rows));
        }
        long lo = Math.max(f.firstId, f.restFloorId);
        long hi = all.get(all.size() - 1).id();
        if (after != null) {
            hi = Math.min(hi, after - 1);
        }
        if (before != null) {
            lo = before >= hi ? hi + 1 : Math.max(lo, before + 1); // (no overflow at Long.MAX_VALUE)
        }
        long from;
        long to;
        if (before != null && after == null) {
            from = lo;
            to = Math.min(hi, lo + limit - 1);
        } else {
            to = hi;
            from = Math.max(lo, hi - limit + 1);
        }
        if (from > to) {
            return RestResponse.json(write(rows));
        }
        for (long id = to; id >= from; id--) {
            EmulatedTrade t = all.get((int) (id - f.firstId));
            ObjectNode o = rows.addObject();
            o.put("time", REST_TIME.format(t.time()));
            o.put("trade_id", t.id());
            o.put("price", fixed(t.price()));
            o.put("size", fixed(t.size()));
            o.put("side", makerSide(t));
        }
        return new RestResponse(200, Map.of("CB-BEFORE", Long.toString(to), "CB-AFTER", Long.toString(from)),
                write(rows));
    }

    /**
     * Get product candles: rows {@code [time, low, high, open, close, volume]} (numbers), newest first, buckets
     * without trades left out. With both {@code start} and {@code end} (ISO 8601 or epoch seconds) the buckets from
     * start's to end's, both included, and a 400 when that is more than {@value #CANDLES_MAX} intervals; otherwise
     * the {@value #CANDLES_MAX} buckets ending now.
     */
    private RestResponse candles(Feed f, RestRequest r) {
        Integer granularity = parseInt(r.param("granularity"), -1);
        if (granularity == null || !GRANULARITIES.contains(granularity)) {
            return badRequest("Unsupported granularity");
        }
        long g = granularity;
        String startText = r.param("start");
        String endText = r.param("end");
        long from;
        long to;
        if (startText != null && endText != null) {
            Long start = epochSeconds(startText);
            Long end = epochSeconds(endText);
            if (start == null || end == null) {
                return badRequest("Invalid start or end time");
            }
            if (start > end) {
                return badRequest("start must be before end");
            }
            if ((end - start) / g > CANDLES_MAX) {
                return badRequest("granularity too small for the requested time range. Count of aggregations "
                        + "requested exceeds " + CANDLES_MAX);
            }
            from = Math.floorDiv(start, g) * g;
            to = Math.floorDiv(end, g) * g;
        } else {
            to = Math.floorDiv(Instant.now().getEpochSecond(), g) * g;
            from = to - (CANDLES_MAX - 1) * g;
        }
        TreeMap<Long, BigDecimal[]> buckets = new TreeMap<>();
        for (EmulatedTrade t : market.tradesView(f.id)) {
            long bucket = Math.floorDiv(t.time().getEpochSecond(), g) * g;
            if (bucket < from || bucket > to) {
                continue;
            }
            BigDecimal[] c = buckets.get(bucket);
            if (c == null) {
                buckets.put(bucket, new BigDecimal[] {t.price(), t.price(), t.price(), t.price(), t.size()});
            } else {
                c[0] = c[0].min(t.price());
                c[1] = c[1].max(t.price());
                c[3] = t.price();
                c[4] = c[4].add(t.size());
            }
        }
        ArrayNode rows = JSON.createArrayNode();
        buckets.descendingMap().forEach((time, c) -> {
            ArrayNode row = rows.addArray();
            row.add(time.longValue());
            for (BigDecimal value : c) {
                row.add(number(value));
            }
        });
        return RestResponse.json(write(rows));
    }

    /** Get product stats; the whole emulated history counts as the last 24 hours (and 30 days). */
    private ObjectNode stats(Feed f) {
        ObjectNode o = JSON.createObjectNode();
        o.put("open", fixed(f.open));
        o.put("high", fixed(f.high));
        o.put("low", fixed(f.low));
        o.put("volume", fixed(f.volume));
        o.put("last", fixed(f.last));
        o.put("volume_30day", fixed(f.volume));
        o.put("rfq_volume_24hour", "0.000000");
        o.put("conversions_volume_24hour", "0.000000");
        o.put("rfq_volume_30day", "0.000000");
        o.put("conversions_volume_30day", "0.000000");
        return o;
    }

    private RestResponse restTicker(Feed f) {
        EmulatedTrade t = lastTrade(f);
        if (t == null) {
            return notFound();
        }
        ObjectNode o = JSON.createObjectNode();
        o.put("trade_id", t.id());
        o.put("price", plain(t.price()));
        o.put("size", fixed(t.size()));
        o.put("time", REST_TIME.format(t.time()));
        o.put("bid", plain(market.bid(f.id)));
        o.put("ask", plain(market.ask(f.id)));
        o.put("volume", fixed(f.volume));
        o.put("rfq_volume", "0");
        o.put("conversions_volume", "0.00");
        return RestResponse.json(write(o));
    }

    // ------------------------------------------------------------------ state

    /** Per product: the sequence of every order event, the 24 h statistics, the product's faults. */
    private static final class Feed {
        final String id;
        final long firstId;
        final BigDecimal tickSize;
        long sequence;
        long[] sequences = new long[1024];
        int processed;
        BigDecimal open;
        BigDecimal high;
        BigDecimal low;
        BigDecimal last;
        BigDecimal volume = BigDecimal.ZERO;
        boolean delisted;
        int tickersToSkip;
        long lastTickerSkipped = Long.MIN_VALUE;
        long restFloorId = Long.MIN_VALUE;

        Feed(String id, long firstId, BigDecimal startPrice, BigDecimal tickSize, long firstSequence) {
            this.id = id;
            this.firstId = firstId;
            this.tickSize = tickSize;
            this.sequence = firstSequence;
            this.open = startPrice;
            this.high = startPrice;
            this.low = startPrice;
            this.last = startPrice;
        }

        long sequenceOf(long tradeId) {
            return sequences[(int) (tradeId - firstId)];
        }
    }

    private Feed feed(String product) {
        Feed f = feeds.get(product);
        if (f == null) {
            throw new IllegalArgumentException("not an emulated product: " + product);
        }
        return f;
    }

    /**
     * Gives every trade made since the last call its sequence number and counts it into the statistics, whether or
     * not it reached a socket (a trade skipped on the socket still used its sequence number).
     */
    private void catchUp(Feed f) {
        List<EmulatedTrade> all = market.tradesView(f.id);
        while (f.processed < all.size()) {
            EmulatedTrade t = all.get(f.processed);
            f.sequence += 1 + random.nextInt(8); // received/open/done events between matches
            if (f.processed == f.sequences.length) {
                f.sequences = Arrays.copyOf(f.sequences, f.sequences.length * 2);
            }
            f.sequences[f.processed++] = f.sequence;
            f.high = f.high.max(t.price());
            f.low = f.low.min(t.price());
            f.last = t.price();
            f.volume = f.volume.add(t.size());
        }
    }

    private EmulatedTrade lastTrade(Feed f) {
        catchUp(f);
        List<EmulatedTrade> all = market.tradesView(f.id);
        return all.isEmpty() ? null : all.get(all.size() - 1);
    }

    // ------------------------------------------------------------------ formats

    /** The maker's side: the match and REST trade {@code side} ("The side field indicates the maker order side"). */
    static String makerSide(EmulatedTrade t) {
        return t.buyerMaker() ? "buy" : "sell";
    }

    private static String orderId(String role, EmulatedTrade t) {
        return UUID.nameUUIDFromBytes((role + ' ' + t.symbol() + ' ' + t.id()).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    /** A book size for the ticker, made up from the trade id (the emulator keeps no book). */
    private static BigDecimal bookSize(long tradeId, int salt) {
        return BigDecimal.valueOf(1 + Math.floorMod(tradeId * 7919 + salt * 104729L, 5_000_000)).movePointLeft(6);
    }

    /** As the WebSocket examples print decimals: "400.23", "5.23512" (no trailing zeros). */
    static String plain(BigDecimal d) {
        String s = d.stripTrailingZeros().toPlainString();
        return s.equals("0.0") ? "0" : s;
    }

    /** A candle value as a JSON number with a fraction, as the example prints them: 0.32, 4.2, 12.3. */
    private static BigDecimal number(BigDecimal d) {
        BigDecimal stripped = d.stripTrailingZeros();
        return stripped.scale() < 1 ? stripped.setScale(1) : stripped;
    }

    /** As the REST examples print decimals: "6225.32000000" (eight places). */
    static String fixed(BigDecimal d) {
        return d.setScale(Math.max(DECIMALS, d.scale()), RoundingMode.UNNECESSARY).toPlainString();
    }

    private static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The value, {@code absent} when the parameter is missing, null when it is not an int. */
    private static Integer parseInt(String text, int absent) {
        if (text == null) {
            return absent;
        }
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The value, null when missing, {@link Long#MIN_VALUE} when it is not an integer. */
    private static Long parseLong(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return Long.MIN_VALUE;
        }
    }

    /** Epoch seconds of an ISO 8601 instant or of a number of seconds; null when it is neither. */
    private static Long epochSeconds(String text) {
        try {
            return new BigDecimal(text.trim()).longValue();
        } catch (NumberFormatException e) {
            try {
                return Instant.parse(text.trim()).getEpochSecond();
            } catch (DateTimeException notIso) {
                return null;
            }
        }
    }

    /** The documented lazy-fill token bucket: burst tokens, refilled at the rate, one per request. */
    private static final class TokenBucket {
        private double perSecond;
        private double burst;
        private double tokens;
        private long lastNanos;

        TokenBucket(double perSecond, int burst) {
            set(perSecond, burst);
        }

        synchronized void set(double perSecond, int burst) {
            this.perSecond = perSecond;
            this.burst = burst;
            this.tokens = burst;
            this.lastNanos = System.nanoTime();
        }

        synchronized boolean take() {
            if (perSecond <= 0) {
                return true;
            }
            long now = System.nanoTime();
            tokens = Math.min(burst, tokens + (now - lastNanos) / 1e9 * perSecond);
            lastNanos = now;
            if (tokens < 1) {
                return false;
            }
            tokens -= 1;
            return true;
        }
    }
}
