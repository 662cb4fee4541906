package io.stockmonitor.source.finnhub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stockmonitor.feed.FeedEvent;
import io.stockmonitor.feed.FeedLink;
import io.stockmonitor.feed.FeedSession;
import io.stockmonitor.feed.PeerText;
import io.stockmonitor.feed.SocketRequest;
import io.stockmonitor.feed.SymbolTable;
import io.stockmonitor.market.BarInterval;
import io.stockmonitor.market.GapKind;
import io.stockmonitor.source.RestGate;
import io.stockmonitor.source.SourceSettings;
import io.stockmonitor.source.TradeValues;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finnhub's trades WebSocket as a {@link FeedSession} (docs/sources/finnhub.md): one socket on
 * {@code wss://ws.finnhub.io?token=…}, one {@code subscribe} message per symbol, trades batched in {@code data}.
 *
 * <p>Finnhub has no trade id, no sequence and no REST history of ticks: a lost trade can be neither detected nor
 * refilled. So every reconnect is a visible, counted gap: each symbol subscribed when an established connection was
 * lost settles, once the next connection is up, as {@link GapKind#LOST} with an unknown count and no ids. A
 * quiet symbol is no exception (it may have traded while the connection was down). Trades carry a per-symbol local
 * sequence number (1, 2, 3 … for the whole run) as the record's seq; duplicates cannot be told from two equal
 * trades in one millisecond, so every trade that arrives is applied.
 *
 * <p>Finnhub acknowledges no subscription, so the handshake is complete once the socket is open: the status says
 * "subscribing", never that a symbol is live. The JSON {@code {"type":"ping"}} it sends when idle is a sign of life
 * (the supervisor counts every frame), and so are the pongs to the WebSocket pings the session sends every
 * {@link #PING_EVERY_MS}; nothing documents an answer to Finnhub's own ping, so none is sent.
 *
 * <p>The token is a query parameter of the socket URL, the only documented way: the URL is never logged or shown
 * ({@link SocketRequest#label} has no query), and REST calls carry it in a header instead.
 */
final class FinnhubSession implements FeedSession {
    static final String EPOCH = "finnhub";
    /** Nothing documents a limit on client messages; subscribe messages go at this rate. */
    static final int REQUESTS_PER_SECOND = 10;
    /** REST calls a second ("pace to at most one call a second"). */
    static final int REST_PER_SECOND = 1;
    /** WebSocket pings, at most this often (and at least twice per silence limit). */
    static final long PING_EVERY_MS = 30_000;
    private static final Logger LOG = LoggerFactory.getLogger(FinnhubSession.class);

    private final FeedLink link;
    private final SourceSettings settings;
    private final ObjectMapper json = new ObjectMapper();
    private final SymbolTable table = new SymbolTable();
    private final FinnhubFrameParser parser = new FinnhubFrameParser(table);
    private final RestGate gate;
    private final FinnhubRestClient rest;
    private volatile List<SymbolInfo> offered = List.of();

    // ---- feed-thread state ----
    private final Map<String, Stream> streams = new LinkedHashMap<>();
    /** Symbols subscribed when an established connection was lost, with the start of their lost span. */
    private final Map<String, Long> interrupted = new LinkedHashMap<>();
    /** Listed US symbols, once the whole list is in. */
    private Set<String> known;
    private int socket = -1;
    private ScheduledFuture<?> pingTask;
    private ScheduledFuture<?> listTask;

    /** One symbol's local sequence and last trade. */
    private static final class Stream {
        long seq;
        long lastTs = -1;
    }

    FinnhubSession(FeedLink link, SourceSettings settings) {
        this.link = link;
        this.settings = settings;
        String token = settings.credentials().key();
        this.gate = new RestGate(link, "Finnhub", REST_PER_SECOND, settings.limits(), new FinnhubMinuteBudget(),
                Map.of("X-Finnhub-Token", token == null ? "" : token));
        this.rest = new FinnhubRestClient(settings, gate);
    }

    @Override
    public void start() {
        listTask = link.schedule(this::loadSymbols, 0);
    }

    @Override
    public SocketRequest nextRequest() {
        if (!settings.credentials().present()) {
            throw new IllegalArgumentException("Finnhub needs a token");
        }
        // The label (no query) is all that is ever shown or logged of this URL.
        return SocketRequest.of(settings.wsUri("/?token=" + FinnhubRestClient.enc(settings.credentials().key())));
    }

    /**
     * Finnhub's candles ({@code /stock/candle}) are not on the free plan, and the source reads no other history: the
     * chart has the live trades only.
     */
    @Override
    public boolean history(String symbol, BarInterval interval, long beforeMs, int maxBars, HistoryResult result) {
        return false;
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
    public void opened(int id) {
        socket = id;
        for (String symbol : streams.keySet()) {
            send("subscribe", symbol);
        }
        link.established(id, "subscribing to " + streams.size() + " symbols on " + SocketRequest.labelOf(
                settings.ws()) + " (Finnhub confirms no subscription)", settings.silenceLimitMs());
        settleInterrupted();
        schedulePing(id);
    }

    @Override
    public void lost(int id, boolean wasEstablished) {
        if (id != socket) {
            return;
        }
        socket = -1;
        cancel(pingTask);
        if (wasEstablished) {
            long now = System.currentTimeMillis();
            for (Map.Entry<String, Stream> e : streams.entrySet()) {
                long from = e.getValue().lastTs > 0 ? e.getValue().lastTs : now;
                interrupted.putIfAbsent(e.getKey(), from);
            }
        }
    }

    /** Nothing can refill what the lost connection missed: each interrupted symbol's span is lost, count unknown. */
    private void settleInterrupted() {
        if (interrupted.isEmpty()) {
            return;
        }
        long now = System.currentTimeMillis();
        for (Map.Entry<String, Long> e : interrupted.entrySet()) {
            if (streams.containsKey(e.getKey())) {
                link.output().gap(new FeedEvent.GapSettled(e.getKey(), GapKind.LOST, null, null, e.getValue(), now,
                        0, -1));
            }
        }
        LOG.info("Finnhub: reconnected; the trades of {} symbols while the connection was down are lost (Finnhub"
                + " has no history to refill them from)", interrupted.size());
        interrupted.clear();
    }

    @Override
    public void subscribe(String symbol) {
        if (known != null && usTicker(symbol) && !known.contains(symbol)) {
            reject(symbol, "Finnhub lists no US stock " + symbol);
            return;
        }
        if (streams.containsKey(symbol)) {
            return;
        }
        streams.put(symbol, new Stream());
        table.add(symbol);
        if (socket >= 0) {
            send("subscribe", symbol);
        }
        rest.quote(symbol, this::onQuote, why -> LOG.info("Finnhub {}: no quote ({})", symbol, why));
    }

    @Override
    public void unsubscribe(String symbol) {
        if (streams.remove(symbol) == null) {
            return;
        }
        table.remove(symbol);
        interrupted.remove(symbol);
        if (socket >= 0) {
            send("unsubscribe", symbol);
        }
    }

    @Override
    public void close() {
        gate.close();
        cancel(pingTask);
        cancel(listTask);
    }

    // ---------------------------------------------------------------- frames

    @Override
    public void text(int id, String frame) {
        if (id != socket) {
            return;
        }
        switch (parser.parse(frame)) {
            case TRADES -> onTrades();
            case PING -> {
                // A sign of life, counted by the supervisor as every frame is; nothing documents an answer.
            }
            case OTHER -> onOther(frame);
            case MALFORMED -> link.bad("bad-json", "unreadable Finnhub frame: " + PeerText.escape(frame, 80));
        }
    }

    private void onTrades() {
        for (int i = 0; i < parser.count; i++) {
            switch (parser.kind[i]) {
                case FinnhubFrameParser.TRADE -> {
                    String symbol = parser.symbol[i];
                    Stream s = streams.get(symbol);
                    if (s != null) {
                        s.seq++;
                        s.lastTs = parser.timeMs[i];
                        // v = 0 is "a price update" for some venues: applied with no volume, as sent.
                        link.output().trade(symbol, EPOCH, s.seq, parser.timeMs[i], parser.price[i],
                                parser.volume[i], Double.NaN, Double.NaN, true);
                    }
                }
                case FinnhubFrameParser.BAD -> link.bad("bad-trade", "Finnhub trade"
                        + (parser.symbol[i] == null ? "" : " of " + parser.symbol[i]) + " dropped: "
                        + parser.problem[i]);
                default -> {
                    // UNWANTED: a symbol unsubscribed a moment ago.
                }
            }
        }
    }

    private void onOther(String frame) {
        JsonNode root;
        try {
            root = json.readTree(frame);
        } catch (IOException e) {
            link.bad("bad-json", "unreadable Finnhub frame: " + PeerText.escape(frame, 80));
            return;
        }
        String type = root == null ? "" : root.path("type").asText("");
        if ("error".equals(type)) {
            // Only "Subscribing to too many symbols" is known (observed): shown, and the session goes on.
            String msg = PeerText.escape(root.path("msg").asText(""));
            LOG.warn("Finnhub error: {}", msg);
            link.emit(new FeedEvent.ServerError(null, "Finnhub: " + msg));
        } else {
            link.bad("unexpected", "a Finnhub message the session does not know: " + PeerText.escape(frame, 80));
        }
    }

    private void send(String type, String symbol) {
        Map<String, String> message = new LinkedHashMap<>();
        message.put("type", type);
        message.put("symbol", symbol);
        try {
            link.send(socket, json.writeValueAsString(message));
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode a request", e);
        }
    }

    private void schedulePing(int id) {
        cancel(pingTask);
        long every = Math.max(1, Math.min(PING_EVERY_MS, settings.silenceLimitMs() / 2));
        pingTask = link.schedule(new Runnable() {
            @Override
            public void run() {
                if (socket == id) {
                    link.ping(id);
                    pingTask = link.schedule(this, every);
                }
            }
        }, every);
    }

    // ---------------------------------------------------------------- REST: quotes, symbols

    /**
     * A symbol's day statistics and, until its first trade, its price. The price goes to the market model alone
     * (stamped now, no volume): it is the quote's "Current price", not a trade, so the record never sees it.
     */
    private void onQuote(FinnhubRestClient.Quote q) {
        String symbol = q.symbol();
        Stream s = streams.get(symbol);
        if (s == null) {
            return;
        }
        if (q.empty()) {
            // Finnhub answers an unknown symbol with zeros; the quote covers US stocks only.
            if (usTicker(symbol) && (known == null || !known.contains(symbol))) {
                reject(symbol, "Finnhub has no quote for " + symbol);
            }
            return;
        }
        if (TradeValues.price(q.open()) && TradeValues.price(q.high()) && TradeValues.price(q.low())) {
            link.market().applyDayStats(symbol, q.open(), q.high(), q.low(),
                    TradeValues.price(q.previousClose()) ? q.previousClose() : Double.NaN, Double.NaN);
        }
        if (s.seq == 0 && TradeValues.price(q.current())) {
            long now = System.currentTimeMillis();
            link.market().applyTick(symbol, 0, now, q.current(), 0, Double.NaN, Double.NaN, now);
        }
    }

    private void loadSymbols() {
        List<String> venues = FinnhubRestClient.US_VENUES;
        Map<String, String> names = new HashMap<>();
        int[] answered = {0};
        boolean[] failed = {false};
        for (String mic : venues) {
            rest.symbols(mic, rows -> {
                for (FinnhubRestClient.Listing r : rows) {
                    names.putIfAbsent(r.symbol(), r.description());
                }
                if (++answered[0] == venues.size() && !failed[0]) {
                    onSymbols(names);
                }
            }, why -> {
                if (!failed[0]) {
                    failed[0] = true;
                    // A partial list would reject real symbols: without the whole list, none is rejected by it.
                    LOG.warn("Finnhub symbol list unavailable ({}): symbols are checked by their quote only", why);
                }
            });
        }
    }

    private void onSymbols(Map<String, String> names) {
        List<SymbolInfo> infos = new ArrayList<>(names.size());
        names.forEach((symbol, name) -> infos.add(new SymbolInfo(symbol, name)));
        infos.sort((a, b) -> a.symbol().compareTo(b.symbol()));
        known = new HashSet<>(names.keySet());
        offered = List.copyOf(infos);
        for (String symbol : new ArrayList<>(streams.keySet())) {
            if (usTicker(symbol) && !known.contains(symbol)) {
                reject(symbol, "Finnhub lists no US stock " + symbol);
            }
        }
    }

    private void reject(String symbol, String why) {
        if (streams.containsKey(symbol)) {
            unsubscribe(symbol);
        }
        link.dropSymbol(symbol);
        link.emit(new FeedEvent.SymbolRejected(symbol, null, why));
    }

    /**
     * A plain ticker ({@code AAPL}) is a US stock, checked against the list; one with a venue prefix
     * ({@code BINANCE:BTCUSDT}, {@code OANDA:EUR_USD}) cannot be checked with the free endpoints and is taken as is.
     */
    private static boolean usTicker(String symbol) {
        return symbol.indexOf(':') < 0;
    }

    private static void cancel(ScheduledFuture<?> task) {
        if (task != null) {
            task.cancel(false);
        }
    }
}
