package io.stockmonitor.source.kraken;

import io.stockmonitor.source.TradeValues;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stockmonitor.feed.FeedEvent;
import io.stockmonitor.feed.FeedLink;
import io.stockmonitor.feed.FeedSession;
import io.stockmonitor.feed.PeerText;
import io.stockmonitor.feed.SocketRequest;
import io.stockmonitor.feed.SymbolTable;
import io.stockmonitor.market.BarInterval;
import io.stockmonitor.market.HistoryBars;
import io.stockmonitor.source.SourceKind;
import io.stockmonitor.source.SourceSettings;
import io.stockmonitor.source.TradeSequencer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kraken spot (WebSocket v2) as a {@link FeedSession} (docs/sources/kraken.md): on the socket's {@code status}
 * greeting, one {@code trade} subscription (always with {@code snapshot: true}, whose default the docs contradict)
 * and one {@code ticker} subscription ({@code event_trigger: bbo}, for quotes) carry every symbol. Kraken acks each
 * symbol separately: the first accepted {@code trade} ack ends the handshake; a refused symbol is rejected for good
 * (a configuration error, not a reason to reconnect); a symbol whose ack never comes makes the session reconnect.
 *
 * <p>{@code trade_id} is "a sequence number, unique per book", so every trade, the snapshot's included, goes through
 * a {@link TradeSequencer}: repeats are dropped, a skipped id or a reconnect is refilled from REST {@code Trades}
 * ({@link KrakenTradeHistory}) and proven complete by id. Heartbeats (about one a second once subscribed) are signs of
 * life; when nothing arrives for a third of the silence limit the session sends an application ping, so a socket
 * with no subscription, or during maintenance, is not mistaken for a dead one. A {@code status} other than
 * {@code online} ("No order matching will occur", "Markets are offline for scheduled maintenance") explains a silence
 * of trades: it is shown in the connection's detail, and the silence limit still applies.
 */
final class KrakenSession implements FeedSession {
    /** The record's epoch of Kraken trades. */
    static final String EPOCH = SourceKind.KRAKEN.id();
    /** Kraken documents no inbound message rate for v2 (clients report "Exceeded msg rate"); we send few. */
    static final int REQUESTS_PER_SECOND = 5;
    /** Chart history: 1-minute OHLC (720 entries, 12 hours). */
    static final int OHLC_MINUTES = 1;
    /** While some symbol is not mapped to its REST names yet, day statistics are retried this soon. */
    static final long DAY_STATS_RETRY_MS = 2_000;
    /** The symbol list is read again this long after a failure. */
    static final long SYMBOL_LIST_RETRY_MS = 60_000;
    /** What a pair name offered for completion may look like (peer text reaches the screen only in this shape). */
    private static final Pattern PLAIN_PAIR_NAME = Pattern.compile("[A-Za-z0-9.]{1,20}/[A-Za-z0-9.]{1,20}");
    private static final Logger LOG = LoggerFactory.getLogger(KrakenSession.class);

    private final FeedLink link;
    private final SourceSettings settings;
    private final KrakenTiming timing;
    private final ObjectMapper json = new ObjectMapper();
    private final SymbolTable table = new SymbolTable();
    private final KrakenFrameParser parser = new KrakenFrameParser(table);
    private final SocketTradeMemory memory = new SocketTradeMemory();
    private final KrakenRestClient rest;
    private final KrakenPairs pairs;
    private final KrakenTradeHistory history;
    private final TradeSequencer sequencer;
    private final String label;
    private volatile List<SymbolInfo> offered = List.of();

    // ---- feed-thread state ----
    private final Set<String> symbols = new LinkedHashSet<>();
    private final Map<Integer, Socket> sockets = new HashMap<>();
    private long nextRequestId = 1;
    /** The trading engine's state from the latest {@code status}. */
    private String engine = "online";
    private boolean closed;
    private ScheduledFuture<?> keeperTask;
    private ScheduledFuture<?> dayStatsTask;
    private ScheduledFuture<?> symbolListTask;

