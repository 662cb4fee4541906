package io.stockmonitor.source.coinbase;

import io.stockmonitor.source.TradeValues;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stockmonitor.feed.FeedEvent;
import io.stockmonitor.feed.FeedLink;
import io.stockmonitor.feed.FeedSession;
import io.stockmonitor.feed.PeerText;
import io.stockmonitor.feed.SocketRequest;
import io.stockmonitor.feed.SymbolTable;
import io.stockmonitor.market.BarInterval;
import io.stockmonitor.market.HistoryBars;
import io.stockmonitor.source.RestGate;
import io.stockmonitor.source.SourceSettings;
import io.stockmonitor.source.TradeSequencer;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Coinbase Exchange as a {@link FeedSession} (docs/sources/coinbase.md): one socket carrying the {@code matches},
 * {@code ticker} and {@code heartbeat} channels of every product, subscribed with one message sent as soon as the
 * socket opens (Coinbase closes a socket that has not subscribed within 5 s). The {@code subscriptions} reply ends
 * the handshake; a product it leaves out is refused and reported, never asked for again in a loop.
 *
 * <p>Trades: {@code trade_id} per product goes through a {@link TradeSequencer} (contiguous ids, duplicates dropped,
 * gaps refilled over REST in id order). {@code sequence} is not used: on these channels it jumps. After every
 * (re)subscribe the product's first message, {@code last_match}, anchors it: the same id as the last applied one
 * means nothing was missed, the next id is applied, a larger one opens a gap that is refilled, so a drop, a stall or
 * a close by the server needs no REST call unless trades were really missed. A heartbeat (every second per product)
 * is a sign of life: a product without one for the silence limit, while other frames keep the socket alive, has the
 * socket replaced. When heartbeats name a trade id above the last applied one twice running (the docs do not order
 * heartbeats against matches), the trades between are fetched: nothing later on the socket would reveal a dropped
 * last trade. A heartbeat's id 0 means unknown (Coinbase sent only zeros in 2019-2020).
 *
 * <p>Quotes and 24 h statistics come with every ticker; the statistics also from REST when a product is added and
 * every {@link #DAY_STATS_EVERY_MS}; the product list (with readable names) and one-minute candles from REST. All
 * REST calls share one {@link RestGate} at {@link #REST_PER_SECOND} a second.
 */
final class CoinbaseSession implements FeedSession {
    /** Client messages a second on the socket: Coinbase allows 100 (and 8 "requests", unclear of what): we send few. */
    static final int REQUESTS_PER_SECOND = 4;
    /** REST calls a second: issue #9's budget, under the documented 10 (bursts of 15). */
    static final int REST_PER_SECOND = 8;
    /** The channels every product is subscribed to. */
    static final List<String> CHANNELS = List.of("matches", "ticker", "heartbeat");
    /** The record's epoch of Coinbase trades. */
    static final String EPOCH = "coinbase";
    /** REST day statistics are re-read this often (tickers bring them with every trade in between). */
    static final long DAY_STATS_EVERY_MS = 300_000;
    /** The product list is asked again this long after a failure (until it has been read once). */
    static final long PRODUCTS_RETRY_MS = 60_000;
    /**
     * With no product subscribed no heartbeat comes, and there is nothing to miss: the silence limit is then only a
     * guard against a socket nobody reads.
     */
    static final long IDLE_SILENCE_LIMIT_MS = 3_600_000;
    /** A refused product that was being watched is dropped once its last refill ends; checked this often. */
    static final long RETIRE_CHECK_MS = 250;
    /** A candle whose minute ended less than this long ago (by our clock) is treated as still open. */
    static final long CANDLE_CLOCK_MARGIN_MS = 2_000;
    private static final Logger LOG = LoggerFactory.getLogger(CoinbaseSession.class);

    private final FeedLink link;
    private final SourceSettings settings;
    private final ObjectMapper json = new ObjectMapper();
    private final SymbolTable table = new SymbolTable();
    private final CoinbaseFrameParser parser = new CoinbaseFrameParser(table);
    private final RestGate gate;
    private final CoinbaseRestClient rest;
    private final TradeSequencer sequencer;
    private volatile List<SymbolInfo> offered = List.of();

    // ---- feed-thread state ----
    private final Set<String> symbols = new LinkedHashSet<>();
    private final Map<String, Product> products = new HashMap<>();
    /** Refused products still finishing their last refill before they are dropped. */
    private final Set<String> retiring = new HashSet<>();
    private Set<String> known;
    private final Map<Integer, Socket> sockets = new HashMap<>();
    private final Set<String> toSubscribe = new LinkedHashSet<>();
    private final Set<String> toUnsubscribe = new LinkedHashSet<>();
    private boolean flushPosted;
    private boolean closed;
    private ScheduledFuture<?> dayStatsTask;
    private ScheduledFuture<?> productsTask;
    private ScheduledFuture<?> heartbeatWatch;

    /** What the socket has told about one product. */
    private static final class Product {
        /** The newest trade id the socket named (match, last_match, heartbeat): the top of a refill window. */
        long newestSeen = CoinbaseTradeHistory.UNKNOWN;
        /** A heartbeat named this id above the last applied one; a second heartbeat confirms it is missing. */
        long suspect = CoinbaseTradeHistory.UNKNOWN;
        /** The socket confirmed this product's heartbeat channel: from then on its heartbeats are watched. */
        boolean watched;
        /** When its last heartbeat came (or its watch began). */
        long heartbeatNanos;
    }

    /** A subscribe or unsubscribe sent on a socket, waiting for its {@code subscriptions} reply. */
    private record Request(boolean subscribe, List<String> productIds) {
    }

    /** One socket's subscription state. */
    private static final class Socket {
        final int id;
        /** Sent requests in order: Coinbase answers each with one {@code subscriptions} message. */
        final ArrayDeque<Request> requests = new ArrayDeque<>();
        /** Products subscribed on this socket whose {@code last_match} (or first heartbeat) has not come yet. */
        final Set<String> awaitingAnchor = new HashSet<>();
        /** Reasons of {@code error} messages naming a product of the request being answered. */
        final Map<String, String> refusals = new HashMap<>();
        /** Products this socket has asked for (and not unsubscribed since). */
        final Set<String> asked = new HashSet<>();
        boolean established;

        Socket(int id) {
            this.id = id;
        }
    }

    CoinbaseSession(FeedLink link, SourceSettings settings) {
        this.link = link;
        this.settings = settings;
        this.gate = new RestGate(link, "Coinbase", REST_PER_SECOND, settings.limits(), RestGate.Budget.NONE, Map.of());
        this.rest = new CoinbaseRestClient(settings, gate);
        CoinbaseTradeHistory history = new CoinbaseTradeHistory(link, settings, gate, this::newestSeen);
        this.sequencer = new TradeSequencer(link, EPOCH, history, settings.limits());
    }

    @Override
    public void start() {
        loadProducts();
        dayStatsTask = link.schedule(this::refreshDayStats, DAY_STATS_EVERY_MS);
        heartbeatWatch = link.schedule(this::watchHeartbeats, watchPeriodMs());
    }

    @Override
    public SocketRequest nextRequest() {
        URI ws = settings.ws();
        String path = ws.getRawPath();
        // The feed lives at the root path; a mirror's own path is kept as given.
        return SocketRequest.of(path == null || path.isEmpty() ? settings.wsUri("/") : ws);
    }

    @Override
    public int requestsPerSecond() {
        return REQUESTS_PER_SECOND;
    }

    @Override
    public List<SymbolInfo> symbols() {
        return offered;
    }

    @Override
    public void opened(int socket) {
        Socket s = new Socket(socket);
        sockets.put(socket, s);
        // Every product in one message, at once: the docs' 5 s subscribe deadline starts with the upgrade.
        send(s, true, new ArrayList<>(symbols));
    }

    @Override
    public void lost(int socket, boolean wasEstablished) {
        sockets.remove(socket);
        for (Product p : products.values()) {
            p.watched = false; // until the next socket confirms the heartbeat channel again
        }
        // Positions stay: the next socket's last_match tells each product whether anything was missed.
    }

    @Override
    public void subscribe(String symbol) {
        if (known != null && !known.contains(symbol)) {
            reject(symbol, "Coinbase has no product " + symbol);
            return;
        }
        if (retiring.contains(symbol)) {
            reject(symbol, "Coinbase refused " + symbol + " on this connection");
            return;
        }
        if (!symbols.add(symbol)) {
            return;
        }
        table.add(symbol);
        products.put(symbol, new Product());
        sequencer.add(symbol);
        rest.dayStats(symbol, d -> applyDayStats(symbol, d));
        rest.candles(symbol, candles -> applyCandles(symbol, candles));
        toUnsubscribe.remove(symbol);
        toSubscribe.add(symbol);
        flushSoon();
    }

    @Override
    public void unsubscribe(String symbol) {
        if (retiring.remove(symbol)) {
            forget(symbol); // refused already, its last refill no longer wanted
            return;
        }
        if (!symbols.remove(symbol)) {
            return;
        }
        forget(symbol);
        toSubscribe.remove(symbol);
        toUnsubscribe.add(symbol);
        flushSoon();
    }

    @Override
    public void close() {
        closed = true;
        gate.close();
        cancel(dayStatsTask);
        cancel(productsTask);
        cancel(heartbeatWatch);
    }

    // ---------------------------------------------------------------- frames

    @Override
    public void text(int socket, String frame) {
        Socket s = sockets.get(socket);
        if (s == null) {
            return;
        }
        switch (parser.parse(frame)) {
            case MATCH -> onMatch(s, false);
            case LAST_MATCH -> onMatch(s, true);
            case TICKER -> onTicker();
            case HEARTBEAT -> onHeartbeat(s);
            case MALFORMED -> link.bad("bad-frame", "Coinbase frame with " + parser.problem + ": "
                    + PeerText.escape(frame, 160));
            case OTHER -> onControl(s, frame);
        }
    }

    private void onMatch(Socket s, boolean lastMatch) {
        String symbol = parser.symbol;
        Product p = symbol == null ? null : products.get(symbol);
        if (p == null) {
            return; // a product unsubscribed a moment ago
        }
        long id = parser.tradeId;
        p.newestSeen = Math.max(p.newestSeen, id);
        sequencer.live(symbol, id, parser.timeMs, parser.price, parser.size);
        if (lastMatch && s.awaitingAnchor.remove(symbol) && !sequencer.refilling(symbol)) {
            // The latest trade at subscribe time is the last applied one (or the next, now applied): the time the
            // socket was away missed nothing. A larger id opened a refill above, which settles the span itself.
            link.output().nothingMissed(symbol);
        }
    }

    private void onTicker() {
        String symbol = parser.symbol;
        if (symbol == null || !products.containsKey(symbol)) {
            return;
        }
        if (!Double.isNaN(parser.bid) || !Double.isNaN(parser.ask)) {
            link.output().quote(symbol, parser.bid, parser.ask, TradeValues.sizeOrNaN(parser.bidSize),
                    TradeValues.sizeOrNaN(parser.askSize));
        }
        // Coinbase's change is against the price 24 h ago (open_24h), as the window's "previous close".
        link.market().applyDayStats(symbol, parser.open24h, parser.high24h, parser.low24h, parser.open24h,
                parser.volume24h);
    }

    private void onHeartbeat(Socket s) {
        String symbol = parser.symbol;
        Product p = symbol == null ? null : products.get(symbol);
        if (p == null) {
            return; // not ours
        }
        p.heartbeatNanos = System.nanoTime();
        long named = parser.lastTradeId;
        if (named <= 0) {
            return; // 0: "unknown"
        }
        p.newestSeen = Math.max(p.newestSeen, named);
        long last = sequencer.lastId(symbol);
        if (last == Long.MIN_VALUE || sequencer.refilling(symbol)) {
            p.suspect = CoinbaseTradeHistory.UNKNOWN;
            return;
        }
        if (s.awaitingAnchor.remove(symbol)) {
            // A heartbeat before last_match: it anchors the product just as well.
            if (named <= last) {
                link.output().nothingMissed(symbol);
            } else {
                LOG.info("Coinbase {}: the heartbeat names trade {} on subscribing, the last applied is {}: "
                        + "refilling", symbol, named, last);
                sequencer.catchUp(symbol);
            }
            return;
        }
        if (named <= last) {
            p.suspect = CoinbaseTradeHistory.UNKNOWN;
        } else if (p.suspect != CoinbaseTradeHistory.UNKNOWN && last < p.suspect) {
            p.suspect = CoinbaseTradeHistory.UNKNOWN;
            LOG.info("Coinbase {}: heartbeats name trade {}, the last applied is {}: refilling the trades the socket "
                    + "dropped", symbol, named, last);
            sequencer.catchUp(symbol);
        } else {
            p.suspect = named;
        }
    }

    /**
     * A product whose heartbeats stopped while the socket goes on (others' frames keep the supervisor's watchdog
     * content) is a partial outage: the socket is replaced, and last_match finds what the product missed.
     */
    private void watchHeartbeats() {
        heartbeatWatch = null;
        if (closed) {
            return;
        }
        long now = System.nanoTime();
        long limitNanos = settings.silenceLimitMs() * 1_000_000L;
        for (Map.Entry<String, Product> e : products.entrySet()) {
            Product p = e.getValue();
            if (p.watched && now - p.heartbeatNanos > limitNanos) {
                long silentMs = (now - p.heartbeatNanos) / 1_000_000L;
                LOG.warn("Coinbase {}: no heartbeat for {} ms while the socket carries other frames", e.getKey(),
                        silentMs);
                link.reconnect("no heartbeat for " + e.getKey() + " for " + silentMs + " ms (limit "
                        + settings.silenceLimitMs() + " ms)");
                break;
            }
        }
        heartbeatWatch = link.schedule(this::watchHeartbeats, watchPeriodMs());
    }

    /** A tenth of the silence limit: a stopped product is noticed at most 10 % late. */
    private long watchPeriodMs() {
        return Math.max(50, settings.silenceLimitMs() / 10);
    }

    private long newestSeen(String symbol) {
        Product p = products.get(symbol);
        return p == null ? CoinbaseTradeHistory.UNKNOWN : p.newestSeen;
    }

    // ---------------------------------------------------------------- control messages

    private void onControl(Socket s, String frame) {
        JsonNode root;
        try {
            root = json.readTree(frame);
        } catch (IOException e) {
            link.bad("bad-json", "unreadable Coinbase frame: " + PeerText.escape(frame, 80));
            return;
        }
        JsonNode typeNode = root == null ? null : root.get("type");
        if (typeNode == null || !typeNode.isTextual()) {
            link.bad("unexpected", "a Coinbase frame without a type: " + PeerText.escape(frame, 80));
            return;
        }
        switch (typeNode.asText()) {
            case "subscriptions" -> onSubscriptions(s, root);
            case "error" -> onError(s, root);
            case "match", "last_match", "ticker", "heartbeat" -> link.bad("bad-frame",
                    "a Coinbase " + PeerText.escape(typeNode.asText()) + " the trade reader could not take: "
                            + PeerText.escape(frame, 80));
            default -> {
                // "New message types can be added at any time. Clients are expected to ignore messages they do not
                // support."
            }
        }
    }

    /** The answer to the oldest request in flight; it lists every subscription of the socket. */
    private void onSubscriptions(Socket s, JsonNode root) {
        Request r = s.requests.poll();
        Set<String> matches = listed(root, "matches");
        Set<String> heartbeats = listed(root, "heartbeat");
        if (r == null) {
            LOG.debug("Coinbase sent a subscriptions message nobody asked for");
            return;
        }
        if (r.subscribe()) {
            for (String product : r.productIds()) {
                if (symbols.contains(product) && !(matches.contains(product) && heartbeats.contains(product))) {
                    String why = s.refusals.get(product);
                    refused(s, product, why != null ? why : "not in the subscriptions reply");
                }
            }
            s.refusals.clear();
        }
        long now = System.nanoTime();
        for (Map.Entry<String, Product> e : products.entrySet()) {
            Product p = e.getValue();
            boolean listed = heartbeats.contains(e.getKey());
            if (listed && !p.watched) {
                p.heartbeatNanos = now;
            }
            p.watched = listed;
        }
        long limit = heartbeats.isEmpty() ? IDLE_SILENCE_LIMIT_MS : settings.silenceLimitMs();
        if (!s.established) {
            establish(s, limit);
        } else {
            link.silenceLimit(s.id, limit);
        }
    }

    private void establish(Socket s, long silenceLimitMs) {
        s.established = true;
        int n = symbols.size();
        link.established(s.id, "subscribed to " + n + (n == 1 ? " product" : " products") + " on "
                + SocketRequest.labelOf(settings.ws()), silenceLimitMs);
        for (String symbol : symbols) {
            if (sequencer.lastId(symbol) == Long.MIN_VALUE && !sequencer.refilling(symbol)) {
                // Never traded: nothing can have been missed (its last_match, if any, starts the record).
                link.output().nothingMissed(symbol);
            }
        }
    }

    private void onError(Socket s, JsonNode root) {
        String message = PeerText.escape(root.path("message").asText(""));
        String reason = root.path("reason").asText("");
        Request head = s.requests.peek();
        if (head != null && head.subscribe()) {
            // Observed: {"type":"error","message":"Failed to subscribe","reason":"XYZ-USD is not a valid product"}
            // (or "... is delisted"), once per channel, then the subscriptions reply without the product.
            for (String product : head.productIds()) {
                if (reason.startsWith(product + " ")) {
                    s.refusals.put(product, PeerText.escape(reason));
                    return;
                }
            }
            if (head.productIds().isEmpty()) {
                // Nothing to subscribe: Coinbase refuses an empty subscribe (UNCLEAR whether a subscriptions reply
                // follows); the socket is still good, and it sent nothing we want.
                if (!s.established) {
                    establish(s, IDLE_SILENCE_LIMIT_MS);
                }
                return;
            }
        }
        String text = message + (reason.isEmpty() ? "" : " (" + PeerText.escape(reason) + ")");
        // ErrSlowConsume, ErrSlowRead, "Message too big": Coinbase closes the socket next; the supervisor reconnects
        // and each product's last_match finds what the close missed.
        LOG.warn("Coinbase error on socket {}: {}", s.id, text);
        link.emit(new FeedEvent.ServerError(null, "Coinbase: " + text));
    }

    private static Set<String> listed(JsonNode root, String channel) {
        Set<String> ids = new HashSet<>();
        for (JsonNode c : root.path("channels")) {
            if (channel.equals(c.path("name").asText())) {
                for (JsonNode id : c.path("product_ids")) {
                    if (id.isTextual()) {
                        ids.add(id.asText());
                    }
                }
            }
        }
        return ids;
    }

    // ---------------------------------------------------------------- subscribing

    /** Sends the (un)subscribe waiting after this task, so many symbols added at once take one message. */
    private void flushSoon() {
        if (!flushPosted) {
            flushPosted = true;
            link.post(this::flush);
        }
    }

    private void flush() {
        flushPosted = false;
        if (closed) {
            return;
        }
        for (Socket s : sockets.values()) {
            List<String> drop = new ArrayList<>();
            for (String symbol : toUnsubscribe) {
                if (s.asked.contains(symbol)) {
                    drop.add(symbol);
                }
            }
            List<String> add = new ArrayList<>();
            for (String symbol : toSubscribe) {
                if (!s.asked.contains(symbol)) {
                    add.add(symbol);
                }
            }
            if (!drop.isEmpty()) {
                send(s, false, drop);
            }
            if (!add.isEmpty()) {
                send(s, true, add);
            }
        }
        // With no socket open, the next one subscribes everything anyway.
        toSubscribe.clear();
        toUnsubscribe.clear();
    }

    private void send(Socket s, boolean subscribe, List<String> productIds) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("type", subscribe ? "subscribe" : "unsubscribe");
        request.put("product_ids", productIds);
        request.put("channels", CHANNELS);
        String text;
        try {
            text = json.writeValueAsString(request);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode a Coinbase request", e);
        }
        s.requests.add(new Request(subscribe, List.copyOf(productIds)));
        if (subscribe) {
            s.asked.addAll(productIds);
            s.awaitingAnchor.addAll(productIds);
        } else {
            productIds.forEach(s.asked::remove);
            productIds.forEach(s.awaitingAnchor::remove);
        }
        link.send(s.id, text);
    }

    /**
     * Coinbase refused {@code product} (unknown, delisted): it is reported and dropped. One that was being watched
     * first reads what it missed since its last trade (REST still serves a delisted product's history), so the
     * record is complete up to its end; then it goes.
     */
    private void refused(Socket s, String product, String why) {
        LOG.warn("Coinbase refused {}: {}", product, why);
        s.awaitingAnchor.remove(product);
        s.asked.remove(product);
        symbols.remove(product);
        table.remove(product);
        String message = "Coinbase refused " + product + ": " + why;
        if (sequencer.lastId(product) == Long.MIN_VALUE) {
            forget(product);
            reject(product, message);
            return;
        }
        retiring.add(product);
        sequencer.catchUp(product);
        retireWhenRefilled(product, message);
    }

    private void retireWhenRefilled(String product, String message) {
        if (closed || !retiring.contains(product)) {
            return;
        }
        if (sequencer.refilling(product)) {
            link.schedule(() -> retireWhenRefilled(product, message), RETIRE_CHECK_MS);
            return;
        }
        retiring.remove(product);
        forget(product);
        reject(product, message);
    }

    private void forget(String symbol) {
        sequencer.remove(symbol);
        table.remove(symbol);
        products.remove(symbol);
    }

    private void reject(String symbol, String message) {
        link.dropSymbol(symbol);
        link.emit(new FeedEvent.SymbolRejected(symbol, null, message));
    }

    // ---------------------------------------------------------------- REST: products, statistics, candles

    private void loadProducts() {
        rest.products(this::onProducts, why -> {
            LOG.warn("Coinbase product list unavailable ({}); trying again in {} s", why, PRODUCTS_RETRY_MS / 1000);
            if (!closed) {
                productsTask = link.schedule(this::loadProducts, PRODUCTS_RETRY_MS);
            }
        });
    }

    private void onProducts(List<CoinbaseRestClient.Product> rows) {
        Set<String> all = new HashSet<>();
        List<SymbolInfo> online = new ArrayList<>();
        for (CoinbaseRestClient.Product p : rows) {
            all.add(p.id());
            if ("online".equals(p.status())) {
                online.add(new SymbolInfo(p.id(), readableName(p)));
            }
        }
        known = all;
        offered = List.copyOf(online);
        for (String symbol : new ArrayList<>(symbols)) {
            if (!all.contains(symbol)) {
                // Unknown to Coinbase: say so now rather than leave the row waiting for a refusal.
                symbols.remove(symbol);
                forget(symbol);
                reject(symbol, "Coinbase has no product " + symbol);
            }
        }
    }

    private static String readableName(CoinbaseRestClient.Product p) {
        if (p.displayName() != null && !p.displayName().isEmpty()) {
            return PeerText.escape(p.displayName(), 40);
        }
        return p.base() != null && p.quote() != null ? PeerText.escape(p.base() + " / " + p.quote(), 40) : null;
    }

    private void refreshDayStats() {
        for (String symbol : symbols) {
            rest.dayStats(symbol, d -> applyDayStats(symbol, d));
        }
        dayStatsTask = link.schedule(this::refreshDayStats, DAY_STATS_EVERY_MS);
    }

    private void applyDayStats(String symbol, CoinbaseRestClient.DayStats d) {
        if (!symbols.contains(symbol)) {
            return;
        }
        double open = d.open() > 0 ? d.open() : Double.NaN;
        double high = d.high() > 0 ? d.high() : Double.NaN;
        double low = d.low() > 0 ? d.low() : Double.NaN;
        double volume = d.volume() >= 0 ? d.volume() : Double.NaN;
        link.market().applyDayStats(symbol, open, high, low, open, volume);
    }

    /**
     * Older candles on demand (the chart scrolled left): {@code /products/{id}/candles} with a start and end that
     * cover at most 300 buckets before {@code beforeMs}. Coinbase's granularities are 1 m, 5 m, 15 m, 1 h, 6 h and
     * 1 D: 4 h comes as 1 h candles that the model aggregates; under a minute there are none. Coinbase publishes no
     * candle for a bucket without trades, so an empty page is taken as the start of its history.
     */
    @Override
    public boolean history(String symbol, BarInterval interval, long beforeMs, int maxBars,
                           FeedSession.HistoryResult result) {
        BarInterval asked = interval == BarInterval.H4 ? BarInterval.H1 : interval;
        int granularity = switch (asked) {
            case M1 -> 60;
            case M5 -> 300;
            case M15 -> 900;
            case H1 -> 3_600;
            case D1 -> 86_400;
            default -> 0;
        };
        if (granularity == 0 || !symbols.contains(symbol)) {
            return false;
        }
        long before = beforeMs == Long.MAX_VALUE ? System.currentTimeMillis() + asked.millis() : beforeMs;
        long end = Math.floorDiv(Math.floorDiv(before, 1_000) - 1, granularity) * granularity;
        int count = Math.max(1, Math.min(maxBars, CoinbaseRestClient.CANDLES_PER_REQUEST));
        long start = end - (long) (count - 1) * granularity;
        rest.candles(symbol, granularity, start, end, candles -> {
            HistoryBars bars = HistoryBars.allocate(asked, candles.size());
            int n = 0;
            for (CoinbaseRestClient.Candle k : candles) {
                if (k.time() * 1_000 < before) {
                    bars.times()[n] = k.time() * 1_000;
                    bars.open()[n] = k.open();
                    bars.high()[n] = k.high();
                    bars.low()[n] = k.low();
                    bars.close()[n] = k.close();
                    bars.volume()[n] = k.volume();
                    n++;
                }
            }
            result.bars(bars.withCount(n), n == 0);
        }, result::failed);
        return true;
    }

    /** One-minute candles for the chart, the still-open minute left out: live trades build that bar. */
    private void applyCandles(String symbol, List<CoinbaseRestClient.Candle> candles) {
        if (!symbols.contains(symbol)) {
            return;
        }
        long closedBefore = System.currentTimeMillis() - CANDLE_CLOCK_MARGIN_MS;
        int n = 0;
        while (n < candles.size()
                && (candles.get(n).time() + CoinbaseRestClient.CANDLE_SECONDS) * 1_000 <= closedBefore) {
            n++;
        }
        if (n == 0) {
            return;
        }
        long[] t = new long[n];
        double[] o = new double[n];
        double[] h = new double[n];
        double[] l = new double[n];
        double[] c = new double[n];
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            CoinbaseRestClient.Candle k = candles.get(i);
            t[i] = k.time() * 1_000;
            o[i] = k.open();
            h[i] = k.high();
            l[i] = k.low();
            c[i] = k.close();
            v[i] = k.volume();
        }
        link.market().applyHistory(symbol, BarInterval.M1, t, o, h, l, c, v, n);
    }

    private static void cancel(ScheduledFuture<?> task) {
        if (task != null) {
            task.cancel(false);
        }
    }
}
