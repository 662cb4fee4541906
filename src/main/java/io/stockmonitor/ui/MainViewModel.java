package io.stockmonitor.ui;

import io.stockmonitor.ui.chart.ChartHistoryLoader;
import io.stockmonitor.ui.chart.ChartLayout;
import io.stockmonitor.ui.chart.ChartMode;
import io.stockmonitor.ui.chart.ChartViewModel;
import io.stockmonitor.ui.chart.LinkGroup;
import io.stockmonitor.ui.connect.CredentialVault;
import io.stockmonitor.ui.settings.Settings;
import io.stockmonitor.ui.status.StatusBarViewModel;
import io.stockmonitor.ui.watchlist.WatchLists;
import io.stockmonitor.ui.watchlist.WatchlistViewModel;

import io.stockmonitor.market.MarketModel;
import io.stockmonitor.market.QuoteView;
import io.stockmonitor.ui.alerts.AlertContext;
import io.stockmonitor.ui.alerts.AlertsViewModel;
import io.stockmonitor.ui.tape.TapeViewModel;
import io.stockmonitor.source.SourceChoice;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The window's state: the three panes' view models, the theme, and the current feed session. Sessions start and
 * stop on one background thread ("session-starter") so the FX thread never waits on a network; their results and
 * every connection event come back through one {@link LinkEventQueue} that {@link #frame(long)} drains.
 */
public final class MainViewModel implements AutoCloseable {
    /** Between these, rows are re-read even when the market did not change (ages, STALE). */
    static final long PERIODIC_REFRESH_MS = 250;
    /**
     * The watchlist's cells, the status bar's figures and the tape take the model's changes at most this often
     * (the first change after a quiet spell shows on the next frame): a cell redrawn four times a second is read as
     * easily as one redrawn sixty times, and on the software pipeline each redraw of a pane costs the renderer a
     * copy of the whole pane. The chart takes every frame's changes (tick-to-screen is measured on it).
     */
    public static final long CELL_REFRESH_MS = 250;
    static final long TAPE_REFRESH_MS = 200;
    private static final Logger LOG = LoggerFactory.getLogger(MainViewModel.class);

    private final WatchlistViewModel watchlist = new WatchlistViewModel();
    private final ChartViewModel chart = new ChartViewModel();
    private final ChartHistoryLoader chartHistory = new ChartHistoryLoader();
    /** The layout's further charts (the first is {@link #chart()}), each with its own history loader. */
    private final List<ChartViewModel> moreCharts = new ArrayList<>();
    private final List<ChartHistoryLoader> moreHistory = new ArrayList<>();
    private final javafx.beans.property.ObjectProperty<ChartLayout> chartLayout =
            new javafx.beans.property.SimpleObjectProperty<>(this, "chartLayout", ChartLayout.ONE);
    private final StatusBarViewModel status = new StatusBarViewModel();
    private final AlertsViewModel alerts;
    private final TapeViewModel tape = new TapeViewModel();
    private final QuoteView contextQuote = new QuoteView();
    private final AlertContext alertContext = new AlertContext() {
        @Override
        public List<String> symbols() {
            return watchlist.symbols();
        }

        @Override
        public double lastPrice(String symbol) {
            FeedPort p = port;
            return p != null && p.market().readQuote(symbol, contextQuote) && contextQuote.hasData()
                    ? contextQuote.last() : Double.NaN;
        }

        @Override
        public String selectedSymbol() {
            String s = chart.symbolProperty().get();
            return s == null || s.isEmpty() ? null : s;
        }

        @Override
        public void watch(String symbol) {
            if (watchlist.indexOf(symbol) < 0) {
                watchlist.add(symbol);
            }
        }
    };
    private final RefreshPacer pacer = new RefreshPacer();
    private final ObjectProperty<Theme> theme = new SimpleObjectProperty<>(this, "theme", Theme.DARK);
    private final ReadOnlyBooleanWrapper simulated = new ReadOnlyBooleanWrapper(this, "simulated");
    private final ReadOnlyStringWrapper badge = new ReadOnlyStringWrapper(this, "badge", "");
    private final ReadOnlyObjectWrapper<SourceChoice> choice = new ReadOnlyObjectWrapper<>(this, "choice");
    /** Each source's own watchlist (spellings differ between sources), by source id; the current one is live. */
    private final Map<String, List<String>> watchlists = new LinkedHashMap<>();
    /** Each source's named lists (the open one's symbols are also in {@link #watchlists}). */
    private final Map<String, WatchLists> namedLists = new LinkedHashMap<>();
    /** Named workspaces in the settings' form (see {@link Settings#getWorkspaces()}), in the order saved. */
    private final Map<String, List<String>> workspaces = new LinkedHashMap<>();
    private final javafx.collections.ObservableList<String> workspaceNames =
            javafx.collections.FXCollections.observableArrayList();
    private final javafx.collections.ObservableList<String> workspaceNamesView =
            javafx.collections.FXCollections.unmodifiableObservableList(workspaceNames);
    /** The newest choice that reached CONNECTED (credentials stripped): the only one worth remembering. */
    private SourceChoice connected;
    /** The choice the settings remembered at start, kept if nothing connects this run. */
    private SourceChoice remembered;
    private final LinkEventQueue events = new LinkEventQueue();
    private final SessionStarter starter;
    private final CredentialVault vault;
    private final ExecutorService sessionThread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "session-starter");
        t.setDaemon(true);
        return t;
    });
    private FeedPort port;
    private long generation;
    private List<String> startedWith = List.of();
    private long lastMarketVersion = Long.MIN_VALUE;
    private long lastTapeVersion = Long.MIN_VALUE;
    private long lastPeriodicMs;
    private long lastCellsMs = Long.MIN_VALUE / 2;
    private long lastTapeMs = Long.MIN_VALUE / 2;
    private long lastStatusMs = Long.MIN_VALUE / 2;

    public MainViewModel(SessionStarter starter) {
        this(starter, CredentialVault.NONE);
    }

    public MainViewModel(SessionStarter starter, CredentialVault vault) {
        this(starter, vault, new AlertsViewModel());
    }

    /** With the alerts' view model (the application's plays sounds and notifies; tests' do not). */
    public MainViewModel(SessionStarter starter, CredentialVault vault, AlertsViewModel alerts) {
        this.starter = starter;
        this.vault = vault;
        this.alerts = alerts;
        alerts.noticeProperty().addListener((obs, old, now) -> {
            if (!now.isEmpty()) {
                status.showNotice(now);
            }
        });
        theme.addListener((obs, old, now) -> {
            if (now == null) {
                theme.set(old);
            }
        });
        linkCrosshair(chart);
    }

    /**
     * The crosshair in time across a link group: while the pointer is over {@code c}, the other shown charts of its
     * group show a vertical line at the same time; when it leaves, the line leaves them too.
     */
    private void linkCrosshair(ChartViewModel c) {
        // A chart joining a group takes the group's symbol (the first chart's when it is in that group); the first
        // chart, which shows the watchlist's selection, gives the group its symbol instead.
        c.groupProperty().addListener((obs, old, now) -> {
            if (c == chart) {
                showInChart(chart, chart.symbolProperty().get());
                return;
            }
            for (int i = 0; now.isGroup() && i <= moreCharts.size(); i++) {
                ChartViewModel other = i == 0 ? chart : moreCharts.get(i - 1);
                if (other != c && other.groupProperty().get() == now) {
                    c.show(other.symbolProperty().get());
                    return;
                }
            }
        });
        c.hoveredTimeProperty().addListener((obs, old, now) -> {
            long t = now.longValue();
            Object group = linkGroup(c);
            for (int i = 0; i <= moreCharts.size(); i++) {
                ChartViewModel other = i == 0 ? chart : moreCharts.get(i - 1);
                if (other != c) {
                    boolean shares = t != ChartViewModel.NO_TIME && i < chartLayout.get().count()
                            && group != null && group.equals(linkGroup(other));
                    other.linkedCrosshairTimeProperty().set(shares ? t : ChartViewModel.NO_TIME);
                }
            }
        });
    }

    /** The charts that move together: those of one colour group; a chart with no group is alone (null). */
    private static Object linkGroup(ChartViewModel c) {
        LinkGroup g = c.groupProperty().get();
        return g.isGroup() ? g : null;
    }

    public WatchlistViewModel watchlist() {
        return watchlist;
    }

    public ChartViewModel chart() {
        return chart;
    }

    /** How the window paces its refreshes against the feed (0 = every frame). */
    public long refreshIntervalMs() {
        return pacer.intervalMs();
    }

    public StatusBarViewModel status() {
        return status;
    }

    public AlertsViewModel alerts() {
        return alerts;
    }

    /** What the alert views may ask of the window. */
    public AlertContext alertContext() {
        return alertContext;
    }

    public TapeViewModel tape() {
        return tape;
    }

    public ObjectProperty<Theme> themeProperty() {
        return theme;
    }

    public ReadOnlyBooleanProperty simulatedProperty() {
        return simulated.getReadOnlyProperty();
    }

    /** Whose prices are on screen: SIMULATED DATA, BINANCE, ... */
    public ReadOnlyStringProperty badgeProperty() {
        return badge.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<SourceChoice> choiceProperty() {
        return choice.getReadOnlyProperty();
    }

    /** The running session, or null while connecting. */
    public FeedPort port() {
        return port;
    }

    /** Where keys are remembered when the user asks. */
    public CredentialVault vault() {
        return vault;
    }

    /**
     * Remembers (or forgets) the choice's key or token in the credential store, on the session thread (a store may
     * take a moment to answer); the user sees a notice if it could not be remembered.
     */
    public void rememberCredentials(SourceChoice c, boolean remember) {
        sessionThread.execute(() -> {
            if (!remember) {
                vault.forget(c.kind());
            } else if (!vault.save(c.kind(), c.credentials())) {
                LOG.warn("{} credentials not remembered: {}", c.kind().id(), vault.where());
            }
        });
    }

    /**
     * Shows a symbol in the first chart (the watchlist selection drives this), and in every chart of its colour group
     * (a chart of another group, or of none, keeps its symbol).
     */
    public void select(String symbol) {
        showInChart(chart, symbol);
        tape.symbolProperty().set(symbol == null ? "" : symbol);
    }

    /**
     * Starts a session for the choice in the background, closing the current one; FX thread. The rows start over
     * empty (WAITING): nothing the old source showed stays on screen as if it came from the new one. A different
     * kind of source brings its own watchlist (symbols are spelled differently).
     */
    public void connect(SourceChoice next) {
        long gen = ++generation;
        FeedPort old = port;
        port = null;
        alerts.attach(null);
        lastMarketVersion = Long.MIN_VALUE;
        lastTapeVersion = Long.MIN_VALUE;
        SourceChoice previous = choice.get();
        if (previous != null && previous.kind() != next.kind()) {
            watchlists.put(previous.kind().id(), watchlist.symbols());
            namedLists.put(previous.kind().id(), watchlist.lists());
            WatchLists named = namedLists.get(next.kind().id());
            List<String> saved = watchlists.get(next.kind().id());
            watchlist.setLists(named != null ? named
                    : WatchLists.single(saved == null || saved.isEmpty() ? next.defaultSymbols() : saved));
        } else if (previous == null && namedLists.containsKey(next.kind().id())) {
            // The first session: the open list is what the command line or the settings said; the others as saved.
            watchlist.setLists(namedLists.get(next.kind().id()).withActiveSymbols(watchlist.symbols()));
        } else {
            watchlist.setSymbols(watchlist.symbols());
        }
        choice.set(next);
        simulated.set(next.isDemo());
        badge.set(next.kind().badge());
        watchlist.connect(List::of, s -> { }, s -> { });
        status.reset(ConnectionInfo.connecting(next.label()));
        List<String> symbols = List.copyOf(watchlist.allSymbols());
        startedWith = symbols;
        sessionThread.execute(() -> {
            if (old != null) {
                closeQuietly(old);
            }
            try {
                FeedPort started = starter.start(next, symbols, events);
                events.accept(new LinkEvent.Attached(started, gen));
            } catch (Exception e) {
                LOG.warn("Could not start a session for {}: {}", next.label(), e.toString());
                String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                events.accept(new LinkEvent.StartFailed(next.label(), message, gen));
            }
        });
    }

    /** Once per frame on the FX thread: events first, then the market model if it changed. */
    public void frame(long nowMs) {
        events.drainTo(e -> onEvent(e, nowMs));
        alerts.frame(nowMs);
        watchlist.markAlerted(alerts::highlighted);
        if (nowMs - lastStatusMs >= CELL_REFRESH_MS) {
            lastStatusMs = nowMs;
            status.refresh(port, nowMs);
        }
        if (!pacer.shouldRefresh(nowMs, port == null ? Long.MIN_VALUE : port.lastTickDelayMs())) {
            return;
        }
        boolean cells = nowMs - lastCellsMs >= CELL_REFRESH_MS;
        if (port != null) {
            MarketModel market = port.market();
            long version = market.version();
            boolean periodic = nowMs - lastPeriodicMs >= PERIODIC_REFRESH_MS;
            if (cells && (version != lastMarketVersion || periodic)) {
                lastMarketVersion = version;
                if (periodic) {
                    lastPeriodicMs = nowMs;
                }
                watchlist.refresh(market, nowMs);
            }
            long sinceTape = nowMs - lastTapeMs;
            if ((version != lastTapeVersion && sinceTape >= TAPE_REFRESH_MS) || sinceTape >= PERIODIC_REFRESH_MS) {
                lastTapeVersion = version;
                lastTapeMs = nowMs;
                tape.refresh(market, nowMs);
            }
            chart.refresh(market, version, nowMs);
            chartHistory.frame(port, market, chart.symbolProperty().get(), chart.modeProperty().get().interval(), nowMs);
            for (int i = 1; i < chartLayout.get().count(); i++) {
                ChartViewModel more = chart(i);
                more.refresh(market, version, nowMs);
                moreHistory.get(i - 1).frame(port, market, more.symbolProperty().get(),
                        more.modeProperty().get().interval(), nowMs);
            }
        }
        if (cells) {
            lastCellsMs = nowMs;
            watchlist.fade(nowMs);
        }
    }

    private void onEvent(LinkEvent event, long nowMs) {
        if (event instanceof LinkEvent.Attached a) {
            if (a.generation() != generation) {
                sessionThread.execute(() -> closeQuietly(a.port()));
                return;
            }
            attach(a.port());
        } else if (event instanceof LinkEvent.StartFailed f) {
            if (f.generation() == generation) {
                status.onState(new ConnectionInfo(LinkState.FAILED, 0, 0, f.server(), f.message()), nowMs);
            }
        } else if (event instanceof LinkEvent.StateChanged s) {
            if (port != null) {
                status.onState(s.info(), nowMs);
                if (s.info().state() == LinkState.CONNECTED && choice.get() != null) {
                    connected = choice.get().withoutCredentials();
                }
            }
        } else if (event instanceof LinkEvent.SymbolRejected r) {
            watchlist.rejected(r.symbol(), r.message());
        }
    }

    private void attach(FeedPort p) {
        port = p;
        chart.setHistoryRequests(p::requestHistory);
        moreCharts.forEach(c -> c.setHistoryRequests(p::requestHistory));
        alerts.attach(p);
        simulated.set(p.simulated());
        watchlist.connect(p::serverSymbols, p::subscribe, p::unsubscribe);
        watchlist.names(p::symbolName);
        // Symbols added or removed while the session was starting.
        List<String> now = watchlist.allSymbols();
        for (String s : now) {
            if (!startedWith.contains(s)) {
                p.subscribe(s);
            }
        }
        for (String s : startedWith) {
            if (!now.contains(s)) {
                p.unsubscribe(s);
            }
        }
        ConnectionInfo info = p.connection();
        status.onState(info, System.currentTimeMillis());
        if (info.state() == LinkState.CONNECTED && choice.get() != null) {
            connected = choice.get().withoutCredentials();
        }
    }

    /** Fills the view-model parts of the settings (the view adds window geometry). */
    public void saveTo(Settings settings) {
        settings.setTheme(theme.get().id());
        settings.setInterval(chart.modeProperty().get().name());
        settings.setChartLayout(chartLayout.get().name());
        List<String> panes = new ArrayList<>();
        for (ChartViewModel more : moreCharts) {
            panes.add(Settings.chartPane(more.symbolProperty().get(), more.modeProperty().get().name(),
                    more.groupProperty().get()));
        }
        settings.setChartPanes(panes);
        settings.setChartGroup(chart.groupProperty().get().id());
        settings.setWorkspaces(new LinkedHashMap<>(workspaces));
        settings.setTapeMinSize(tape.minSizeProperty().get());
        settings.setTapeLargeSize(tape.largeSizeProperty().get());
        settings.setSelectedSymbol(chart.symbolProperty().get().isEmpty() ? null : chart.symbolProperty().get());
        settings.setWatchlist(new ArrayList<>(watchlist.symbols()));
        // Only a source that connected is remembered: a URL that never worked must not greet every later start.
        SourceChoice c = connected != null ? connected : remembered;
        settings.setSource(c == null ? null : c.kind().id());
        settings.setServer(c == null ? null : c.server());
        settings.setSourceWs(c == null || c.ws() == null ? null : c.ws().toString());
        settings.setSourceRest(c == null || c.rest() == null ? null : c.rest().toString());
        settings.setTrustCert(c == null || c.trustCert() == null ? null : c.trustCert().toString());
        Map<String, List<String>> lists = new LinkedHashMap<>(watchlists);
        Map<String, WatchLists> named = new LinkedHashMap<>(namedLists);
        SourceChoice current = choice.get();
        if (current != null) {
            lists.put(current.kind().id(), watchlist.symbols());
            named.put(current.kind().id(), watchlist.lists());
        }
        settings.setWatchlists(lists);
        settings.putNamedWatchlists(named);
        if (current != null && c != null && current.kind() != c.kind()) {
            // The list saved as "the" watchlist goes with the remembered source.
            List<String> forRemembered = lists.get(c.kind().id());
            settings.setWatchlist(forRemembered == null ? new ArrayList<>() : new ArrayList<>(forRemembered));
        }
    }

    /** Applies remembered settings; the watchlist only if {@code symbols} is null (none given on the command line). */
    public void restoreFrom(Settings settings, List<String> symbols) {
        theme.set(Theme.of(settings.getTheme()));
        remembered = settings.rememberedChoice();
        watchlists.putAll(settings.getWatchlists());
        namedLists.putAll(settings.namedWatchlists());
        ChartMode mode = ChartMode.parse(settings.getInterval());
        chart.modeProperty().set(mode == null ? ChartMode.S1 : mode);
        LinkGroup firstGroup = LinkGroup.parse(settings.getChartGroup());
        chart.groupProperty().set(firstGroup == null ? LinkGroup.DEFAULT : firstGroup);
        List<String> panes = settings.getChartPanes();
        for (int i = 0; i < panes.size(); i++) {
            ChartViewModel more = chart(i + 1);
            Settings.ChartPane pane = Settings.parseChartPane(panes.get(i));
            more.groupProperty().set(pane.group());
            more.show(pane.symbol());
            more.modeProperty().set(pane.mode());
        }
        chartLayout.set(ChartLayout.parse(settings.getChartLayout()));
        workspaces.clear();
        if (settings.getWorkspaces() != null) {
            workspaces.putAll(settings.getWorkspaces());
        }
        workspaceNames.setAll(workspaces.keySet());
        tape.minSizeProperty().set(settings.getTapeMinSize());
        tape.largeSizeProperty().set(settings.getTapeLargeSize());
        watchlist.setSymbols(symbols != null ? symbols : settings.getWatchlist());
    }

    /**
     * Shows {@code symbol} in chart {@code c} (chosen in its toolbar, or the watchlist's selection for the first) and
     * in every other chart of its colour group, shown or not, so a layout shown later agrees.
     */
    public void showInChart(ChartViewModel c, String symbol) {
        c.show(symbol);
        Object group = linkGroup(c);
        if (group == null) {
            return;
        }
        for (int i = 0; i <= moreCharts.size(); i++) {
            ChartViewModel other = i == 0 ? chart : moreCharts.get(i - 1);
            if (other != c && group.equals(linkGroup(other))) {
                other.show(symbol);
            }
        }
    }

    /** The names of the saved workspaces, in the order saved. */
    public javafx.collections.ObservableList<String> workspaceNames() {
        return workspaceNamesView;
    }

    /**
     * Saves the chart layout (its charts' symbols, intervals and groups) under {@code name}, replacing one of that
     * name; false when the name is empty or too long, or when {@link Settings#MAX_WORKSPACES} are kept already.
     */
    public boolean saveWorkspace(String name) {
        String n = name == null ? "" : name.strip();
        if (n.isEmpty() || n.length() > Settings.MAX_WORKSPACE_NAME
                || !workspaces.containsKey(n) && workspaces.size() >= Settings.MAX_WORKSPACES) {
            return false;
        }
        List<String> w = new ArrayList<>();
        w.add(chartLayout.get().name());
        for (int i = 0; i < chartLayout.get().count(); i++) {
            ChartViewModel c = chart(i);
            w.add(Settings.chartPane(c.symbolProperty().get(), c.modeProperty().get().name(),
                    c.groupProperty().get()));
        }
        workspaces.put(n, w);
        if (!workspaceNames.contains(n)) {
            workspaceNames.add(n);
        }
        return true;
    }

    /**
     * Shows the workspace saved as {@code name}: its layout, and each chart's group, interval and symbol (the first
     * chart keeps the watchlist's symbol, and so does every chart of its group); false when there is none.
     */
    public boolean switchWorkspace(String name) {
        List<String> w = name == null ? null : workspaces.get(name.strip());
        if (w == null) {
            return false;
        }
        ChartLayout layout = ChartLayout.parse(w.get(0));
        for (int i = 1; i < w.size() && i <= ChartLayout.MAX_CHARTS; i++) {
            chart(i - 1).groupProperty().set(Settings.parseChartPane(w.get(i)).group());
        }
        for (int i = 1; i < w.size() && i <= ChartLayout.MAX_CHARTS; i++) {
            Settings.ChartPane pane = Settings.parseChartPane(w.get(i));
            ChartViewModel c = chart(i - 1);
            c.modeProperty().set(pane.mode());
            boolean followsWatchlist = pane.group().isGroup() && pane.group() == chart.groupProperty().get();
            if (i > 1 && !followsWatchlist) {
                c.show(pane.symbol());
            } else if (i > 1) {
                c.show(chart.symbolProperty().get());
            }
        }
        chartLayout.set(layout == null ? ChartLayout.ONE : layout);
        return true;
    }

    /** Forgets the workspace saved as {@code name}. */
    public void deleteWorkspace(String name) {
        if (name != null && workspaces.remove(name.strip()) != null) {
            workspaceNames.remove(name.strip());
        }
    }

    /** How many charts show and how they sit. */
    public javafx.beans.property.ObjectProperty<ChartLayout> chartLayoutProperty() {
        return chartLayout;
    }

    /**
     * Chart {@code index} of the layout: 0 is {@link #chart()}, which always follows the watchlist; the others
     * follow it while in its colour group. A further chart opens on the symbol the first one shows.
     */
    public ChartViewModel chart(int index) {
        if (index == 0) {
            return chart;
        }
        while (moreCharts.size() < index) {
            ChartViewModel more = new ChartViewModel();
            more.show(chart.symbolProperty().get());
            more.modeProperty().set(chart.modeProperty().get());
            if (port != null) {
                more.setHistoryRequests(port::requestHistory);
            }
            moreCharts.add(more);
            moreHistory.add(new ChartHistoryLoader());
            linkCrosshair(more);
        }
        return moreCharts.get(index - 1);
    }

    public void showNotice(String text) {
        status.showNotice(text);
    }

    /** Closes the session and the starter thread; waits briefly so the simulator's port is released. */
    @Override
    public void close() {
        generation++;
        FeedPort old = port;
        port = null;
        sessionThread.execute(() -> {
            if (old != null) {
                closeQuietly(old);
            }
        });
        sessionThread.shutdown();
        try {
            if (!sessionThread.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("The feed session did not close within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // A session that finished starting after close() (its Attached event was never drained).
        events.drainTo(e -> {
            if (e instanceof LinkEvent.Attached a) {
                closeQuietly(a.port());
            }
        });
    }

    private static void closeQuietly(FeedPort p) {
        try {
            p.close();
        } catch (RuntimeException e) {
            LOG.warn("Closing the feed session failed: {}", e.toString());
        }
    }
}