    /** One socket's handshake and liveness. */
    private static final class Socket {
        final int id;
        /** The status greeting came and the subscriptions went out. */
        boolean greeted;
        boolean established;
        /** Our requests by req_id: which channel each subscribed ("trade", "ticker"). */
        final Map<Long, String> requests = new HashMap<>();
        /** Symbols whose trade ack has not come, with the deadline for it (System.nanoTime). */
        final Map<String, Long> awaiting = new LinkedHashMap<>();
        long lastFrameNanos = System.nanoTime();
        long pingId = -1;
        long pingSentNanos;

        Socket(int id) {
            this.id = id;
        }
    }

    KrakenSession(FeedLink link, SourceSettings settings, KrakenTiming timing) {
        this.link = link;
        this.settings = settings;
        this.timing = timing;
        this.rest = new KrakenRestClient(link, settings, timing);
        this.pairs = new KrakenPairs(link, rest, this::loadCandles);
        this.history = new KrakenTradeHistory(pairs, rest, memory);
        this.sequencer = new TradeSequencer(link, EPOCH, history, settings.limits());
        this.label = SocketRequest.labelOf(settings.wsUri("/v2"));
    }

    @Override
    public void start() {
        // After the subscribe() calls that follow start(): each symbol's AssetPairs call goes first (refills need
        // them), the whole list (a large answer, for completion only) after them.
        symbolListTask = link.schedule(this::loadSymbolList, 0);
        dayStatsTask = link.schedule(this::refreshDayStats, DAY_STATS_RETRY_MS);
        long every = Math.max(20, settings.silenceLimitMs() / 6);
        keeperTask = link.schedule(() -> keep(every), every);
    }

    @Override
    public SocketRequest nextRequest() {
        return SocketRequest.of(settings.wsUri("/v2"));
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
        // "A status will be automatically generated on successful websocket connection": the subscriptions follow it.
        sockets.put(socket, new Socket(socket));
    }

    @Override
    public void lost(int socket, boolean wasEstablished) {
        sockets.remove(socket);
    }

    @Override
    public void subscribe(String symbol) {
        if (!symbols.add(symbol)) {
            return;
        }
        table.add(symbol);
        memory.add(symbol);
        sequencer.add(symbol);
        for (Socket s : sockets.values()) {
            if (s.greeted) {
                subscribe(s, List.of(symbol));
            }
        }
        refreshDetail();
    }

    @Override
    public void unsubscribe(String symbol) {
        if (!symbols.remove(symbol)) {
            return;
        }
        forget(symbol);
        for (Socket s : sockets.values()) {
            if (s.greeted) {
                s.awaiting.remove(symbol);
                send(s, "unsubscribe", "trade", List.of(symbol), null);
                send(s, "unsubscribe", "ticker", List.of(symbol), null);
            }
        }
        refreshDetail();
    }

    @Override
    public void close() {
        closed = true;
        rest.close();
        cancel(keeperTask);
        cancel(dayStatsTask);
        cancel(symbolListTask);
    }

    // ---------------------------------------------------------------- frames

    @Override
    public void text(int socket, String frame) {
        Socket s = sockets.get(socket);
        if (s == null) {
            return;
        }
        s.lastFrameNanos = System.nanoTime();
        switch (parser.parse(frame)) {
            case TRADES -> onTrades();
            case TICKER -> onTicker();
            case HEARTBEAT -> {
                // A sign of life, which the supervisor has already seen.
            }
            case OTHER -> onControl(s, frame);
        }
    }

    /** Every trade of the frame, in id order, to the sequencer; a bad element is counted and dropped alone. */
    private void onTrades() {
        KrakenFrameParser p = parser;
        p.sortById();
        for (int k = 0, n = p.count(); k < n; k++) {
            int i = p.inOrder(k);
            byte problem = p.problem(i);
            String symbol = p.symbol(i);
            if (problem != KrakenFrameParser.OK && (symbol != null || problem == KrakenFrameParser.NO_SYMBOL
                    || problem == KrakenFrameParser.NOT_AN_OBJECT)) {
                link.bad("bad-trade", "Kraken " + p.describe(i));
                continue;
            }
            if (symbol == null) {
                continue; // a pair not subscribed (any more)
            }
            long id = p.id(i);
            double price = p.price(i);
            double quantity = p.quantity(i);
            memory.remember(symbol, id, price, quantity);
            // A snapshot's trades are up to 50 old ones: applied, but they say nothing about the feed's delay.
            sequencer.live(symbol, id, p.timeMs(i), price, quantity, !p.snapshot());
        }
    }

