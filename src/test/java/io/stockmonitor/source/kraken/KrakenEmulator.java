package io.stockmonitor.source.kraken;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stockmonitor.source.testing.EmulatedTrade;
import io.stockmonitor.source.testing.ProviderEmulator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ScheduledFuture;
import org.eclipse.jetty.websocket.server.ServerWebSocketContainer;

/**
 * Kraken spot as its documentation shows it: WebSocket v2 at {@code /v2} (status on connect, {@code trade} and
 * {@code ticker} channels with acks and snapshots, heartbeats, application-level ping) and the public REST market data
 * under {@code /0/public/} ({@code Trades} with its {@code since}/{@code last} cursor, {@code OHLC},
 * {@code AssetPairs}, {@code Ticker}, {@code Time}, {@code SystemStatus}). Every field name, JSON type and envelope
 * follows Kraken's own examples (kept verbatim under {@code src/test/resources/io/stockmonitor/source/kraken/});
 * where the documentation says nothing, the choice made here is named in {@code docs/sources/kraken.md}.
 *
 * <p>Symbols: the market's symbol is the v2 spelling ({@code BTC/USD}); each pair also has Kraken's REST names — the
 * result key ({@code XXBTZUSD}), {@code altname} ({@code XBTUSD}) and {@code wsname}, which is the v1 spelling
 * ({@code XBT/USD}). REST {@code Trades}/{@code OHLC}/{@code Ticker} accept the key or the altname (any case);
 * {@code AssetPairs} also accepts the wsname and the v2 symbol, as its documented example ({@code BTC/USD,ETH/BTC})
 * does.
 *
 * <p>Trade ids are the {@link io.stockmonitor.source.testing.EmulatedMarket}'s: consecutive per pair, as the v2 trade
 * page says ("Trade identifier is a sequence number, unique per book"); REST rows carry the same id as their 7th
 * element. Prices and quantities are JSON numbers on the socket ("Prices and quantities are published as a number
 * type", full engine precision) and strings over REST.
 *
 * <p>Faults beyond the base's: {@link #rateLimitRest} (Kraken's own {@code EAPI:Rate limit exceeded}, or the
 * {@code EGeneral:Too many requests} clients observe, in an HTTP 200 body), {@link #restRateLimit} (a call counter with
 * decay), {@link #systemStatus} (maintenance and the other engine
 * states, pushed on the {@code status} channel), {@link #refuseSubscriptions}, {@link #closeAll} (a server-initiated
 * close frame) and {@link #tradeBatch} (several trades in one update, which the docs allow).
 */
public final class KrakenEmulator extends ProviderEmulator {
    /** The v2 socket path ({@code wss://ws.kraken.com/v2}). */
    public static final String WS_PATH = "/v2";
    /** "The snapshot reflects the most recent 50 trades." */
    public static final int SNAPSHOT_TRADES = 50;
    /** {@code count}: "Return specific number of trades, up to 1000" (default 1000). */
    public static final int MAX_TRADES_PER_CALL = 1000;
    /** OHLC: "Returns up to 720 of the most recent entries". */
    public static final int MAX_OHLC_ENTRIES = 720;
    /** "Heartbeat messages are sent approximately once every second in the absence of any other channel updates." */
    public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(1);
    public static final String RATE_LIMIT_ERROR = "EAPI:Rate limit exceeded";
    /** Not in Kraken's docs; what public clients record the public endpoints answering when throttled (HTTP 200). */
    public static final String TOO_MANY_REQUESTS_ERROR = "EGeneral:Too many requests";
    public static final String UNKNOWN_PAIR_ERROR = "EQuery:Unknown asset pair";
    public static final String INVALID_ARGUMENTS_ERROR = "EGeneral:Invalid arguments";
    /** The OHLC {@code interval} enum, in minutes. */
    public static final Set<Integer> OHLC_INTERVALS = Set.of(1, 5, 15, 30, 60, 240, 1440, 10080, 21600);
    /** The {@code status} channel's and SystemStatus' engine states. */
    public static final Set<String> SYSTEM_STATES = Set.of("online", "cancel_only", "maintenance", "post_only");

    /**
     * One pair's names.
     *
     * @param symbol  the WebSocket v2 spelling, also the emulated market's symbol ({@code BTC/USD})
     * @param key     the REST result key ({@code XXBTZUSD})
     * @param altname the REST alternate name ({@code XBTUSD})
     * @param wsname  AssetPairs' {@code wsname}, the v1 WebSocket spelling ({@code XBT/USD})
     * @param base    asset id of the base ({@code XXBT})
     * @param quote   asset id of the quote ({@code ZUSD})
     */
    public record Pair(String symbol, String key, String altname, String wsname, String base, String quote) {
        public Pair {
            Objects.requireNonNull(symbol);
            Objects.requireNonNull(key);
            Objects.requireNonNull(altname);
            Objects.requireNonNull(wsname);
            Objects.requireNonNull(base);
            Objects.requireNonNull(quote);
        }

        /** Names for a pair whose REST names are its v2 symbol without the slash ({@code SOL/USD}: {@code SOLUSD}). */
        public static Pair plain(String symbol) {
            int slash = symbol.indexOf('/');
            String joined = symbol.replace("/", "");
            return new Pair(symbol, joined, joined, symbol, slash < 0 ? symbol : symbol.substring(0, slash),
                    slash < 0 ? "" : symbol.substring(slash + 1));
        }
    }

