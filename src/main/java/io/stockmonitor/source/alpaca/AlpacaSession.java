package io.stockmonitor.source.alpaca;

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
import io.stockmonitor.source.RestGate;
import io.stockmonitor.source.SourceSettings;
import io.stockmonitor.source.TimeRefill;
import io.stockmonitor.source.TradeValues;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Alpaca market data v2, IEX feed, as a {@link FeedSession} (docs/sources/alpaca.md): one socket on
 * {@code /v2/iex}; after the greeting the key and secret go in an {@code auth} message, then one {@code subscribe}
 * asks trades and quotes of every symbol, and the {@code subscription} answer listing them all ends the handshake.
 *
 * <p>Trade ids are unique but not contiguous, so nothing in the stream reveals a lost trade and no refill can be
 * proven complete: every span in which the connection was down (a drop, a stall, a 407 slow-client disconnect, a
 * server close) is refilled from the REST history by time through a {@link TimeRefill} and reported
 * {@link io.stockmonitor.market.GapKind#BY_TIME}, or lost with an unknown count when the history cannot be read.
 *
 * <p>The server sends no heartbeat, and a quiet feed (outside market hours) may send nothing for minutes: silence
 * is no stall. As Alpaca's own SDKs do, the session pings every half silence limit (10 s of the product's 20 s); a
 * pong is a sign of life, so the stall is "no pong, nor any frame, for the silence limit".
 *
 * <p>Errors: 402 (key refused), 408 (no data v2) and 409 (plan without the feed) end in FAILED with a plain reason;
 * 406 (another program holds the account's one connection) is retried on the same socket a few times, then FAILED;
 * 404, 407 and 500 reconnect; 405 (symbol limit) rejects the symbols beyond it. The key and secret appear only in the
 * auth frame and the REST headers: never in a log line, a status detail or an exception.
 */
final class AlpacaSession implements FeedSession {
    static final String EPOCH = "alpaca";
    /** Nothing documents a limit on client messages; a handful a second is plenty for auth and subscriptions. */
    static final int REQUESTS_PER_SECOND = 5;
    /** REST calls a second: 180 a minute, under the free plan's 200. */
    static final int REST_PER_SECOND = 3;
    /** Trade and quote symbols on the free plan ([archive realtime] "Subscription Plans"). */
    static final int FREE_PLAN_SYMBOLS = 30;
    /** Auth attempts answered 406 before the session gives up ([go-sdk] retries 406 alone). */
    static final int CONNECTION_LIMIT_ATTEMPTS = 3;
    static final long CONNECTION_LIMIT_RETRY_MS = 1_000;
    /** Day statistics (snapshots) are re-read this often: one call for every symbol. */
    static final long DAY_STATS_EVERY_MS = 60_000;
    /**
     * A history request's window is this many times its bars' span: US equities trade 6.5 h of 24 (plus the
     * extended hours IEX shows), 5 days of 7, so a page of N hourly bars needs about 4 N hours of calendar.
     */
    static final int HISTORY_WINDOW_FACTOR = 5;
    /** Minute bars of this long a past are loaded for the chart (480 bars, one call). */
    static final long CHART_HISTORY_MS = 8 * 3_600_000L;
    private static final Logger LOG = LoggerFactory.getLogger(AlpacaSession.class);

    private final FeedLink link;
    private final SourceSettings settings;
    private final ObjectMapper json = new ObjectMapper();
    private final SymbolTable table = new SymbolTable();
    private final AlpacaFrameParser parser = new AlpacaFrameParser(table);
    private final RestGate gate;
    private final AlpacaRestClient rest;
    private final TimeRefill refill;
    private volatile List<SymbolInfo> offered = List.of();

    // ---- feed-thread state ----
    private final Set<String> symbols = new LinkedHashSet<>();
    private Set<String> known;
    private Socket current;
    private int connectionLimitRefusals;
    private ScheduledFuture<?> pingTask;
    private ScheduledFuture<?> retryTask;
    private ScheduledFuture<?> dayStatsTask;
    private ScheduledFuture<?> assetsTask;

    /** Where the socket's handshake stands. */
    private enum Step { GREETING, AUTHENTICATING, SUBSCRIBING, STREAMING }

    /** A subscribe or unsubscribe sent and not answered yet: the server answers them one by one, in order. */
    private record Request(boolean subscribe, List<String> symbols) {
    }

    /** The one socket, and what the server confirmed on it. */
    private static final class Socket {
        final int id;
        Step step = Step.GREETING;
        /** Symbols whose trades and quotes the last subscription answer listed. */
        final Set<String> streaming = new HashSet<>();
        final ArrayDeque<Request> unanswered = new ArrayDeque<>();

        Socket(int id) {
            this.id = id;
        }
    }

    AlpacaSession(FeedLink link, SourceSettings settings, URI assetsBase) {
        this.link = link;
        this.settings = settings;
        this.gate = new RestGate(link, "Alpaca", REST_PER_SECOND, settings.limits(), new AlpacaRateWindow(),
                Map.of("APCA-API-KEY-ID", nonNull(settings.credentials().key()),
                        "APCA-API-SECRET-KEY", nonNull(settings.credentials().secret())));
        this.rest = new AlpacaRestClient(link, settings, assetsBase, gate);
        this.refill = new TimeRefill(link, EPOCH, rest, settings.limits());
    }

    @Override
    public void start() {
        // After the first symbols' latest trades (their first prices) have been asked for.
        assetsTask = link.schedule(this::loadAssets, 0);
        dayStatsTask = link.schedule(this::refreshDayStats, 0);
    }

    @Override
    public SocketRequest nextRequest() {
        if (!settings.credentials().present() || settings.credentials().secret() == null) {
            throw new IllegalArgumentException("Alpaca needs a key id and a secret");
        }
        return SocketRequest.of(settings.wsUri("/v2/" + AlpacaRestClient.FEED));
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
        current = new Socket(socket);
    }

    @Override
    public void lost(int socket, boolean wasEstablished) {
        if (current == null || current.id != socket) {
            return;
        }
        current = null;
        cancel(pingTask);
        cancel(retryTask);
        if (wasEstablished) {
            refill.connectionLost();
        }
    }

    @Override
    public void subscribe(String symbol) {
        if (known != null && !known.contains(symbol)) {
            reject(symbol, "Alpaca has no active US equity " + symbol);
            return;
        }
        if (!symbols.add(symbol)) {
            return;
        }
        table.add(symbol);
        refill.add(symbol);
        loadChart(symbol);
        if (current != null && current.step.compareTo(Step.SUBSCRIBING) >= 0) {
            send(current, "subscribe", List.of(symbol));
        }
    }

    @Override
    public void unsubscribe(String symbol) {
        if (!symbols.remove(symbol)) {
            return;
        }
        forget(symbol);
        if (current != null && current.step.compareTo(Step.SUBSCRIBING) >= 0) {
            send(current, "unsubscribe", List.of(symbol));
        }
    }

    @Override
    public void close() {
        gate.close();
        cancel(pingTask);
        cancel(retryTask);
        cancel(dayStatsTask);
        cancel(assetsTask);
    }

    // ---------------------------------------------------------------- frames

    @Override
    public void text(int socket, String frame) {
        Socket s = current;
        if (s == null || s.id != socket) {
            return;
        }
        if (!parser.parse(frame)) {
            onUnparsed(s, frame);
            return;
        }
        boolean others = false;
        for (int i = 0; i < parser.count; i++) {
            switch (parser.kind[i]) {
                case AlpacaFrameParser.TRADE -> refill.live(parser.symbol[i], parser.id[i], parser.timeNanos[i],
                        parser.price[i], parser.size[i]);
                case AlpacaFrameParser.QUOTE -> onQuote(parser.symbol[i], parser.bid[i], parser.ask[i],
                        parser.bidSize[i], parser.askSize[i]);
                case AlpacaFrameParser.BAD -> link.bad("bad-message", "Alpaca message"
                        + (parser.symbol[i] == null ? "" : " for " + parser.symbol[i]) + " dropped: "
                        + parser.problem[i]);
                case AlpacaFrameParser.OTHER -> others = true;
                default -> {
                    // UNWANTED: a symbol unsubscribed a moment ago ("for a short while you may receive data points
                    // for symbols you have recently unsubscribed from").
                }
            }
        }
        if (others) {
            onControl(s, frame);
        }
    }

    /** "price 0 = no active bid/ask" ([skills]): that side keeps its last value rather than showing 0. */
    private void onQuote(String symbol, double bid, double ask, double bidSize, double askSize) {
        if (bid > 0 || ask > 0) {
            link.output().quote(symbol, bid > 0 ? bid : Double.NaN, ask > 0 ? ask : Double.NaN,
                    TradeValues.sizeOrNaN(bidSize), TradeValues.sizeOrNaN(askSize));
        }
    }

    private void onUnparsed(Socket s, String frame) {
        JsonNode root;
        try {
            root = json.readTree(frame);
        } catch (IOException e) {
            link.bad("bad-json", "unreadable Alpaca frame: " + PeerText.escape(frame, 80));
            return;
        }
        if (root != null && root.isArray()) {
            link.bad("too-many-messages", "an Alpaca frame of more than " + AlpacaFrameParser.MAX_MESSAGES
                    + " messages");
        } else {
            link.bad("unexpected", "an Alpaca frame that is not an array: " + PeerText.escape(frame, 80));
        }
    }

    /** Control messages ("always arrive in arrays of size one") and the types this session does not take. */
    private void onControl(Socket s, String frame) {
        JsonNode root;
        try {
            root = json.readTree(frame);
        } catch (IOException e) {
            return; // cannot happen: the frame parsed a moment ago
        }
        for (JsonNode m : root) {
            String type = m.path("T").asText("");
            switch (type) {
                case "t", "q" -> {
                    // Taken by the fast path.
                }
                case "success" -> onSuccess(s, m.path("msg").asText(""));
                case "subscription" -> onSubscription(s, m);
                case "error" -> onError(s, m.path("code").asInt(-1), m.path("msg").asText(""));
                case "c", "x" -> LOG.warn("Alpaca {} trade {} of {}: this product cannot revise a trade it applied",
                        type.equals("c") ? "corrected" : "cancelled", m.path("i").asLong(m.path("oi").asLong(-1)),
                        PeerText.escape(m.path("S").asText(""), 16));
                case "b", "d", "u", "s", "l", "i" -> {
                    // Bars, statuses, LULD bands, imbalances: not subscribed, not used.
                }
                default -> link.bad("unexpected", "Alpaca message of type " + PeerText.escape(type, 16));
            }
        }
    }

    private void onSuccess(Socket s, String msg) {
        if ("connected".equals(msg) && s.step == Step.GREETING) {
            s.step = Step.AUTHENTICATING;
            sendAuth(s);
        } else if ("authenticated".equals(msg) && s.step == Step.AUTHENTICATING) {
            s.step = Step.SUBSCRIBING;
            // Everything in one request; an empty list still brings the subscription answer that ends the handshake.
            send(s, "subscribe", new ArrayList<>(symbols));
        }
    }

    /**
     * "You will always receive your entire list of subscriptions" ([archive realtime]), one answer per request. The
     * first answer ends the handshake; a symbol a subscribe asked for and its answer does not list is rejected; a
     * symbol the server now carries starts its stream ({@link TimeRefill#streaming}: its latest trade, read only now,
     * so nothing between that read and the subscription can slip through).
     */
    private void onSubscription(Socket s, JsonNode m) {
        Set<String> trades = texts(m.path("trades"));
        Set<String> quotes = texts(m.path("quotes"));
        Request answered = s.unanswered.poll();
        if (answered != null && answered.subscribe()) {
            for (String symbol : answered.symbols()) {
                if (symbols.contains(symbol) && !(trades.contains(symbol) && quotes.contains(symbol))) {
                    reject(symbol, "Alpaca did not subscribe " + symbol);
                }
            }
        }
        List<String> newlyStreaming = new ArrayList<>();
        for (String symbol : symbols) {
            if (trades.contains(symbol) && quotes.contains(symbol) && s.streaming.add(symbol)) {
                newlyStreaming.add(symbol);
            }
        }
        s.streaming.retainAll(trades);
        if (s.step == Step.SUBSCRIBING) {
            s.step = Step.STREAMING;
            connectionLimitRefusals = 0;
            link.established(s.id, "subscribed to " + s.streaming.size() + " symbols on "
                    + SocketRequest.labelOf(settings.wsUri("/v2/" + AlpacaRestClient.FEED)), settings.silenceLimitMs());
            refill.reconnected();
            schedulePing(s);
        }
        for (String symbol : newlyStreaming) {
            refill.streaming(symbol);
        }
    }

    private void onError(Socket s, int code, String msg) {
        String peer = code + " " + PeerText.escape(msg, 60);
        switch (code) {
            case 402 -> link.fail("Alpaca refused the key id and secret (" + peer + "): check them");
            case 403 -> LOG.debug("Alpaca: already authenticated");
            case 404 -> link.reconnect("Alpaca closed the socket before authentication (" + peer + ")");
            case 405 -> onSymbolLimit(s, peer);
            case 406 -> onConnectionLimit(s, peer);
            case 407 -> link.reconnect("Alpaca disconnects this client as too slow (" + peer + ")");
            case 408 -> link.fail("the Alpaca account has no market data v2 (" + peer + ")");
            case 409 -> link.fail("the Alpaca plan does not include the " + AlpacaRestClient.FEED + " feed (" + peer
                    + ")");
            case 500 -> link.reconnect("Alpaca internal error (" + peer + ")");
            default -> {
                // 400, 401, 410: the session broke the protocol (a bug); a fresh connection starts clean.
                LOG.warn("Alpaca refused a request ({}); reconnecting", peer);
                link.reconnect("Alpaca error " + peer);
            }
        }
    }

    /**
     * 406: "You already have an ongoing authenticated session" — another program (or another instance of this one)
     * holds the account's one connection. Retried on the same socket a few times (it may be a connection of ours
     * that is just closing), then FAILED: reconnecting for ever would fight the other program.
     */
    private void onConnectionLimit(Socket s, String peer) {
        connectionLimitRefusals++;
        if (connectionLimitRefusals >= CONNECTION_LIMIT_ATTEMPTS) {
            link.fail("Alpaca allows one market-data connection per account and another program holds it (" + peer
                    + ")");
            return;
        }
        cancel(retryTask);
        retryTask = link.schedule(() -> {
            if (current == s && s.step == Step.AUTHENTICATING) {
                sendAuth(s);
            }
        }, CONNECTION_LIMIT_RETRY_MS * connectionLimitRefusals);
    }

    /**
     * 405: the plan's symbol limit; the request it answers changed nothing. A later subscribe's symbols are rejected;
     * for the handshake's, those beyond the free plan's 30 (or else the newest one) are, and the rest asked again.
     */
    private void onSymbolLimit(Socket s, String peer) {
        Request refused = s.unanswered.poll();
        List<String> rejected = new ArrayList<>();
        if (s.step == Step.SUBSCRIBING) {
            List<String> all = new ArrayList<>(symbols);
            int keep = Math.min(all.size() - 1, FREE_PLAN_SYMBOLS);
            rejected.addAll(all.subList(Math.max(0, keep), all.size()));
        } else if (refused != null && refused.subscribe()) {
            rejected.addAll(refused.symbols());
        }
        for (String symbol : rejected) {
            if (symbols.contains(symbol) && !s.streaming.contains(symbol)) {
                reject(symbol, "Alpaca's plan streams no more symbols (" + peer + ")");
            }
        }
        if (s.step == Step.SUBSCRIBING) {
            send(s, "subscribe", new ArrayList<>(symbols));
        }
    }

    private void sendAuth(Socket s) {
        ObjectNode auth = json.createObjectNode();
        auth.put("action", "auth");
        auth.put("key", settings.credentials().key());
        auth.put("secret", settings.credentials().secret());
        link.send(s.id, write(auth)); // never logged: it holds the secret
    }

    private void send(Socket s, String action, Collection<String> list) {
        s.unanswered.add(new Request(action.equals("subscribe"), List.copyOf(list)));
        ObjectNode request = json.createObjectNode();
        request.put("action", action);
        ArrayNode trades = request.putArray("trades");
        ArrayNode quotes = request.putArray("quotes");
        for (String symbol : list) {
            trades.add(symbol);
            quotes.add(symbol);
        }
        link.send(s.id, write(request));
    }

    private void schedulePing(Socket s) {
        cancel(pingTask);
        long every = Math.max(1, settings.silenceLimitMs() / 2);
        pingTask = link.schedule(new Runnable() {
            @Override
            public void run() {
                if (current == s) {
                    link.ping(s.id);
                    pingTask = link.schedule(this, every);
                }
            }
        }, every);
    }

    // ---------------------------------------------------------------- REST: assets, day statistics, chart

    private void loadAssets() {
        List<String> exchanges = AlpacaRestClient.EXCHANGES;
        Set<String> all = new HashSet<>();
        List<SymbolInfo> infos = new ArrayList<>();
        int[] answered = {0};
        boolean[] failed = {false};
        for (String exchange : exchanges) {
            rest.assets(exchange, assets -> {
                for (AlpacaRestClient.Asset a : assets) {
                    if (all.add(a.symbol()) && a.tradable()) {
                        infos.add(new SymbolInfo(a.symbol(), a.name()));
                    }
                }
                if (++answered[0] == exchanges.size() && !failed[0]) {
                    onAssets(all, infos);
                }
            }, why -> {
                if (!failed[0]) {
                    failed[0] = true;
                    // A partial list would reject real symbols: without the whole list, none is rejected.
                    LOG.warn("Alpaca asset list unavailable ({}): symbols are not checked", why);
                }
            });
        }
    }

    private void onAssets(Set<String> all, List<SymbolInfo> infos) {
        infos.sort((a, b) -> a.symbol().compareTo(b.symbol()));
        known = all;
        offered = List.copyOf(infos);
        for (String symbol : new ArrayList<>(symbols)) {
            if (!all.contains(symbol)) {
                // Alpaca accepts a subscription of an unknown symbol and never sends a point: say so instead.
                reject(symbol, "Alpaca has no active US equity " + symbol);
            }
        }
    }

    private void reject(String symbol, String why) {
        if (symbols.remove(symbol)) {
            forget(symbol);
            if (current != null && current.step.compareTo(Step.SUBSCRIBING) >= 0) {
                send(current, "unsubscribe", List.of(symbol));
            }
        }
        link.dropSymbol(symbol);
        link.emit(new FeedEvent.SymbolRejected(symbol, null, why));
    }

    private void forget(String symbol) {
        refill.remove(symbol);
        table.remove(symbol);
        if (current != null) {
            current.streaming.remove(symbol);
        }
    }

    private void refreshDayStats() {
        rest.dayStats(new ArrayList<>(symbols), stats -> {
            for (AlpacaRestClient.DayStats d : stats) {
                if (symbols.contains(d.symbol())) {
                    // The snapshot's quote is older than the stream's: only the day is taken from it.
                    link.market().applyDayStats(d.symbol(), price(d.open()), price(d.high()), price(d.low()),
                            price(d.previousClose()), TradeValues.size(d.volume()) ? d.volume() : Double.NaN);
                }
            }
        });
        dayStatsTask = link.schedule(this::refreshDayStats, DAY_STATS_EVERY_MS);
    }

    /**
     * Older bars on demand (the chart scrolled left): {@code /v2/stocks/{symbol}/bars} at the asked timeframe (1 m,
     * 5 m, 15 m, 1 h, 4 h, 1 D; none under a minute), the newest {@code maxBars} before {@code beforeMs} with
     * {@code sort=desc}. The market trades a few hours a day, so the window reaches back {@link #HISTORY_WINDOW_FACTOR}
     * times the bars' span; an empty page is taken as the start of the symbol's history.
     */
    @Override
    public boolean history(String symbol, BarInterval interval, long beforeMs, int maxBars,
                           FeedSession.HistoryResult result) {
        String timeframe = switch (interval) {
            case M1 -> "1Min";
            case M5 -> "5Min";
            case M15 -> "15Min";
            case H1 -> "1Hour";
            case H4 -> "4Hour";
            case D1 -> "1Day";
            default -> null;
        };
        if (timeframe == null || !symbols.contains(symbol)) {
            return false;
        }
        long end = beforeMs == Long.MAX_VALUE ? System.currentTimeMillis() : beforeMs - 1;
        int limit = Math.min(maxBars, AlpacaRestClient.BARS_LIMIT);
        long start = end - HISTORY_WINDOW_FACTOR * limit * interval.millis();
        rest.barsBefore(symbol, timeframe, start, end, limit, bars -> {
            HistoryBars out = HistoryBars.allocate(interval, bars.size());
            int n = 0;
            for (AlpacaRestClient.Bar b : bars) {
                if (b.startMs() <= end) {
                    out.times()[n] = b.startMs();
                    out.open()[n] = b.open();
                    out.high()[n] = b.high();
                    out.low()[n] = b.low();
                    out.close()[n] = b.close();
                    out.volume()[n] = b.volume();
                    n++;
                }
            }
            result.bars(out.withCount(n), n == 0);
        }, result::failed);
        return true;
    }

    /** Minute bars of the last hours for the chart; the newest is still open (live trades build it), so left out. */
    private void loadChart(String symbol) {
        rest.minuteBars(symbol, System.currentTimeMillis() - CHART_HISTORY_MS, bars -> {
            int n = Math.max(0, bars.size() - 1);
            if (n == 0 || !symbols.contains(symbol)) {
                return;
            }
            long[] t = new long[n];
            double[] o = new double[n];
            double[] h = new double[n];
            double[] l = new double[n];
            double[] c = new double[n];
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                AlpacaRestClient.Bar b = bars.get(i);
                t[i] = b.startMs();
                o[i] = b.open();
                h[i] = b.high();
                l[i] = b.low();
                c[i] = b.close();
                v[i] = b.volume();
            }
            link.market().applyHistory(symbol, BarInterval.M1, t, o, h, l, c, v, n);
        });
    }

    // ---------------------------------------------------------------- helpers

    private static Set<String> texts(JsonNode list) {
        Set<String> out = new HashSet<>();
        for (JsonNode n : list) {
            if (n.isTextual()) {
                out.add(n.asText());
            }
        }
        return out;
    }

    private String write(JsonNode node) {
        try {
            return json.writeValueAsString(node);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode a request", e);
        }
    }

    /** A price the model can hold, or NaN (the field is kept). */
    private static double price(double value) {
        return TradeValues.price(value) ? value : Double.NaN;
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }

    private static void cancel(ScheduledFuture<?> task) {
        if (task != null) {
            task.cancel(false);
        }
    }
}