    private void onTicker() {
        KrakenFrameParser p = parser;
        if (!p.tickerNamedSymbol) {
            link.bad("bad-ticker", "Kraken ticker without a symbol");
            return;
        }
        if (p.tickerSymbol == null) {
            return;
        }
        if (!KrakenFrameParser.usable(p.bid) || !KrakenFrameParser.usable(p.ask)) {
            link.bad("bad-ticker", "Kraken ticker of " + p.tickerSymbol + " with bid " + p.bid + ", ask " + p.ask);
            return;
        }
        link.output().quote(p.tickerSymbol, p.bid, p.ask, TradeValues.sizeOrNaN(p.bidQty),
                TradeValues.sizeOrNaN(p.askQty));
    }

    /** Status, acks, pongs and errors: a few a minute, read with the tree model. */
    private void onControl(Socket s, String frame) {
        JsonNode root;
        try {
            root = json.readTree(frame);
        } catch (IOException e) {
            link.bad("bad-json", "Kraken sent an unreadable frame: " + PeerText.escape(frame, 80));
            return;
        }
        if (root == null || !root.isObject()) {
            link.bad("unexpected", "Kraken sent a frame that is not an object: " + PeerText.escape(frame, 80));
            return;
        }
        String channel = root.path("channel").asText("");
        String method = root.path("method").asText("");
        if (channel.equals("status")) {
            onStatus(s, root);
        } else if (method.equals("subscribe") || method.equals("unsubscribe")) {
            onSubscription(s, root, method);
        } else if (method.equals("pong")) {
            onPong(s, root);
        } else if (channel.equals("trade") || channel.equals("ticker")) {
            link.bad("bad-" + channel, "Kraken " + channel + " frame with unusable data: "
                    + PeerText.escape(frame, 120));
        } else if (root.has("error")) {
            LOG.warn("Kraken answered a request with an error: {}", PeerText.escape(frame, 200));
        } else {
            link.bad("unexpected", "a frame the Kraken session does not know: " + PeerText.escape(frame, 80));
        }
    }

    private void onStatus(Socket s, JsonNode root) {
        JsonNode entry = root.path("data").path(0);
        JsonNode system = entry.path("system");
        if (!system.isTextual()) {
            link.bad("bad-status", "Kraken status without a system state: " + PeerText.escape(root.toString(), 120));
            return;
        }
        if (!s.greeted) {
            s.greeted = true;
            // connection_id is an unsigned 64-bit number: logged as text, never computed with.
            LOG.info("Kraken socket {}: connection {}, API {}, engine {}", s.id,
                    PeerText.escape(entry.path("connection_id").asText("?"), 24),
                    PeerText.escape(entry.path("api_version").asText("?"), 16), PeerText.escape(system.asText(), 24));
            subscribeAll(s);
        }
        engineState(system.asText());
    }

    private void engineState(String state) {
        if (state.equals(engine)) {
            return;
        }
        engine = state;
        if (state.equals("online")) {
            LOG.info("Kraken's trading engine is online");
        } else {
            LOG.warn("Kraken's trading engine is {}: {}", PeerText.escape(state, 24), engineMeaning(state));
        }
        refreshDetail();
    }

    /** The CONNECTED detail follows what is carried and the engine's state (nothing when not connected). */
    private void refreshDetail() {
        if (link.primarySocket() >= 0) {
            link.detail(detail());
        }
    }

    /** What the user reads while CONNECTED: what is carried, and the engine's state when it is not online. */
    private String detail() {
        String carried = "subscribed to " + symbols.size() + (symbols.size() == 1 ? " symbol" : " symbols") + " on "
                + label;
        return engine.equals("online") ? carried
                : carried + "; Kraken reports " + PeerText.escape(engine, 24) + ": " + engineMeaning(engine);
    }

    private static String engineMeaning(String state) {
        return switch (state) {
            case "maintenance" -> "markets are offline for scheduled maintenance, no trades until it ends";
            case "cancel_only", "post_only" -> "no order matching, so no trades until it is online again";
            default -> "a state this client does not know";
        };
    }