    /** The two pairs of the AssetPairs example (BTC/USD is {@code XXBTZUSD}, ETH/BTC is {@code XETHXXBT}). */
    public static final Pair BTC_USD = new Pair("BTC/USD", "XXBTZUSD", "XBTUSD", "XBT/USD", "XXBT", "ZUSD");
    public static final Pair ETH_BTC = new Pair("ETH/BTC", "XETHXXBT", "ETHXBT", "ETH/XBT", "XETH", "XXBT");

    private static final JsonFactory JSON = new JsonFactory();
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final DateTimeFormatter RFC3339_MICROS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter RFC3339_SECONDS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter RFC1123_SHORT =
            DateTimeFormatter.ofPattern("EEE, dd MMM yy HH:mm:ss xx", Locale.ROOT).withZone(ZoneOffset.UTC);
    /** A {@code since} of at most this many digits is read as seconds (the docs show both forms). */
    private static final int SINCE_SECONDS_MAX_DIGITS = 10;
    private static final String PUBLIC = "/0/public/";

    // Emulator thread only.
    private final Map<String, Pair> pairs = new LinkedHashMap<>();
    private final Map<String, Stats> stats = new HashMap<>();
    private final Map<String, String> refusedSubscriptions = new HashMap<>();
    private final SplittableRandom connectionIds;
    private String system = "online";
    private Duration heartbeatInterval = DEFAULT_HEARTBEAT_INTERVAL;
    private ScheduledFuture<?> heartbeatTick;
    private int rateLimitedCallsLeft;
    private String rateLimitedError = RATE_LIMIT_ERROR;
    private int counterMax;
    private double counterDecayPerSecond;
    private String counterError = RATE_LIMIT_ERROR;
    private double counter;
    private long counterAtNanos;

    public KrakenEmulator(long seed) {
        super(seed);
        this.connectionIds = new SplittableRandom(seed ^ 0x6b72616b656eL);
    }

    // ------------------------------------------------------------------ pairs

    /** Adds a pair with Kraken's names; its first trade id is {@code firstId}. */
    public void addPair(Pair pair, String startPrice, String tickSize, long firstId) {
        call(() -> {
            if (pairs.containsKey(pair.symbol())) {
                throw new IllegalArgumentException("pair already emulated: " + pair.symbol());
            }
            market.add(pair.symbol(), startPrice, tickSize, firstId);
            pairs.put(pair.symbol(), pair);
            return null;
        });
    }

    /** A pair named {@link Pair#plain}: REST names are the v2 symbol without its slash. */
    @Override
    public void addSymbol(String symbol, String startPrice, String tickSize, long firstId) {
        addPair(Pair.plain(symbol), startPrice, tickSize, firstId);
    }

    /** BTC/USD ({@code XXBTZUSD}, tick 0.1, first id 61044952) and ETH/BTC ({@code XETHXXBT}, tick 0.00001). */
    public void addDocumentedPairs() {
        addPair(BTC_USD, "30243.4", "0.1", 61_044_952L);
        addPair(ETH_BTC, "0.06123", "0.00001", 41_557_503L);
    }

    /** The names of an emulated pair, by its v2 symbol. */
    public Pair pair(String symbol) {
        return call(() -> {
            Pair p = pairs.get(symbol);
            if (p == null) {
                throw new IllegalArgumentException("not an emulated pair: " + symbol);
            }
            return p;
        });
    }

    // ------------------------------------------------------------------ Kraken-specific controls and faults

