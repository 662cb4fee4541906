package io.stockmonitor.source.binance;

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
 * Binance spot as a {@link FeedSession} (docs/sources/binance.md): one combined-stream socket carrying
 * {@code <symbol>@aggTrade} and {@code <symbol>@bookTicker} for every symbol, subscribed with one SUBSCRIBE whose
 * answer ends the handshake. Aggregate ids go through a {@link TradeSequencer}, so a drop, a stall, a skipped id or
 * the exchange's own {@code serverShutdown} is refilled over REST by id, every trade exactly once. The 24 h lifetime
 * is met by a planned overlap: a second socket subscribes the same streams, both feed the same sequencer, and the
 * old one is retired once the new one has caught up (or after {@link #OVERLAP_MAX_MS}). Pings count as signs of
 * life (there is no application heartbeat); at most {@link #REQUESTS_PER_SECOND} requests a second leave, pongs
 * included within Binance's 5.
 */
final class BinanceSession implements FeedSession {
    /** Binance allows 5 incoming messages a second, pongs included: our requests stay at 3. */
    static final int REQUESTS_PER_SECOND = 3;
    /** Streams one SUBSCRIBE carries at most (Binance: 1,024 a connection). */
    static final int STREAMS_PER_REQUEST = 200;
    /** A rollover retires the old socket this long after the new one is subscribed, caught up or not. */
    static final long OVERLAP_MAX_MS = 30_000;
    /** Day statistics are re-read this often. */
    static final long DAY_STATS_EVERY_MS = 60_000;
    /** Added symbols wait this long for others before their day statistics are read. */
    static final long DAY_STATS_SOON_MS = 200;
    /** Symbols per ticker/24hr call (20 keeps its weight at 2). */
    static final int DAY_STATS_BATCH = 20;
    private static final Logger LOG = LoggerFactory.getLogger(BinanceSession.class);
    static final String EPOCH = "binance";

    private final FeedLink link;
    private final SourceSettings settings;
    private final ObjectMapper json = new ObjectMapper();
    private final SymbolTable table = new SymbolTable();
    private final BinanceWeight weight = new BinanceWeight(6_000);
    private final RestGate gate;
    private final BinanceRestClient rest;
    private final TradeSequencer sequencer;
    private final BinanceFrameIngest ingest;
    private volatile List<SymbolInfo> offered = List.of();

    // ---- feed-thread state ----
    private final Set<String> symbols = new LinkedHashSet<>();
    private Set<String> known;
    private final Map<Integer, Socket> sockets = new HashMap<>();
    private long nextRequestId = 1;
    private int replacing = -1;
    private boolean started;
    /** The socket whose frame is being handled. */
    private Socket current;
    private ScheduledFuture<?> rolloverTask;
    private ScheduledFuture<?> dayStatsTask;
    private ScheduledFuture<?> overlapTask;

    /** One socket's subscription state. */
    private static final class Socket {
        final int id;
        long subscribeId = -1;
        boolean subscribed;
        /** Symbols this socket has shown a trade at or below the sequencer's next id for (rollover catch-up). */
        final Set<String> caughtUp = new HashSet<>();

        Socket(int id) {
            this.id = id;
        }
    }

    BinanceSession(FeedLink link, SourceSettings settings) {
        this.link = link;
        this.settings = settings;
        this.gate = new RestGate(link, "Binance", 20, settings.limits(), weight, Map.of());
        this.rest = new BinanceRestClient(settings, gate, weight);
        this.sequencer = new TradeSequencer(link, EPOCH, rest, settings.limits());
        this.ingest = new BinanceFrameIngest(table, sequencer, link.output(), this::seenOnReplacement);
    }

    @Override
    public void start() {
        rest.exchangeInfo(this::onExchangeInfo, why -> LOG.warn("Binance symbol list unavailable: {}", why));
        started = true;
        dayStatsSoon();
    }

    @Override
    public SocketRequest nextRequest() {
        return SocketRequest.of(settings.wsUri("/stream"));
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
        subscribeAll(s);
    }

    @Override
    public void lost(int socket, boolean wasEstablished) {
        sockets.remove(socket);
        if (socket == replacing) {
            replacing = -1;
        }
        if (sockets.isEmpty()) {
            cancel(overlapTask);
            cancel(rolloverTask);
        }
    }

    @Override
    public void subscribe(String symbol) {
        if (known != null && !known.contains(symbol)) {
            reject(symbol);
            return;
        }
        if (!symbols.add(symbol)) {
            return;
        }
        table.add(symbol);
        sequencer.add(symbol);
        loadHistory(symbol);
        dayStatsSoon();
        for (Socket s : sockets.values()) {
            if (s.subscribed) {
                send(s, "SUBSCRIBE", streamsOf(List.of(symbol)));
            }
        }
    }

    @Override
    public void unsubscribe(String symbol) {
        if (!symbols.remove(symbol)) {
            return;
        }
        sequencer.remove(symbol);
        table.remove(symbol);
        for (Socket s : sockets.values()) {
            if (s.subscribed) {
                send(s, "UNSUBSCRIBE", streamsOf(List.of(symbol)));
            }
        }
    }

    @Override
    public void close() {
        gate.close();
        cancel(rolloverTask);
        cancel(dayStatsTask);
        cancel(overlapTask);
    }

    @Override
    public void text(int socket, String frame) {
        Socket s = sockets.get(socket);
        if (s == null) {
            return;
        }
        current = s;
        switch (ingest.accept(frame)) {
            case DATA -> {
            }
            case BAD -> link.bad("bad-data", ingest.problem());
            case CONTROL -> onControl(s, frame);
        }
    }

    /** A valid trade from the socket being read: during a rollover, the new socket has caught up with it. */
    private void seenOnReplacement(String symbol, long id) {
        Socket s = current;
        if (replacing == s.id && id <= sequencer.lastId(symbol) + 1 && s.caughtUp.add(symbol)) {
            maybeFinishRollover();
        }
    }

    private void onControl(Socket s, String frame) {
        JsonNode root;
        try {
            root = json.readTree(frame);
        } catch (IOException e) {
            link.bad("bad-json", "unreadable frame: " + PeerText.escape(frame, 80));
            return;
        }
        JsonNode data = root.path("data");
        String event = data.isObject() ? data.path("e").asText("") : root.path("e").asText("");
        if ("serverShutdown".equals(event)) {
            LOG.info("Binance announced a server shutdown on socket {}: moving to a new connection", s.id);
            startRollover("the server announced its shutdown");
            return;
        }
        if (root.has("id") && (root.has("result") || root.has("code") || root.has("error"))) {
            onAnswer(s, root);
            return;
        }
        link.bad("unexpected", "a frame the session does not know: " + PeerText.escape(frame, 80));
    }

    private void onAnswer(Socket s, JsonNode answer) {
        long id = answer.path("id").asLong(-1);
        boolean error = answer.has("code") || answer.has("error");
        if (error) {
            JsonNode e = answer.has("error") ? answer.path("error") : answer;
            String why = "code " + e.path("code").asText("?") + ": " + PeerText.escape(e.path("msg").asText(""));
            if (id == s.subscribeId && !s.subscribed) {
                link.fail("Binance refused the subscription (" + why + ")");
            } else {
                LOG.warn("Binance refused request {}: {}", id, why);
            }
            return;
        }
        if (id == s.subscribeId && !s.subscribed) {
            s.subscribed = true;
            boolean replacement = link.primarySocket() >= 0 && link.primarySocket() != s.id;
            link.established(s.id, "subscribed to " + symbols.size() + " symbols on " + SocketRequest.labelOf(
                    settings.ws()), settings.silenceLimitMs());
            if (replacement) {
                overlapTask = link.schedule(this::finishRollover, OVERLAP_MAX_MS);
                maybeFinishRollover();
            } else {
                sequencer.reconnected();
                scheduleRollover();
            }
        }
    }

    private void subscribeAll(Socket s) {
        List<String> streams = streamsOf(new ArrayList<>(symbols));
        if (streams.isEmpty()) {
            // Nothing to carry yet: an empty subscription still proves the socket works.
            s.subscribeId = send(s, "SUBSCRIBE", List.of());
            return;
        }
        for (int from = 0; from < streams.size(); from += STREAMS_PER_REQUEST) {
            long id = send(s, "SUBSCRIBE", streams.subList(from, Math.min(streams.size(), from + STREAMS_PER_REQUEST)));
            s.subscribeId = id; // the last answer means every part was taken
        }
    }

    private long send(Socket s, String method, List<String> params) {
        long id = nextRequestId++;
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("method", method);
        request.put("params", params);
        request.put("id", id);
        try {
            link.send(s.id, json.writeValueAsString(request));
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode a request", e);
        }
        return id;
    }

    private static List<String> streamsOf(List<String> list) {
        List<String> streams = new ArrayList<>(list.size() * 2);
        for (String symbol : list) {
            String s = BinanceRestClient.streamSymbol(symbol);
            streams.add(s + "@aggTrade");
            streams.add(s + "@bookTicker");
        }
        return streams;
    }

    // ---------------------------------------------------------------- rollover (the 24 h lifetime)

    private void scheduleRollover() {
        cancel(rolloverTask);
        if (settings.rolloverAfterMs() > 0) {
            rolloverTask = link.schedule(() -> startRollover("the connection is "
                    + age(settings.rolloverAfterMs()) + " old (Binance closes it at 24 h)"), settings.rolloverAfterMs());
        }
    }

    private void startRollover(String why) {
        if (replacing >= 0) {
            return;
        }
        int id = link.rollover(why);
        if (id < 0) {
            // No established socket: an ordinary reconnect (and refill) follows the close.
            link.reconnect(why);
            return;
        }
        replacing = id;
    }

    private void maybeFinishRollover() {
        Socket next = sockets.get(replacing);
        if (next != null && next.subscribed && next.caughtUp.containsAll(symbols)) {
            finishRollover();
        }
    }

    /** The new socket carries everything: the old ones go. Anything the switch missed is refilled by id. */
    private void finishRollover() {
        Socket next = sockets.get(replacing);
        cancel(overlapTask);
        if (next == null) {
            return;
        }
        replacing = -1;
        for (Integer old : new ArrayList<>(sockets.keySet())) {
            if (old != next.id) {
                link.retire(old);
            }
        }
        scheduleRollover();
    }

    // ---------------------------------------------------------------- REST: symbols, day statistics, history

    private void onExchangeInfo(List<BinanceRestClient.SymbolRow> rows) {
        Set<String> all = new HashSet<>();
        List<SymbolInfo> trading = new ArrayList<>();
        for (BinanceRestClient.SymbolRow r : rows) {
            all.add(r.symbol());
            if ("TRADING".equals(r.status())) {
                trading.add(new SymbolInfo(r.symbol(), r.baseAsset() + " / " + r.quoteAsset()));
            }
        }
        known = all;
        offered = List.copyOf(trading);
        for (String symbol : new ArrayList<>(symbols)) {
            if (!all.contains(symbol)) {
                // Binance accepts a stream of an unknown symbol and never sends a frame: say so instead.
                symbols.remove(symbol);
                sequencer.remove(symbol);
                table.remove(symbol);
                reject(symbol);
            }
        }
    }

    private void reject(String symbol) {
        link.dropSymbol(symbol);
        link.emit(new FeedEvent.SymbolRejected(symbol, null, "Binance has no symbol " + symbol));
    }

    /** New symbols get their day statistics within a moment (a burst of adds shares one call). */
    private void dayStatsSoon() {
        if (!started || (dayStatsTask != null && dayStatsTask.getDelay(java.util.concurrent.TimeUnit.MILLISECONDS)
                <= DAY_STATS_SOON_MS)) {
            return;
        }
        cancel(dayStatsTask);
        dayStatsTask = link.schedule(this::refreshDayStats, DAY_STATS_SOON_MS);
    }

    private void refreshDayStats() {
        List<String> all = new ArrayList<>(symbols);
        for (int from = 0; from < all.size(); from += DAY_STATS_BATCH) {
            rest.dayStats(all.subList(from, Math.min(all.size(), from + DAY_STATS_BATCH)), stats -> {
                for (BinanceRestClient.DayStats d : stats) {
                    if (symbols.contains(d.symbol())) {
                        // Binance's change is against the price 24 h ago (the window's open), not a previous close.
                        link.market().applyDayStats(d.symbol(), d.open(), d.high(), d.low(), d.open(), d.volume());
                    }
                }
            });
        }
        dayStatsTask = link.schedule(this::refreshDayStats, DAY_STATS_EVERY_MS);
    }

    /**
     * Older candles on demand (the chart scrolled left): Binance's klines before {@code beforeMs}; 5 s and 15 s,
     * which Binance does not have, come as 1 s klines that the model aggregates.
     */
    @Override
    public boolean history(String symbol, BarInterval interval, long beforeMs, int maxBars,
                           FeedSession.HistoryResult result) {
        BarInterval asked = interval == BarInterval.S5 || interval == BarInterval.S15 ? BarInterval.S1 : interval;
        String name = switch (asked) {
            case S1 -> "1s";
            case M1 -> "1m";
            case M5 -> "5m";
            case M15 -> "15m";
            case H1 -> "1h";
            case H4 -> "4h";
            case D1 -> "1d";
            default -> null;
        };
        if (name == null || !symbols.contains(symbol)) {
            return false;
        }
        int limit = Math.min(maxBars, BinanceRestClient.PAGE);
        rest.klines(symbol, name, limit, beforeMs - 1, rows -> {
            HistoryBars bars = HistoryBars.allocate(asked, rows.size());
            int n = 0;
            for (BinanceRestClient.Kline k : rows) {
                if (k.openTime() < beforeMs) {
                    bars.times()[n] = k.openTime();
                    bars.open()[n] = k.open();
                    bars.high()[n] = k.high();
                    bars.low()[n] = k.low();
                    bars.close()[n] = k.close();
                    bars.volume()[n] = k.volume();
                    n++;
                }
            }
            result.bars(bars.withCount(n), rows.size() < limit);
        }, result::failed);
        return true;
    }

    /** Candles for the chart: 8 h of 1 m klines, then the last 1,000 s of 1 s klines. */
    private void loadHistory(String symbol) {
        rest.klines(symbol, "1m", 480, Long.MAX_VALUE, minutes -> {
            applyKlines(symbol, BarInterval.M1, minutes);
            rest.klines(symbol, "1s", 1000, Long.MAX_VALUE, seconds -> applyKlines(symbol, BarInterval.S1, seconds),
                    why -> { });
        }, why -> { });
    }

    private void applyKlines(String symbol, BarInterval interval, List<BinanceRestClient.Kline> rows) {
        // The newest kline is still open: live trades build that bar, so it is left out (no double count).
        int n = Math.max(0, rows.size() - 1);
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
            BinanceRestClient.Kline k = rows.get(i);
            t[i] = k.openTime();
            o[i] = k.open();
            h[i] = k.high();
            l[i] = k.low();
            c[i] = k.close();
            v[i] = k.volume();
        }
        link.market().applyHistory(symbol, interval, t, o, h, l, c, v, n);
    }

    private static String age(long ms) {
        long minutes = ms / 60_000;
        return minutes == 0 ? ms / 1000 + " s" : minutes >= 60 ? minutes / 60 + " h " + minutes % 60 + " min"
                : minutes + " min";
    }

    private static void cancel(ScheduledFuture<?> task) {
        if (task != null) {
            task.cancel(false);
        }
    }
}