    private void onSubscription(Socket s, JsonNode root, String method) {
        JsonNode successNode = root.path("success");
        boolean success = successNode.isBoolean() && successNode.booleanValue();
        String error = PeerText.escape(root.path("error").asText(""));
        if (method.equals("unsubscribe")) {
            if (!success) {
                LOG.info("Kraken refused an unsubscription: {}", error);
            }
            return;
        }
        JsonNode reqId = root.path("req_id");
        String channel = success ? root.path("result").path("channel").asText("")
                : reqId.canConvertToLong() ? s.requests.getOrDefault(reqId.asLong(), "") : "";
        JsonNode symbolNode = success ? root.path("result").path("symbol") : root.path("symbol");
        if (!channel.equals("trade")) {
            if (!success) {
                LOG.info("Kraken refused a {} subscription of {}: {}", channel.isEmpty() ? "(unmatched)" : channel,
                        PeerText.escape(symbolNode.asText("?"), 40), error);
            }
            return;
        }
        String symbol = symbolNode.asText("");
        if (!s.awaiting.containsKey(symbol)) {
            if (!success) {
                LOG.warn("Kraken refused a trade subscription the session cannot match: {}",
                        PeerText.escape(root.toString(), 200));
            }
            return; // a repeated ack, or the ack of a symbol removed meanwhile
        }
        s.awaiting.remove(symbol);
        if (!success) {
            reject(symbol, "Kraken refused " + symbol + ": " + (error.isEmpty() ? "no reason given" : error));
        }
        if (!s.established && (success || s.awaiting.isEmpty())) {
            establish(s);
        }
    }

