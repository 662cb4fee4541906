package io.stockmonitor.ui.settings;

import io.stockmonitor.ui.chart.ChartMode;
import io.stockmonitor.ui.watchlist.WatchLists;
import io.stockmonitor.ui.watchlist.WatchlistColumn;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.stockmonitor.source.Credentials;
import io.stockmonitor.source.SourceChoice;
import io.stockmonitor.source.SourceKind;
import io.stockmonitor.source.SymbolSpelling;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the window remembers between runs ({@code settings.json} in the user's configuration directory).
 *
 * <p>A plain bean for Jackson. Tokens, keys and secrets are deliberately not fields: they stay in memory (or the
 * system's keychain), so a settings file never carries a credential. {@link #normalized()} repairs missing or out-of-range values, so a
 * hand-edited file cannot put the window off-screen or at zero size.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public final class Settings {
    public static final String DARK = "dark";
    public static final String LIGHT = "light";
    public static final double DEFAULT_DIVIDER = 0.42;
    /** Where the tape starts, across the window. */
    public static final double DEFAULT_TAPE_DIVIDER = 0.83;
    /** Where the alerts panel starts, down the chart's column. */
    public static final double DEFAULT_ALERTS_DIVIDER = 0.72;

    private WindowPlacement window;
    private double watchlistDivider = DEFAULT_DIVIDER;
    private double tapeDivider = DEFAULT_TAPE_DIVIDER;
    private double alertsDivider = DEFAULT_ALERTS_DIVIDER;
    /** The tape's filter and highlight, in shares or coins. */
    private double tapeMinSize;
    private double tapeLargeSize = 1_000;
    private String selectedSymbol;
    private String interval = ChartMode.S1.name();
    /** {@link io.stockmonitor.ui.chart.ChartLayout}'s name. */
    private String chartLayout = io.stockmonitor.ui.chart.ChartLayout.ONE.name();
    /**
     * Named workspaces: each a chart layout's name followed by its charts in {@link #chartPane}'s form, the first
     * chart first (its symbol is the watchlist's and is not applied). At most {@link #MAX_WORKSPACES}.
     */
    private Map<String, List<String>> workspaces = new LinkedHashMap<>();
    /** The first chart's link group ({@link io.stockmonitor.ui.chart.LinkGroup}'s word). */
    private String chartGroup = io.stockmonitor.ui.chart.LinkGroup.DEFAULT.id();
    /**
     * The layout's further charts, second first: "SYMBOL MODE GROUP" (see {@link #chartPane}); GROUP is a colour or
     * "own", and the earlier "linked" still reads (as the default group).
     */
    private List<String> chartPanes = new ArrayList<>();
    private String theme = DARK;
    private List<String> watchlist = new ArrayList<>();
    /** The last source that connected ({@code --source} names); null means demo mode. */
    private String source;
    /** The protocol server's URL when {@link #source} is v1 (older files: a URL here alone means v1). */
    private String server;
    /** A provider's replaced WebSocket and REST bases, when the user chose a mirror or a test network. */
    private String sourceWs;
    private String sourceRest;
    /** The certificate file trusted for the remembered source (a path, nothing secret), or null. */
    private String trustCert;
    /** Each source's own watchlist (symbols are spelled differently), by source id. */
    private Map<String, List<String>> watchlists = new LinkedHashMap<>();
    /** Each source's named watchlists, by source id: list name → symbols, in tab order. */
    private Map<String, Map<String, List<String>>> namedWatchlists = new LinkedHashMap<>();
    /** Each source's open list, by source id. */
    private Map<String, String> activeWatchlists = new LinkedHashMap<>();
    /** The watchlist columns shown, by name; null: the defaults. */
    private List<String> watchlistColumns;
    /** "compact" (the default: 30+ rows at 1480 x 880) or "comfortable". */
    private String watchlistDensity = COMPACT;
    public static final String COMPACT = "compact";
    public static final String COMFORTABLE = "comfortable";
    /** Watchlist columns the user dragged to a width, by column name (e.g. {@code LAST}); pixels. */
    private Map<String, Double> watchlistColumnWidths = new LinkedHashMap<>();
    /** The column the watchlist is sorted by and its direction, e.g. {@code CHANGE_PERCENT:desc}; null: own order. */
    private String watchlistSort;

    /** Window bounds in screen coordinates. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record WindowPlacement(double x, double y, double width, double height, boolean maximized) {
        boolean plausible() {
            return width >= 400 && height >= 300 && width < 20_000 && height < 20_000
                    && Math.abs(x) < 50_000 && Math.abs(y) < 50_000;
        }
    }

    public static Settings defaults() {
        return new Settings();
    }

    /** This object with impossible values replaced by defaults (returns this). */
    public Settings normalized() {
        if (window != null && !window.plausible()) {
            window = null;
        }
        if (!(watchlistDivider > 0.1 && watchlistDivider < 0.9)) {
            watchlistDivider = DEFAULT_DIVIDER;
        }
        if (!(tapeDivider > watchlistDivider + 0.1 && tapeDivider < 0.97)) {
            tapeDivider = Math.max(DEFAULT_TAPE_DIVIDER, watchlistDivider + 0.2);
        }
        if (!(alertsDivider > 0.2 && alertsDivider < 0.97)) {
            alertsDivider = DEFAULT_ALERTS_DIVIDER;
        }
        if (!(tapeMinSize >= 0) || Double.isInfinite(tapeMinSize)) {
            tapeMinSize = 0;
        }
        if (!(tapeLargeSize >= 0) || Double.isInfinite(tapeLargeSize)) {
            tapeLargeSize = 1_000;
        }
        if (ChartMode.parse(interval) == null) {
            interval = ChartMode.S1.name();
        }
        if (io.stockmonitor.ui.chart.ChartLayout.parse(chartLayout) == null) {
            chartLayout = io.stockmonitor.ui.chart.ChartLayout.ONE.name();
        }
        List<String> panes = new ArrayList<>();
        for (String pane : chartPanes == null ? List.<String>of() : chartPanes) {
            if (pane != null && panes.size() < io.stockmonitor.ui.chart.ChartLayout.MAX_CHARTS - 1) {
                ChartPane p = parseChartPane(pane);
                panes.add(chartPane(p.symbol(), p.mode().name(), p.group()));
            }
        }
        chartPanes = panes;
        Map<String, List<String>> spaces = new LinkedHashMap<>();
        if (workspaces != null) {
            workspaces.forEach((name, w) -> {
                String n = name == null ? "" : name.strip();
                if (n.isEmpty() || n.length() > MAX_WORKSPACE_NAME || spaces.containsKey(n)
                        || spaces.size() >= MAX_WORKSPACES || w == null || w.isEmpty()
                        || io.stockmonitor.ui.chart.ChartLayout.parse(w.get(0)) == null) {
                    return;
                }
                List<String> clean = new ArrayList<>();
                clean.add(io.stockmonitor.ui.chart.ChartLayout.parse(w.get(0)).name());
                int end = Math.min(w.size(), io.stockmonitor.ui.chart.ChartLayout.MAX_CHARTS + 1);
                for (String pane : w.subList(1, end)) {
                    ChartPane p = parseChartPane(pane);
                    clean.add(chartPane(p.symbol(), p.mode().name(), p.group()));
                }
                spaces.put(n, clean);
            });
        }
        workspaces = spaces;
        if (io.stockmonitor.ui.chart.LinkGroup.parse(chartGroup) == null) {
            chartGroup = io.stockmonitor.ui.chart.LinkGroup.DEFAULT.id();
        }
        chartGroup = io.stockmonitor.ui.chart.LinkGroup.parse(chartGroup).id();
        theme = LIGHT.equalsIgnoreCase(theme) ? LIGHT : DARK;
        watchlist = cleanSymbols(watchlist);
        if (server != null && server.isBlank()) {
            server = null;
        }
        SourceKind kind = SourceKind.parse(source);
        if (source != null && kind == null) {
            source = null;
        }
        if (source == null && server != null) {
            source = SourceKind.V1.id(); // a file from before sources: a URL meant a protocol server
        }
        if (SourceKind.V1.id().equals(source) && server == null) {
            source = null;
        }
        sourceWs = endpoint(sourceWs, "ws");
        sourceRest = endpoint(sourceRest, "http");
        if (trustCert != null && (trustCert.isBlank() || source == null || SourceKind.DEMO.id().equals(source)
                || !isPath(trustCert))) {
            trustCert = null;
        }
        Map<String, List<String>> lists = new LinkedHashMap<>();
        if (watchlists != null) {
            watchlists.forEach((id, list) -> {
                if (SourceKind.parse(id) != null && list != null) {
                    lists.put(SourceKind.parse(id).id(), cleanSymbols(list));
                }
            });
        }
        watchlists = lists;
        Map<String, Map<String, List<String>>> named = new LinkedHashMap<>();
        if (namedWatchlists != null) {
            namedWatchlists.forEach((id, byName) -> {
                SourceKind k = SourceKind.parse(id);
                if (k == null || byName == null) {
                    return;
                }
                Map<String, List<String>> clean = new LinkedHashMap<>();
                byName.forEach((name, symbols) -> {
                    String n = name == null ? "" : name.strip();
                    if (!n.isEmpty() && n.length() <= WatchLists.MAX_NAME && !clean.containsKey(n)
                            && clean.size() < WatchLists.MAX_LISTS) {
                        clean.put(n, cleanSymbols(symbols));
                    }
                });
                if (!clean.isEmpty()) {
                    named.put(k.id(), clean);
                }
            });
        }
        namedWatchlists = named;
        Map<String, String> actives = new LinkedHashMap<>();
        if (activeWatchlists != null) {
            activeWatchlists.forEach((id, name) -> {
                SourceKind k = SourceKind.parse(id);
                if (k != null && named.containsKey(k.id()) && named.get(k.id()).containsKey(name)) {
                    actives.put(k.id(), name);
                }
            });
        }
        activeWatchlists = actives;
        if (watchlistColumns != null) {
            List<String> cols = new ArrayList<>();
            for (String c : watchlistColumns) {
                WatchlistColumn col = WatchlistColumn.parse(c);
                if (col != null && !cols.contains(col.name())) {
                    cols.add(col.name());
                }
            }
            watchlistColumns = cols;
        }
        watchlistDensity = COMFORTABLE.equalsIgnoreCase(watchlistDensity) ? COMFORTABLE : COMPACT;
        Map<String, Double> widths = new LinkedHashMap<>();
        if (watchlistColumnWidths != null) {
            watchlistColumnWidths.forEach((name, width) -> {
                WatchlistColumn column = WatchlistColumn.parse(name);
                if (column != null && width != null && width >= column.minWidth() && width <= MAX_COLUMN_WIDTH) {
                    widths.put(column.name(), width);
                }
            });
        }
        watchlistColumnWidths = widths;
        if (WatchlistColumn.parseSort(watchlistSort) == null) {
            watchlistSort = null;
        }
        return this;
    }

    private static List<String> cleanSymbols(List<String> list) {
        List<String> clean = new ArrayList<>();
        if (list != null) {
            for (String s : list) {
                String symbol = SymbolSpelling.normalize(s);
                if (symbol != null && !clean.contains(symbol)) {
                    clean.add(symbol);
                }
            }
        }
        return clean;
    }

    private static boolean isPath(String text) {
        try {
            Path.of(text);
            return true;
        } catch (java.nio.file.InvalidPathException e) {
            return false;
        }
    }

    /** A remembered endpoint if it is a ws(s)/http(s) URL with a host and no query, else null. */
    private static String endpoint(String url, String scheme) {
        if (url == null || url.isBlank()) {
            return null;
        }
        try {
            URI u = new URI(url.trim());
            String s = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            return (s.equals(scheme) || s.equals(scheme + "s")) && u.getHost() != null && u.getRawQuery() == null
                    ? u.toString() : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /** The remembered source (without credentials), or null for demo mode. */
    public SourceChoice rememberedChoice() {
        SourceKind kind = SourceKind.parse(source);
        if (kind == null || kind == SourceKind.DEMO) {
            return null;
        }
        SourceChoice choice;
        if (kind == SourceKind.V1) {
            if (server == null) {
                return null;
            }
            choice = SourceChoice.server(server, Credentials.NONE);
        } else {
            choice = SourceChoice.provider(kind, Credentials.NONE, sourceWs == null ? null : URI.create(sourceWs),
                    sourceRest == null ? null : URI.create(sourceRest));
        }
        return trustCert == null ? choice : choice.withTrustCert(Path.of(trustCert));
    }

    public String getTrustCert() {
        return trustCert;
    }

    public void setTrustCert(String trustCert) {
        this.trustCert = trustCert;
    }

    public String getSource() {
        return source;
    }

    public void setSource(String source) {
        this.source = source;
    }

    public String getSourceWs() {
        return sourceWs;
    }

    public void setSourceWs(String sourceWs) {
        this.sourceWs = sourceWs;
    }

    public String getSourceRest() {
        return sourceRest;
    }

    public void setSourceRest(String sourceRest) {
        this.sourceRest = sourceRest;
    }

    public Map<String, List<String>> getWatchlists() {
        return watchlists;
    }

    public void setWatchlists(Map<String, List<String>> watchlists) {
        this.watchlists = watchlists;
    }

    public Map<String, Map<String, List<String>>> getNamedWatchlists() {
        return namedWatchlists;
    }

    public void setNamedWatchlists(Map<String, Map<String, List<String>>> named) {
        this.namedWatchlists = named;
    }

    public Map<String, String> getActiveWatchlists() {
        return activeWatchlists;
    }

    public void setActiveWatchlists(Map<String, String> active) {
        this.activeWatchlists = active;
    }

    /** The named lists per source, as the window holds them. */
    public Map<String, WatchLists> namedWatchlists() {
        Map<String, WatchLists> out = new LinkedHashMap<>();
        if (namedWatchlists != null) {
            namedWatchlists.forEach((id, lists) -> out.put(id, new WatchLists(lists,
                    activeWatchlists == null ? null : activeWatchlists.get(id))));
        }
        return out;
    }

    public void putNamedWatchlists(Map<String, WatchLists> named) {
        Map<String, Map<String, List<String>>> lists = new LinkedHashMap<>();
        Map<String, String> actives = new LinkedHashMap<>();
        named.forEach((id, w) -> {
            lists.put(id, new LinkedHashMap<>(w.lists()));
            actives.put(id, w.active());
        });
        namedWatchlists = lists;
        activeWatchlists = actives;
    }

    public List<String> getWatchlistColumns() {
        return watchlistColumns;
    }

    public void setWatchlistColumns(List<String> columns) {
        this.watchlistColumns = columns;
    }

    public String getWatchlistDensity() {
        return watchlistDensity;
    }

    public void setWatchlistDensity(String density) {
        this.watchlistDensity = density;
    }

    /** Wider than any screen: a hand-edited width beyond it is dropped. */
    static final double MAX_COLUMN_WIDTH = 2_000;

    public Map<String, Double> getWatchlistColumnWidths() {
        return watchlistColumnWidths;
    }

    public void setWatchlistColumnWidths(Map<String, Double> widths) {
        this.watchlistColumnWidths = widths;
    }

    public String getWatchlistSort() {
        return watchlistSort;
    }

    public void setWatchlistSort(String sort) {
        this.watchlistSort = sort;
    }

    public WindowPlacement getWindow() {
        return window;
    }

    public void setWindow(WindowPlacement window) {
        this.window = window;
    }

    public double getWatchlistDivider() {
        return watchlistDivider;
    }

    public void setWatchlistDivider(double watchlistDivider) {
        this.watchlistDivider = watchlistDivider;
    }

    public double getTapeDivider() {
        return tapeDivider;
    }

    public void setTapeDivider(double tapeDivider) {
        this.tapeDivider = tapeDivider;
    }

    public double getAlertsDivider() {
        return alertsDivider;
    }

    public void setAlertsDivider(double alertsDivider) {
        this.alertsDivider = alertsDivider;
    }

    public double getTapeMinSize() {
        return tapeMinSize;
    }

    public void setTapeMinSize(double tapeMinSize) {
        this.tapeMinSize = tapeMinSize;
    }

    public double getTapeLargeSize() {
        return tapeLargeSize;
    }

    public void setTapeLargeSize(double tapeLargeSize) {
        this.tapeLargeSize = tapeLargeSize;
    }

    public String getSelectedSymbol() {
        return selectedSymbol;
    }

    public void setSelectedSymbol(String selectedSymbol) {
        this.selectedSymbol = selectedSymbol;
    }

    /** One of the layout's further charts as the settings keep it. */
    public record ChartPane(String symbol, ChartMode mode, io.stockmonitor.ui.chart.LinkGroup group) {}

    /** A further chart in the settings' form, e.g. {@code "MSFT M5 blue"}; an empty symbol is written as "-". */
    public static String chartPane(String symbol, String mode, io.stockmonitor.ui.chart.LinkGroup group) {
        String s = symbol == null || symbol.isBlank() ? "-" : symbol.trim();
        return s + " " + mode + " " + (group == null ? io.stockmonitor.ui.chart.LinkGroup.DEFAULT : group).id();
    }

    /**
     * Reads {@link #chartPane}'s form leniently: what is missing or wrong becomes the default group, 1 s, no symbol;
     * the earlier "linked" and "own" read as the default group and none.
     */
    public static ChartPane parseChartPane(String text) {
        String[] parts = text == null ? new String[0] : text.trim().split("\\s+");
        String normalized = parts.length > 0 && !parts[0].equals("-") ? SymbolSpelling.normalize(parts[0]) : null;
        String symbol = normalized == null ? "" : normalized;
        ChartMode mode = parts.length > 1 ? ChartMode.parse(parts[1]) : null;
        io.stockmonitor.ui.chart.LinkGroup group =
                parts.length > 2 ? io.stockmonitor.ui.chart.LinkGroup.parse(parts[2]) : null;
        return new ChartPane(symbol, mode == null ? ChartMode.S1 : mode,
                group == null ? io.stockmonitor.ui.chart.LinkGroup.DEFAULT : group);
    }

    /** Named workspaces kept at most (a bound, like the watchlists'). */
    public static final int MAX_WORKSPACES = 20;
    /** The longest workspace name. */
    public static final int MAX_WORKSPACE_NAME = 40;

    public Map<String, List<String>> getWorkspaces() {
        return workspaces;
    }

    public void setWorkspaces(Map<String, List<String>> workspaces) {
        this.workspaces = workspaces;
    }

    /** The first chart's link group (a colour word or "own"). */
    public String getChartGroup() {
        return chartGroup;
    }

    public void setChartGroup(String chartGroup) {
        this.chartGroup = chartGroup;
    }

    public String getChartLayout() {
        return chartLayout;
    }

    public void setChartLayout(String chartLayout) {
        this.chartLayout = chartLayout;
    }

    public List<String> getChartPanes() {
        return chartPanes;
    }

    public void setChartPanes(List<String> chartPanes) {
        this.chartPanes = chartPanes;
    }

    public String getInterval() {
        return interval;
    }

    public void setInterval(String interval) {
        this.interval = interval;
    }

    public String getTheme() {
        return theme;
    }

    public void setTheme(String theme) {
        this.theme = theme;
    }

    public List<String> getWatchlist() {
        return watchlist;
    }

    public void setWatchlist(List<String> watchlist) {
        this.watchlist = watchlist == null ? new ArrayList<>() : new ArrayList<>(watchlist);
    }

    public String getServer() {
        return server;
    }

    public void setServer(String server) {
        this.server = server;
    }
}