    /** How long a subscribed socket may stay quiet before it gets a heartbeat (Kraken: about a second). */
    public void heartbeatInterval(Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("heartbeat interval must be positive: " + interval);
        }
        call(() -> {
            heartbeatInterval = interval;
            if (heartbeatTick != null) {
                heartbeatTick.cancel(false);
                heartbeatTick = null;
                ensureHeartbeats();
            }
            return null;
        });
    }

    /**
     * Sets the trading engine's state and pushes a {@code status} update to every open socket (the docs: a status is
     * sent "when the trading engine status changes"); new sockets are greeted with it, SystemStatus reports it. The
     * docs say no matching occurs outside {@code online}: stop trading too if the test needs that to hold.
     */
    public void systemStatus(String state) {
        if (!SYSTEM_STATES.contains(state)) {
            throw new IllegalArgumentException("not a documented engine state: " + state);
        }
        call(() -> {
            system = state;
            for (KrakenSocket s : krakenSockets()) {
                s.emit(statusMessage(s));
            }
            return null;
        });
    }

    /** The next {@code calls} public REST calls answer HTTP 200 with {@code {"error":["EAPI:Rate limit exceeded"]}}. */
    public void rateLimitRest(int calls) {
        rateLimitRest(calls, RATE_LIMIT_ERROR);
    }

    /** The next {@code calls} public REST calls answer HTTP 200 with {@code {"error":[error]}}. */
    public void rateLimitRest(int calls, String error) {
        call(() -> {
            rateLimitedCallsLeft = calls;
            rateLimitedError = error;
            return null;
        });
    }

    /**
     * Enforces a REST call counter as Kraken documents it for its API: each public call adds 1, the counter decays
     * by {@code decayPerSecond}, and a call that would take it above {@code maxCounter} answers
     * {@code EAPI:Rate limit exceeded} (and does not count). {@code maxCounter <= 0} turns the limit off (the default).
     */
    public void restRateLimit(int maxCounter, double decayPerSecond) {
        restRateLimit(maxCounter, decayPerSecond, RATE_LIMIT_ERROR);
    }

    /** As {@link #restRateLimit(int, double)}, answering {@code error} (e.g. {@link #TOO_MANY_REQUESTS_ERROR}). */
    public void restRateLimit(int maxCounter, double decayPerSecond, String error) {
        call(() -> {
            counterError = error;
            counterMax = maxCounter;
            counterDecayPerSecond = decayPerSecond;
            counter = 0;
            counterAtNanos = System.nanoTime();
            return null;
        });
    }

    /** Subscribing {@code symbol} (a known pair) is refused with {@code error}; null lifts the refusal. */
    public void refuseSubscriptions(String symbol, String error) {
        call(() -> error == null ? refusedSubscriptions.remove(symbol) : refusedSubscriptions.put(symbol, error));
    }

    /** Closes every socket with a close frame ({@code code}, {@code reason}): an exchange-initiated disconnect. */
    public void closeAll(int code, String reason) {
        call(() -> {
            for (KrakenSocket s : krakenSockets()) {
                s.session().close(code, reason, org.eclipse.jetty.websocket.api.Callback.NOOP);
            }
            return null;
        });
    }

    /**
     * Sends {@code frame} as it is on every open socket (silence applies): a malformed or forged frame, to test a
     * client's defences. Nothing Kraken documents.
     */
    public void sendRaw(String frame) {
        call(() -> {
            for (KrakenSocket s : krakenSockets()) {
                s.emit(frame);
            }
            return null;
        });
    }

    /**
     * Makes {@code n} trades of the symbol and sends them as one {@code update} ("Multiple trades may be batched in a
     * single message"). Silence applies; the per-trade socket faults (skip, duplicate) do not.
     */
    public List<EmulatedTrade> tradeBatch(String symbol, int n) {
        return call(() -> {
            List<EmulatedTrade> made = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                made.add(market.next(symbol));
            }
            String msg = tradeMessage("update", made);
            for (KrakenSocket s : krakenSockets()) {
                if (s.trades.contains(symbol)) {
                    s.emit(msg);
                }
            }
            return made;
        });
    }

    /** The REST {@code since}/{@code last} value of a trade: its time in nanoseconds (microsecond precision here). */
    public static long sinceOf(EmulatedTrade t) {
        Instant i = t.time().truncatedTo(ChronoUnit.MICROS);
        return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000_000L), i.getNano());
    }

    // ------------------------------------------------------------------ WebSocket v2

    @Override
    protected void configure(ServerWebSocketContainer container) {
        // Kraken documents no idle limit for v2; Jetty's own 30 s default must not stand in for one.
        container.setIdleTimeout(Duration.ofMinutes(10));
        container.addMapping(WS_PATH, (request, response, callback) ->
                admit(request, response, callback) ? new KrakenSocket(this) : null);
    }

    @Override
    protected void stream(EmulatedTrade trade, boolean duplicate) {
        String update = null;
        String ticker = null;
        for (KrakenSocket s : krakenSockets()) {
            if (s.trades.contains(trade.symbol())) {
                if (update == null) {
                    update = tradeMessage("update", List.of(trade));
                }
                s.emit(update);
            }
            if (!duplicate && s.tickers.contains(trade.symbol())) {
                if (ticker == null) {
                    ticker = tickerMessage("update", trade.symbol());
                }
                s.emit(ticker);
            }
        }
    }

    private List<KrakenSocket> krakenSockets() {
        List<KrakenSocket> list = new ArrayList<>();
        sockets().forEach(s -> list.add((KrakenSocket) s));
        return list;
    }

    private void greet(KrakenSocket socket) {
        socket.connectionId = Long.toUnsignedString(connectionIds.nextLong() | Long.MIN_VALUE);
        socket.emit(statusMessage(socket));
        ensureHeartbeats();
    }

    private void ensureHeartbeats() {
        if (heartbeatTick == null) {
            Duration period = heartbeatInterval.dividedBy(4);
            heartbeatTick = schedule(this::heartbeats, period.isZero() ? Duration.ofMillis(1) : period);
        }
    }

    /** "Heartbeats will be automatically generated on subscription to any channel", when nothing else was sent. */
    private void heartbeats() {
        long now = System.nanoTime();
        for (KrakenSocket s : krakenSockets()) {
            if (s.subscribed() && now - s.lastSentNanos >= heartbeatInterval.toNanos()) {
                s.emit("{\"channel\":\"heartbeat\"}");
            }
        }
        heartbeatTick = null;
        ensureHeartbeats();
    }

    private void request(KrakenSocket socket, String text) {
        String timeIn = now();
        JsonNode msg;
        try {
            msg = MAPPER.readTree(text);
        } catch (IOException e) {
            msg = null;
        }
        if (msg == null || !msg.isObject()) {
            socket.emit(failure("error", null, "Malformed request", null, timeIn));
            return;
        }
        String method = msg.path("method").asText("");
        JsonNode reqId = msg.get("req_id");
        switch (method) {
            case "ping" -> socket.emit(json(g -> {
                g.writeStartObject();
                g.writeStringField("method", "pong");
                writeReqId(g, reqId);
                g.writeStringField("time_in", timeIn);
                g.writeStringField("time_out", now());
                g.writeEndObject();
            }));
            case "subscribe" -> subscription(socket, msg, reqId, timeIn, true);
            case "unsubscribe" -> subscription(socket, msg, reqId, timeIn, false);
            default -> socket.emit(failure(method.isEmpty() ? "error" : method, null, "Method not supported", reqId,
                    timeIn));
        }
    }

    private void subscription(KrakenSocket socket, JsonNode msg, JsonNode reqId, String timeIn, boolean subscribe) {
        String method = subscribe ? "subscribe" : "unsubscribe";
        JsonNode params = msg.path("params");
        String channel = params.path("channel").asText("");
        if (channel.equals("heartbeat")) {
            // The reconnection guide subscribes it; the heartbeat page says there is no such subscription. Acked here,
            // and it turns heartbeats on for a socket that has nothing else.
            socket.heartbeat = subscribe;
            socket.emit(ack(method, channel, null, null, reqId, timeIn));
            return;
        }
        if (!channel.equals("trade") && !channel.equals("ticker")) {
            socket.emit(failure(method, null, "Channel not supported: " + channel, reqId, timeIn));
            return;
        }
        JsonNode symbols = params.path("symbol");
        if (!symbols.isArray() || symbols.isEmpty()) {
            socket.emit(failure(method, null, "Missing symbol", reqId, timeIn));
            return;
        }
        // Documented defaults: trade "Default: false", ticker "Default: true".
        boolean snapshot = params.path("snapshot").asBoolean(channel.equals("ticker"));
        Set<String> subscribed = channel.equals("trade") ? socket.trades : socket.tickers;
        // "There is an acknowledgement response for each symbol in the subscription list."
        for (JsonNode node : symbols) {
            String symbol = node.asText();
            String refusal = !pairs.containsKey(symbol) ? "Currency pair not supported " + symbol
                    : subscribe ? refusedSubscriptions.get(symbol) : null;
            if (refusal != null) {
                socket.emit(failure(method, symbol, refusal, reqId, timeIn));
                continue;
            }
            if (subscribe) {
                subscribed.add(symbol);
            } else {
                subscribed.remove(symbol);
            }
            socket.emit(ack(method, channel, symbol, subscribe ? snapshot : null, reqId, timeIn));
            if (subscribe && snapshot) {
                if (channel.equals("trade")) {
                    List<EmulatedTrade> all = market.tradesView(symbol);
                    socket.emit(tradeMessage("snapshot",
                            all.subList(Math.max(0, all.size() - SNAPSHOT_TRADES), all.size())));
                } else {
                    socket.emit(tickerMessage("snapshot", symbol));
                }
            }
        }
    }

    /** The documented ack: {@code method}, {@code result} (channel, snapshot, symbol), success, times, req_id. */
    private static String ack(String method, String channel, String symbol, Boolean snapshot, JsonNode reqId,
                              String timeIn) {
        return json(g -> {
            g.writeStartObject();
            g.writeStringField("method", method);
            g.writeObjectFieldStart("result");
            g.writeStringField("channel", channel);
            if (snapshot != null) {
                g.writeBooleanField("snapshot", snapshot);
            }
            if (symbol != null) {
                g.writeStringField("symbol", symbol);
            }
            g.writeEndObject();
            g.writeBooleanField("success", true);
            g.writeStringField("time_in", timeIn);
            g.writeStringField("time_out", now());
            writeReqId(g, reqId);
            g.writeEndObject();
        });
    }

    private String statusMessage(KrakenSocket socket) {
        return json(g -> {
            g.writeStartObject();
            g.writeStringField("channel", "status");
            g.writeArrayFieldStart("data");
            g.writeStartObject();
            g.writeStringField("api_version", "v2");
            g.writeFieldName("connection_id");
            g.writeNumber(socket.connectionId);
            g.writeStringField("system", system);
            g.writeStringField("version", "2.0.0");
            g.writeEndObject();
            g.writeEndArray();
            g.writeStringField("type", "update");
            g.writeEndObject();
        });
    }

    private static String failure(String method, String symbol, String error, JsonNode reqId, String timeIn) {
        return json(g -> {
            g.writeStartObject();
            g.writeStringField("error", error);
            g.writeStringField("method", method);
            g.writeBooleanField("success", false);
            if (symbol != null) {
                g.writeStringField("symbol", symbol);
            }
            g.writeStringField("time_in", timeIn);
            g.writeStringField("time_out", now());
            writeReqId(g, reqId);
            g.writeEndObject();
        });
    }

    private static void writeReqId(JsonGenerator g, JsonNode reqId) throws IOException {
        if (reqId == null || reqId.isNull()) {
            return;
        }
        g.writeFieldName("req_id");
        if (reqId.isIntegralNumber()) {
            g.writeNumber(reqId.bigIntegerValue());
        } else {
            g.writeString(reqId.asText());
        }
    }

    private String tradeMessage(String type, List<EmulatedTrade> trades) {
        return json(g -> {
            g.writeStartObject();
            g.writeStringField("channel", "trade");
            g.writeStringField("type", type);
            g.writeArrayFieldStart("data");
            for (EmulatedTrade t : trades) {
                g.writeStartObject();
                g.writeStringField("symbol", t.symbol());
                g.writeStringField("side", t.takerSide());
                g.writeFieldName("price");
                g.writeNumber(wsNumber(t.price()));
                g.writeFieldName("qty");
                g.writeNumber(wsNumber(t.size()));
                g.writeStringField("ord_type", ordType(t));
                g.writeNumberField("trade_id", t.id());
                g.writeStringField("timestamp", rfc3339(t.time()));
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    private String tickerMessage(String type, String symbol) {
        Stats st = stats(symbol);
        List<EmulatedTrade> all = market.tradesView(symbol);
        EmulatedTrade lastTrade = all.isEmpty() ? null : all.get(all.size() - 1);
        BigDecimal last = market.last(symbol);
        int scale = market.tickSize(symbol).scale();
        BigDecimal open = st.open == null ? last : st.open;
        BigDecimal change = last.subtract(open);
        BigDecimal changePct = open.signum() == 0 ? BigDecimal.ZERO
                : change.multiply(BigDecimal.valueOf(100)).divide(open, 2, RoundingMode.HALF_EVEN);
        BigDecimal topQty = lastTrade == null ? BigDecimal.ONE : lastTrade.size();
        return json(g -> {
            g.writeStartObject();
            g.writeStringField("channel", "ticker");
            g.writeStringField("type", type);
            g.writeArrayFieldStart("data");
            g.writeStartObject();
            g.writeStringField("symbol", symbol);
            writeWsNumber(g, "bid", market.bid(symbol));
            writeWsNumber(g, "bid_qty", topQty);
            writeWsNumber(g, "ask", market.ask(symbol));
            writeWsNumber(g, "ask_qty", topQty);
            writeWsNumber(g, "last", last);
            writeWsNumber(g, "volume", st.volume);
            writeWsNumber(g, "vwap", st.vwap(scale, last));
            writeWsNumber(g, "low", st.low == null ? last : st.low);
            writeWsNumber(g, "high", st.high == null ? last : st.high);
            writeWsNumber(g, "change", change);
            writeWsNumber(g, "change_pct", changePct);
            g.writeStringField("timestamp", rfc3339(lastTrade == null ? Instant.now() : lastTrade.time()));
            g.writeEndObject();
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    private static void writeWsNumber(JsonGenerator g, String field, BigDecimal value) throws IOException {
        g.writeFieldName(field);
        g.writeNumber(wsNumber(value));
    }

    /** v2 numbers: exact decimals, always with a fraction ({@code 40.0}, as in the documented update). */
    static String wsNumber(BigDecimal v) {
        String s = v.stripTrailingZeros().toPlainString();
        return s.indexOf('.') < 0 ? s + ".0" : s;
    }

    /** The taker's order type; the emulated market has none, so it is derived from the id (about a third market). */
    static String ordType(EmulatedTrade t) {
        return Math.floorMod(t.id(), 3) == 0 ? "market" : "limit";
    }

    private static String rfc3339(Instant t) {
        return RFC3339_MICROS.format(t.truncatedTo(ChronoUnit.MICROS));
    }

    private static String now() {
        return rfc3339(Instant.now());
    }

    // ------------------------------------------------------------------ REST

    @Override
    protected RestResponse rest(RestRequest r) {
        if (!"GET".equals(r.method()) || !r.path().startsWith(PUBLIC)) {
            return null;
        }
        String endpoint = r.path().substring(PUBLIC.length());
        if (rateLimitedCallsLeft > 0) {
            rateLimitedCallsLeft--;
            return error(rateLimitedError);
        }
        if (overCounter()) {
            return error(counterError);
        }
        return switch (endpoint) {
            case "Trades" -> trades(r);
            case "OHLC" -> ohlc(r);
            case "AssetPairs" -> assetPairs(r);
            case "Ticker" -> ticker(r);
            case "Time" -> time();
            case "SystemStatus" -> systemStatus();
            default -> null;
        };
    }

    @Override
    protected String restFailureBody(int status) {
        String error = status == 429 ? RATE_LIMIT_ERROR : status >= 500 ? "EService:Unavailable"
                : "EGeneral:Internal error";
        return "{\"error\":[\"" + error + "\"]}";
    }

    private boolean overCounter() {
        if (counterMax <= 0) {
            return false;
        }
        long now = System.nanoTime();
        counter = Math.max(0, counter - counterDecayPerSecond * (now - counterAtNanos) / 1e9);
        counterAtNanos = now;
        if (counter + 1 > counterMax) {
            return true;
        }
        counter += 1;
        return false;
    }

    /** "HTTP status codes are generally not used by our API ... errors ... are denoted in the error field". */
    private static RestResponse error(String error) {
        return RestResponse.json("{\"error\":[\"" + error + "\"]}");
    }

    private static RestResponse ok(Body result) {
        return RestResponse.json(json(g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("error");
            g.writeEndArray();
            g.writeObjectFieldStart("result");
            result.write(g);
            g.writeEndObject();
            g.writeEndObject();
        }));
    }

    /** Trades, OHLC and Ticker: the result key or the altname, in any case (the support pages use {@code xbtusd}). */
    private Pair restPair(String name) {
        for (Pair p : pairs.values()) {
            if (p.key().equalsIgnoreCase(name) || p.altname().equalsIgnoreCase(name)) {
                return p;
            }
        }
        return null;
    }

    /** AssetPairs: also the wsname and the v2 symbol (its documented {@code pair} example is BTC/USD,ETH/BTC). */
    private Pair anyPair(String name) {
        Pair p = restPair(name);
        if (p != null) {
            return p;
        }
        for (Pair q : pairs.values()) {
            if (q.wsname().equalsIgnoreCase(name) || q.symbol().equalsIgnoreCase(name)) {
                return q;
            }
        }
        return null;
    }

    /** {@code GET /0/public/Trades?pair&since&count}: rows oldest first; {@code last} is the newest row's ns time. */
    private RestResponse trades(RestRequest r) {
        String name = r.param("pair");
        if (name == null || name.isEmpty()) {
            return error(INVALID_ARGUMENTS_ERROR);
        }
        Pair pair = restPair(name);
        if (pair == null) {
            return error(UNKNOWN_PAIR_ERROR);
        }
        Long count = longParam(r, "count", MAX_TRADES_PER_CALL);
        Long since = since(r.param("since"));
        if (count == null || count < 1 || count > MAX_TRADES_PER_CALL || since == null) {
            return error(INVALID_ARGUMENTS_ERROR);
        }
        List<EmulatedTrade> all = market.tradesView(pair.symbol());
        int from;
        int to;
        if (since < 0) {
            to = all.size();
            from = (int) Math.max(0, to - count);
        } else {
            from = firstAfter(all, since);
            to = (int) Math.min(all.size(), from + count);
        }
        int priceScale = restPriceScale(pair.symbol());
        String last = to > from ? Long.toString(sinceOf(all.get(to - 1))) : Long.toString(Math.max(0, since));
        List<EmulatedTrade> rows = all.subList(from, to);
        return ok(g -> {
            g.writeArrayFieldStart(pair.key());
            for (EmulatedTrade t : rows) {
                g.writeStartArray();
                g.writeString(t.price().setScale(priceScale, RoundingMode.HALF_EVEN).toPlainString());
                g.writeString(t.size().setScale(8, RoundingMode.HALF_EVEN).toPlainString());
                g.writeNumber(restTime(t.time()));
                g.writeString(t.buyerMaker() ? "s" : "b");
                g.writeString(ordType(t).equals("market") ? "m" : "l");
                g.writeString("");
                g.writeNumber(t.id());
                g.writeEndArray();
            }
            g.writeEndArray();
            g.writeStringField("last", last);
        });
    }

    /** -1 when absent; null when malformed; nanoseconds otherwise (a value of up to 10 digits is seconds). */
    private static Long since(String value) {
        if (value == null || value.isEmpty()) {
            return -1L;
        }
        try {
            long v = Long.parseLong(value);
            if (v < 0) {
                return null;
            }
            return value.length() <= SINCE_SECONDS_MAX_DIGITS ? Math.multiplyExact(v, 1_000_000_000L) : v;
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }

    private static Long longParam(RestRequest r, String name, long absent) {
        String v = r.param(name);
        if (v == null || v.isEmpty()) {
            return absent;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Index of the first trade whose time (ns) is after {@code sinceNanos}; times never decrease within a symbol. */
    private static int firstAfter(List<EmulatedTrade> all, long sinceNanos) {
        int lo = 0;
        int hi = all.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sinceOf(all.get(mid)) > sinceNanos) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /** REST row time: seconds with the fraction, a JSON number ({@code 1688669597.8277369} in the example). */
    private static String restTime(Instant t) {
        Instant i = t.truncatedTo(ChronoUnit.MICROS);
        String s = BigDecimal.valueOf(i.getEpochSecond()).add(BigDecimal.valueOf(i.getNano() / 1000, 6))
                .stripTrailingZeros().toPlainString();
        return s.indexOf('.') < 0 ? s + ".0" : s;
    }

    /** Trades and Ticker show prices with 5 decimals for XBT/USD (tick 0.1): at least 5, more if the tick needs it. */
    private int restPriceScale(String symbol) {
        return Math.max(5, market.tickSize(symbol).scale());
    }

    /** {@code GET /0/public/OHLC?pair&interval&since}. */
    private RestResponse ohlc(RestRequest r) {
        String name = r.param("pair");
        if (name == null || name.isEmpty()) {
            return error(INVALID_ARGUMENTS_ERROR);
        }
        Pair pair = restPair(name);
        if (pair == null) {
            return error(UNKNOWN_PAIR_ERROR);
        }
        Long interval = longParam(r, "interval", 1);
        Long since = longParam(r, "since", Long.MIN_VALUE);
        if (interval == null || !OHLC_INTERVALS.contains(interval.intValue()) || since == null) {
            return error(INVALID_ARGUMENTS_ERROR);
        }
        long step = interval * 60;
        String symbol = pair.symbol();
        int scale = market.tickSize(symbol).scale();
        List<Candle> candles = new ArrayList<>();
        for (EmulatedTrade t : market.tradesView(symbol)) {
            long bucket = Math.floorDiv(t.time().getEpochSecond(), step) * step;
            Candle c = candles.isEmpty() ? null : candles.get(candles.size() - 1);
            if (c == null || c.time != bucket) {
                c = new Candle(bucket, t.price());
                candles.add(c);
            }
            c.add(t);
        }
        long current = Math.floorDiv(Instant.now().getEpochSecond(), step) * step;
        if (candles.isEmpty() || candles.get(candles.size() - 1).time < current) {
            candles.add(new Candle(current, market.last(symbol)));
        }
        List<Candle> recent = candles.subList(Math.max(0, candles.size() - MAX_OHLC_ENTRIES), candles.size());
        long last = recent.size() >= 2 ? recent.get(recent.size() - 2).time : recent.get(0).time - step;
        return ok(g -> {
            g.writeArrayFieldStart(pair.key());
            for (int i = 0; i < recent.size(); i++) {
                Candle c = recent.get(i);
                // "The last entry ... is for the current, not-yet-committed timeframe, and will always be present,
                // regardless of the value of since."
                if (c.time <= since && i < recent.size() - 1) {
                    continue;
                }
                g.writeStartArray();
                g.writeNumber(c.time);
                g.writeString(c.open.setScale(scale, RoundingMode.HALF_EVEN).toPlainString());
                g.writeString(c.high.setScale(scale, RoundingMode.HALF_EVEN).toPlainString());
                g.writeString(c.low.setScale(scale, RoundingMode.HALF_EVEN).toPlainString());
                g.writeString(c.close.setScale(scale, RoundingMode.HALF_EVEN).toPlainString());
                g.writeString(c.vwap(scale).toPlainString());
                g.writeString(c.volume.setScale(8, RoundingMode.HALF_EVEN).toPlainString());
                g.writeNumber(c.count);
                g.writeEndArray();
            }
            g.writeEndArray();
            g.writeNumberField("last", last);
        });
    }

    /** {@code GET /0/public/AssetPairs?pair&info}: the documented fields, in the documented order. */
    private RestResponse assetPairs(RestRequest r) {
        String info = r.param("info");
        if (info != null && !Set.of("info", "leverage", "fees", "margin").contains(info)) {
            return error(INVALID_ARGUMENTS_ERROR);
        }
        List<Pair> selected = selectPairs(r.param("pair"), true);
        if (selected == null) {
            return error(UNKNOWN_PAIR_ERROR);
        }
        return ok(g -> {
            for (Pair p : selected) {
                BigDecimal tick = market.tickSize(p.symbol());
                g.writeObjectFieldStart(p.key());
                g.writeStringField("altname", p.altname());
                g.writeStringField("wsname", p.wsname());
                g.writeStringField("aclass_base", "currency");
                g.writeStringField("base", p.base());
                g.writeStringField("aclass_quote", "currency");
                g.writeStringField("quote", p.quote());
                g.writeStringField("lot", "unit");
                g.writeNumberField("cost_decimals", Math.max(5, tick.scale() + 1));
                g.writeNumberField("pair_decimals", tick.scale());
                g.writeNumberField("lot_decimals", 8);
                g.writeNumberField("lot_multiplier", 1);
                writeInts(g, "leverage_buy", 2, 3, 4, 5);
                writeInts(g, "leverage_sell", 2, 3, 4, 5);
                writeFees(g, "fees", new String[] {"0.26", "0.24", "0.22", "0.2", "0.18", "0.16", "0.14", "0.12",
                    "0.1"});
                writeFees(g, "fees_maker", new String[] {"0.16", "0.14", "0.12", "0.1", "0.08", "0.06", "0.04",
                    "0.02", "0"});
                g.writeStringField("fee_volume_currency", "ZUSD");
                g.writeNumberField("margin_call", 80);
                g.writeNumberField("margin_stop", 40);
                g.writeStringField("ordermin", "0.0001");
                g.writeStringField("costmin", "0.5");
                g.writeStringField("tick_size", tick.toPlainString());
                g.writeStringField("status", "online");
                g.writeNumberField("long_position_limit", 250);
                g.writeNumberField("short_position_limit", 200);
                g.writeEndObject();
            }
        });
    }

    private static void writeInts(JsonGenerator g, String field, int... values) throws IOException {
        g.writeArrayFieldStart(field);
        for (int v : values) {
            g.writeNumber(v);
        }
        g.writeEndArray();
    }

    /** The documented fee schedule: {@code [<volume>, <percent fee>]} tuples, written as the example writes them. */
    private static void writeFees(JsonGenerator g, String field, String[] percents) throws IOException {
        long[] volumes = {0, 50_000, 100_000, 250_000, 500_000, 1_000_000, 2_500_000, 5_000_000, 10_000_000};
        g.writeArrayFieldStart(field);
        for (int i = 0; i < volumes.length; i++) {
            g.writeStartArray();
            g.writeNumber(volumes[i]);
            g.writeNumber(percents[i]);
            g.writeEndArray();
        }
        g.writeEndArray();
    }

    /** All pairs for an absent or empty list; null when a name is unknown. */
    private List<Pair> selectPairs(String list, boolean anyName) {
        if (list == null || list.isEmpty()) {
            return List.copyOf(pairs.values());
        }
        List<Pair> selected = new ArrayList<>();
        for (String name : list.split(",")) {
            Pair p = anyName ? anyPair(name.trim()) : restPair(name.trim());
            if (p == null) {
                return null;
            }
            if (!selected.contains(p)) {
                selected.add(p);
            }
        }
        return selected;
    }

    /** {@code GET /0/public/Ticker?pair}: "Today's prices start at midnight UTC"; no pair means every pair. */
    private RestResponse ticker(RestRequest r) {
        List<Pair> selected = selectPairs(r.param("pair"), false);
        if (selected == null) {
            return error(UNKNOWN_PAIR_ERROR);
        }
        return ok(g -> {
            for (Pair p : selected) {
                String symbol = p.symbol();
                Stats st = stats(symbol);
                int scale = restPriceScale(symbol);
                BigDecimal last = market.last(symbol);
                List<EmulatedTrade> all = market.tradesView(symbol);
                BigDecimal lastQty = all.isEmpty() ? BigDecimal.ZERO : all.get(all.size() - 1).size();
                g.writeObjectFieldStart(p.key());
                writeStrings(g, "a", price(market.ask(symbol), scale), "1", "1.000");
                writeStrings(g, "b", price(market.bid(symbol), scale), "1", "1.000");
                writeStrings(g, "c", price(last, scale), qty(lastQty));
                writeStrings(g, "v", qty(st.dayVolume), qty(st.volume));
                writeStrings(g, "p", st.dayVwap(scale, last).toPlainString(), st.vwap(scale, last).toPlainString());
                g.writeArrayFieldStart("t");
                g.writeNumber(st.dayCount);
                g.writeNumber(st.count);
                g.writeEndArray();
                writeStrings(g, "l", price(st.dayLow == null ? last : st.dayLow, scale),
                        price(st.low == null ? last : st.low, scale));
                writeStrings(g, "h", price(st.dayHigh == null ? last : st.dayHigh, scale),
                        price(st.high == null ? last : st.high, scale));
                g.writeStringField("o", price(st.dayOpen == null ? last : st.dayOpen, scale));
                g.writeEndObject();
            }
        });
    }

    private static String price(BigDecimal v, int scale) {
        return v.setScale(scale, RoundingMode.HALF_EVEN).toPlainString();
    }

    private static String qty(BigDecimal v) {
        return v.setScale(8, RoundingMode.HALF_EVEN).toPlainString();
    }

    private static void writeStrings(JsonGenerator g, String field, String... values) throws IOException {
        g.writeArrayFieldStart(field);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    private static RestResponse time() {
        Instant now = Instant.now();
        return ok(g -> {
            g.writeNumberField("unixtime", now.getEpochSecond());
            g.writeStringField("rfc1123", RFC1123_SHORT.format(now));
        });
    }

    private RestResponse systemStatus() {
        String state = system;
        return ok(g -> {
            g.writeStringField("status", state);
            g.writeStringField("timestamp", RFC3339_SECONDS.format(Instant.now()));
        });
    }

    // ------------------------------------------------------------------ statistics

    /** The symbol's running statistics, folded up to its newest trade ("24 hours" is the emulator's lifetime). */
    private Stats stats(String symbol) {
        Stats st = stats.computeIfAbsent(symbol, s -> new Stats());
        List<EmulatedTrade> all = market.tradesView(symbol);
        for (; st.folded < all.size(); st.folded++) {
            st.add(all.get(st.folded));
        }
        return st;
    }

    private static final class Stats {
        int folded;
        int count;
        BigDecimal volume = BigDecimal.ZERO;
        BigDecimal notional = BigDecimal.ZERO;
        BigDecimal open;
        BigDecimal low;
        BigDecimal high;
        LocalDate day;
        int dayCount;
        BigDecimal dayVolume = BigDecimal.ZERO;
        BigDecimal dayNotional = BigDecimal.ZERO;
        BigDecimal dayOpen;
        BigDecimal dayLow;
        BigDecimal dayHigh;

        void add(EmulatedTrade t) {
            BigDecimal p = t.price();
            count++;
            volume = volume.add(t.size());
            notional = notional.add(p.multiply(t.size()));
            open = open == null ? p : open;
            low = low == null || p.compareTo(low) < 0 ? p : low;
            high = high == null || p.compareTo(high) > 0 ? p : high;
            LocalDate d = LocalDate.ofInstant(t.time(), ZoneOffset.UTC);
            if (!d.equals(day)) {
                day = d;
                dayCount = 0;
                dayVolume = BigDecimal.ZERO;
                dayNotional = BigDecimal.ZERO;
                dayOpen = null;
                dayLow = null;
                dayHigh = null;
            }
            dayCount++;
            dayVolume = dayVolume.add(t.size());
            dayNotional = dayNotional.add(p.multiply(t.size()));
            dayOpen = dayOpen == null ? p : dayOpen;
            dayLow = dayLow == null || p.compareTo(dayLow) < 0 ? p : dayLow;
            dayHigh = dayHigh == null || p.compareTo(dayHigh) > 0 ? p : dayHigh;
        }

        BigDecimal vwap(int scale, BigDecimal fallback) {
            return volume.signum() == 0 ? fallback.setScale(scale, RoundingMode.HALF_EVEN)
                    : notional.divide(volume, scale, RoundingMode.HALF_EVEN);
        }

        BigDecimal dayVwap(int scale, BigDecimal fallback) {
            return dayVolume.signum() == 0 ? fallback.setScale(scale, RoundingMode.HALF_EVEN)
                    : dayNotional.divide(dayVolume, scale, RoundingMode.HALF_EVEN);
        }
    }

    /** One OHLC entry. */
    private static final class Candle {
        final long time;
        BigDecimal open;
        BigDecimal high;
        BigDecimal low;
        BigDecimal close;
        BigDecimal volume = BigDecimal.ZERO;
        BigDecimal notional = BigDecimal.ZERO;
        int count;

        /** A candle opened at {@code price}; without trades it stays flat there. */
        Candle(long time, BigDecimal price) {
            this.time = time;
            this.open = price;
            this.high = price;
            this.low = price;
            this.close = price;
        }

        void add(EmulatedTrade t) {
            BigDecimal p = t.price();
            if (count == 0) {
                open = p;
                high = p;
                low = p;
            }
            high = p.compareTo(high) > 0 ? p : high;
            low = p.compareTo(low) < 0 ? p : low;
            close = p;
            volume = volume.add(t.size());
            notional = notional.add(p.multiply(t.size()));
            count++;
        }

        BigDecimal vwap(int scale) {
            return volume.signum() == 0 ? close.setScale(scale, RoundingMode.HALF_EVEN)
                    : notional.divide(volume, scale, RoundingMode.HALF_EVEN);
        }
    }

    // ------------------------------------------------------------------ JSON

    @FunctionalInterface
    private interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private static String json(Body body) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(w)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    /** One v2 client socket: its subscriptions and when it was last sent anything. Public: Jetty requires it. */
    public static final class KrakenSocket extends EmulatedSocket {
        private final KrakenEmulator kraken;
        private final Set<String> trades = new LinkedHashSet<>();
        private final Set<String> tickers = new LinkedHashSet<>();
        private boolean heartbeat;
        private long lastSentNanos = System.nanoTime();
        private String connectionId = "0";

        KrakenSocket(KrakenEmulator kraken) {
            super(kraken);
            this.kraken = kraken;
        }

        @Override
        protected void onOpen() {
            kraken.greet(this);
        }

        @Override
        protected void onRequest(String text) {
            kraken.request(this, text);
        }

        private void emit(String text) {
            lastSentNanos = System.nanoTime();
            send(text);
        }

        private boolean subscribed() {
            return heartbeat || !trades.isEmpty() || !tickers.isEmpty();
        }
    }
}