    private void onPong(Socket s, JsonNode root) {
        JsonNode reqId = root.path("req_id");
        if (s.pingId >= 0 && reqId.canConvertToLong() && reqId.asLong() == s.pingId) {
            link.latency().recordRtt(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - s.pingSentNanos));
            s.pingId = -1;
        }
    }

    // ---------------------------------------------------------------- subscriptions

    private void subscribeAll(Socket s) {
        if (symbols.isEmpty()) {
            // Nothing to carry: the greeting proves the socket; pings keep it alive (no heartbeats come unsubscribed).
            establish(s);
            return;
        }
        subscribe(s, new ArrayList<>(symbols));
    }

    private void subscribe(Socket s, List<String> list) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(link.config().handshakeTimeoutMs());
        for (String symbol : list) {
            s.awaiting.put(symbol, deadline);
        }
        send(s, "subscribe", "trade", list, true);
        send(s, "subscribe", "ticker", list, true);
    }

    /** Sends a (un)subscription with its own req_id; {@code snapshot} null leaves the field out. */
    private void send(Socket s, String method, String channel, List<String> list, Boolean snapshot) {
        long id = nextRequestId++;
        ObjectNode request = json.createObjectNode();
        request.put("method", method);
        ObjectNode params = request.putObject("params");
        params.put("channel", channel);
        ArrayNode names = params.putArray("symbol");
        list.forEach(names::add);
        if (channel.equals("ticker") && method.equals("subscribe")) {
            // Quotes: "on a change in the best-bid-offer price levels", not on every trade.
            params.put("event_trigger", "bbo");
        }
        if (snapshot != null) {
            // The trade channel's default is "false" on the current page and "true" on the older one: always say.
            params.put("snapshot", snapshot);
        }
        request.put("req_id", id);
        s.requests.put(id, channel);
        link.send(s.id, request.toString());
    }

    private void establish(Socket s) {
        s.established = true;
        link.established(s.id, detail(), settings.silenceLimitMs());
        // Whatever the connection before this one missed is refilled by id (and a quiet symbol is checked).
        sequencer.reconnected();
    }

    /** A symbol Kraken will not carry: it leaves the session, the supervisor and the model, and the user is told. */
    private void reject(String symbol, String why) {
        if (!symbols.remove(symbol)) {
            return;
        }
        forget(symbol);
        for (Socket other : sockets.values()) {
            other.awaiting.remove(symbol);
        }
        LOG.warn("{}", why);
        link.dropSymbol(symbol);
        link.emit(new FeedEvent.SymbolRejected(symbol, null, why));
        refreshDetail();
    }

    private void forget(String symbol) {
        sequencer.remove(symbol);
        table.remove(symbol);
        memory.remove(symbol);
        history.forget(symbol);
    }

    // ---------------------------------------------------------------- liveness

    /**
     * Every few hundred ms: a symbol whose ack is overdue makes the session reconnect (the handshake deadline covers
     * only the first ack); a socket quiet for a third of the silence limit gets an application ping ("an application
     * level ping, distinct from the protocol-level ping"), whose pong is a sign of life and a round-trip sample.
     */
    private void keep(long everyMs) {
        keeperTask = null;
        if (closed) {
            return;
        }
        long now = System.nanoTime();
        long quietNanos = TimeUnit.MILLISECONDS.toNanos(settings.silenceLimitMs() / 3);
        String overdue = null;
        for (Socket s : sockets.values()) {
            if (!s.established) {
                continue;
            }
            for (Map.Entry<String, Long> e : s.awaiting.entrySet()) {
                if (now - e.getValue() >= 0) {
                    overdue = e.getKey();
                    break;
                }
            }
            if (now - s.lastFrameNanos >= quietNanos && (s.pingId < 0 || now - s.pingSentNanos >= quietNanos)) {
                ping(s);
            }
        }
        keeperTask = link.schedule(() -> keep(everyMs), everyMs);
        if (overdue != null) {
            link.reconnect("Kraken did not answer the trade subscription of " + overdue + " within "
                    + link.config().handshakeTimeoutMs() + " ms");
        }
    }

    private void ping(Socket s) {
        long id = nextRequestId++;
        s.pingId = id;
        s.pingSentNanos = System.nanoTime();
        link.send(s.id, "{\"method\":\"ping\",\"req_id\":" + id + "}", () -> s.pingSentNanos = System.nanoTime());
    }

    // ---------------------------------------------------------------- REST: symbols, statistics, candles

    private void loadSymbolList() {
        symbolListTask = null;
        rest.assetPairs(new KrakenRestClient.Reply<>() {
            @Override
            public void ok(List<KrakenRestClient.ListedPair> list) {
                List<SymbolInfo> online = new ArrayList<>(list.size());
                for (KrakenRestClient.ListedPair p : list) {
                    if (!PLAIN_PAIR_NAME.matcher(p.wsname()).matches() || !p.status().equals("online")) {
                        continue; // not a name to offer (or not trading)
                    }
                    // wsname is the v1 spelling (XBT/USD); the v2 one renames XBT and XDG (observed, §2). Kraken
                    // names no assets, so the readable name is the pair's two halves.
                    String v2 = KrakenPairs.v2Spelling(p.wsname());
                    online.add(new SymbolInfo(v2, v2.replace("/", " / ")));
                }
                offered = List.copyOf(online);
            }

            @Override
            public void failed(String reason, boolean retryable) {
                LOG.warn("Kraken symbol list unavailable: {}", reason);
                if (!closed) {
                    symbolListTask = link.schedule(KrakenSession.this::loadSymbolList, SYMBOL_LIST_RETRY_MS);
                }
            }
        });
    }

    /** Today's open, high, low and volume of every mapped symbol, in one Ticker call. */
    private void refreshDayStats() {
        dayStatsTask = null;
        if (closed) {
            return;
        }
        List<KrakenPairNames> mapped = new ArrayList<>();
        boolean waiting = false;
        for (String symbol : symbols) {
            KrakenPairNames names = pairs.names(symbol);
            if (names != null) {
                mapped.add(names);
            } else if (!pairs.unknown(symbol)) {
                waiting = true;
                pairs.resolve(symbol);
            }
        }
        if (!mapped.isEmpty()) {
            rest.ticker(mapped, new KrakenRestClient.Reply<>() {
                @Override
                public void ok(List<KrakenRestClient.DayStats> stats) {
                    for (KrakenRestClient.DayStats d : stats) {
                        String symbol = pairs.symbolOfKey(d.key());
                        if (symbol != null && symbols.contains(symbol)) {
                            // Kraken gives no previous close: the day's change is against today's open (UTC).
                            link.market().applyDayStats(symbol, d.open(), d.high(), d.low(), d.open(), d.volume());
                        }
                    }
                }

                @Override
                public void failed(String reason, boolean retryable) {
                    LOG.info("Kraken day statistics unavailable ({}); the next round tries again", reason);
                }
            });
        }
        dayStatsTask = link.schedule(this::refreshDayStats, waiting ? DAY_STATS_RETRY_MS : timing.dayStatsEveryMs());
    }

    /**
     * Older candles on demand (the chart scrolled left): {@code OHLC} at Kraken's intervals (1 m, 5 m, 15 m, 1 h, 4 h,
     * 1 D; none under a minute). Kraken serves only its 720 newest entries of each interval, whatever {@code since}
     * says, so one page is all there is: the entries before {@code beforeMs}, and nothing older.
     */
    @Override
    public boolean history(String symbol, BarInterval interval, long beforeMs, int maxBars,
                           FeedSession.HistoryResult result) {
        int minutes = switch (interval) {
            case M1 -> 1;
            case M5 -> 5;
            case M15 -> 15;
            case H1 -> 60;
            case H4 -> 240;
            case D1 -> 1_440;
            default -> 0;
        };
        KrakenPairNames names = symbols.contains(symbol) ? pairs.names(symbol) : null;
        if (minutes == 0 || names == null) {
            return false;
        }
        rest.ohlc(names, minutes, new KrakenRestClient.Reply<>() {
            @Override
            public void ok(List<KrakenRestClient.Candle> candles) {
                int from = Math.max(0, candles.size() - maxBars);
                HistoryBars bars = HistoryBars.allocate(interval, candles.size() - from);
                int n = 0;
                long previous = Long.MIN_VALUE;
                for (KrakenRestClient.Candle k : candles.subList(from, candles.size())) {
                    if (k.openTimeMs() >= beforeMs || k.openTimeMs() <= previous || !(k.low() > 0)
                            || !(k.high() >= k.low()) || !Double.isFinite(k.high()) || !(k.volume() >= 0)) {
                        continue;
                    }
                    bars.times()[n] = k.openTimeMs();
                    bars.open()[n] = k.open();
                    bars.high()[n] = k.high();
                    bars.low()[n] = k.low();
                    bars.close()[n] = k.close();
                    bars.volume()[n] = k.volume();
                    previous = k.openTimeMs();
                    n++;
                }
                result.bars(bars.withCount(n), true);
            }

            @Override
            public void failed(String reason, boolean retryable) {
                result.failed(reason);
            }
        });
        return true;
    }

    /** Chart history for a newly mapped symbol: 12 h of 1-minute candles, the newest (still open) left out. */
    private void loadCandles(KrakenPairNames names) {
        String symbol = names.symbol();
        if (!symbols.contains(symbol)) {
            return;
        }
        rest.ohlc(names, OHLC_MINUTES, new KrakenRestClient.Reply<>() {
            @Override
            public void ok(List<KrakenRestClient.Candle> candles) {
                applyCandles(symbol, candles);
            }

            @Override
            public void failed(String reason, boolean retryable) {
                LOG.info("Kraken {}: no chart history ({}); the chart starts with live trades", symbol, reason);
            }
        });
    }

    private void applyCandles(String symbol, List<KrakenRestClient.Candle> rows) {
        // "The last entry ... is for the current, not-yet-committed timeframe": live trades build that bar.
        int n = rows.size() - 1;
        if (n <= 0 || !symbols.contains(symbol)) {
            return;
        }
        long[] t = new long[n];
        double[] o = new double[n];
        double[] h = new double[n];
        double[] l = new double[n];
        double[] c = new double[n];
        double[] v = new double[n];
        int kept = 0;
        long previous = Long.MIN_VALUE;
        for (int i = 0; i < n; i++) {
            KrakenRestClient.Candle k = rows.get(i);
            if (!(k.low() > 0) || !(k.high() >= k.low()) || Double.isInfinite(k.high()) || !(k.open() > 0)
                    || !(k.close() > 0) || !(k.volume() >= 0) || k.openTimeMs() <= previous) {
                continue; // an absurd or out-of-order entry is no history
            }
            t[kept] = k.openTimeMs();
            o[kept] = k.open();
            h[kept] = k.high();
            l[kept] = k.low();
            c[kept] = k.close();
            v[kept] = k.volume();
            previous = k.openTimeMs();
            kept++;
        }
        link.market().applyHistory(symbol, BarInterval.M1, t, o, h, l, c, v, kept);
    }

    private static void cancel(ScheduledFuture<?> task) {
        if (task != null) {
            task.cancel(false);
        }
    }
}
