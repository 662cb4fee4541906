package io.stockmonitor.app;

import io.stockmonitor.alerts.AlertLimits;
import io.stockmonitor.alerts.AlertRule;
import io.stockmonitor.alerts.AlertSyntax;
import io.stockmonitor.feed.TrustedCertificates;
import io.stockmonitor.protocol.ProductVersion;
import io.stockmonitor.source.Credentials;
import io.stockmonitor.source.Secrets;
import io.stockmonitor.source.SourceChoice;
import io.stockmonitor.source.SourceKind;
import io.stockmonitor.source.SymbolSpelling;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The {@code stock-monitor} command line: validates the options and starts the window or the headless run. */
@Command(name = "stock-monitor", mixinStandardHelpOptions = true, versionProvider = AppCommand.Version.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = {
            "Live market watchlist and charts: the bundled simulator, a server speaking the Stock Monitor protocol,",
            "or a market-data provider (Binance, Coinbase, Kraken, Alpaca, Finnhub), every trade exactly once",
            "where the provider allows it and an honest, visible gap where it does not.",
            "With no options it opens the window on the remembered source, else in demo mode (SIMULATED data)."},
        footer = {"", "Credentials never go on the command line: Alpaca's key and secret come from "
                + "STOCK_MONITOR_KEY and STOCK_MONITOR_SECRET or --key-file; a token (a protocol server's, "
                + "Finnhub's) from STOCK_MONITOR_TOKEN or --token-file."})
public final class AppCommand implements Callable<Integer> {
    /** What runs the two modes; the launcher passes the real ones, tests may pass others. */
    public interface Modes {
        int headless(AppOptions options, AppDirs dirs) throws Exception;

        int window(AppOptions options, AppDirs dirs) throws Exception;
    }

    @Spec
    CommandSpec spec;

    @Option(names = "--source", paramLabel = "SOURCE",
            description = "demo, v1, binance, coinbase, kraken, alpaca or finnhub (default: the remembered one, "
                    + "else demo).")
    String source;

    @Option(names = "--server", paramLabel = "URL",
            description = "Feed URL speaking protocol v1, e.g. ws://127.0.0.1:8787/feed (short for --source v1).")
    String server;

    @Option(names = "--demo", description = "Start the bundled feed simulator in-process and connect to it "
            + "(short for --source demo).")
    boolean demo;

    @Option(names = "--source-ws", paramLabel = "URL", description = "Replaces the provider's WebSocket base "
            + "(a mirror such as wss://data-stream.binance.vision, a test network, an emulator; ws:// accepted).")
    String sourceWs;

    @Option(names = "--source-rest", paramLabel = "URL", description = "Replaces the provider's REST base "
            + "(https://data-api.binance.vision, an emulator; http:// accepted).")
    String sourceRest;

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "A token on the file's first line (a protocol server's, or Finnhub's).")
    Path tokenFile;

    @Option(names = "--token", paramLabel = "T", description = "Bearer token for a protocol server. Visible to "
            + "other local users in the process list: prefer --token-file or STOCK_MONITOR_TOKEN.")
    String token;

    @Option(names = "--trust-cert", paramLabel = "FILE", description = "Trust this certificate (PEM or DER: a "
            + "server's own, or the CA that signed it) instead of the usual CAs for the feed's wss:// and https:// "
            + "connections; host names are still checked.")
    Path trustCert;

    @Option(names = "--key-file", paramLabel = "FILE",
            description = "Alpaca's key and secret as key=... and secret=... lines.")
    Path keyFile;

    @Option(names = "--symbols", paramLabel = "SYM[,SYM...]", split = ",",
            description = "Symbols to subscribe, in the source's own spelling: AAPL, BTCUSDT, BTC-USD, BTC/USD "
                    + "(default: the remembered watchlist, or the source's well-known ones).")
    List<String> symbols = new ArrayList<>();

    @Option(names = "--headless", description = "Run with no window: log connection events, optionally record "
            + "every accepted trade and gap, print a summary at the end.")
    boolean headless;

    @Option(names = "--record", paramLabel = "FILE", description = "Headless: write trades, gaps, snapshots and "
            + "state changes to FILE as JSON Lines.")
    Path record;

    @Option(names = "--duration", paramLabel = "SECONDS", description = "Headless: stop after SECONDS "
            + "(default: run until interrupted).")
    Double durationSeconds;

    @Option(names = "--alert", paramLabel = "RULE", description = "Headless: alert when a level is crossed. RULE is "
            + "SYMBOL>PRICE, SYMBOL<PRICE, SYMBOL%%>PCT or SYMBOL%%<PCT (the day's change %%; PCT may be negative), "
            + "the symbol in the source's spelling (AAPL, BTCUSDT, BTC-USD, BTC/USD). Repeatable. Each firing is a "
            + "line on stdout and, with --record, an alert line in the record. Without --alert-rearm a rule fires "
            + "once.")
    List<String> alerts = new ArrayList<>();

    @Option(names = "--alert-rearm", paramLabel = "PCT", description = "Headless: rules re-arm once the price is "
            + "back PCT %% on the other side of the level (percentage points for day-change rules), and fire again "
            + "on the next crossing.")
    Double alertRearm;

    @Option(names = "--theme", paramLabel = "dark|light", description = "Window theme (default: remembered, "
            + "else dark).")
    String theme;

    private final Modes modes;
    private final AppDirs dirs;
    private final Map<String, String> env;

    public AppCommand(Modes modes, AppDirs dirs) {
        this(modes, dirs, System.getenv());
    }

    AppCommand(Modes modes, AppDirs dirs, Map<String, String> env) {
        this.modes = modes;
        this.dirs = dirs;
        this.env = env;
    }

    @Override
    public Integer call() throws Exception {
        AppOptions options = validate();
        return options.headless() ? modes.headless(options, dirs) : modes.window(options, dirs);
    }

    AppOptions validate() {
        SourceChoice choice = choice();
        if (!headless && (record != null || durationSeconds != null)) {
            throw bad("--record and --duration need --headless");
        }
        if (!headless && (!alerts.isEmpty() || alertRearm != null)) {
            throw bad("--alert and --alert-rearm need --headless (in the window, use the Alerts panel)");
        }
        if (alertRearm != null && alerts.isEmpty()) {
            throw bad("--alert-rearm needs at least one --alert");
        }
        if (alertRearm != null && !(alertRearm >= 0 && alertRearm < 100)) {
            throw bad("--alert-rearm must be a percentage from 0 to 100, got " + alertRearm);
        }
        if (alerts.size() > AlertLimits.MAX_RULES) {
            throw bad("at most " + AlertLimits.MAX_RULES + " --alert rules, got " + alerts.size());
        }
        List<AlertRule> rules = new ArrayList<>();
        for (String typed : alerts) {
            try {
                rules.add(AlertSyntax.parse(typed, rules.size() + 1L, alertRearm));
            } catch (IllegalArgumentException e) {
                throw bad(e.getMessage());
            }
        }
        if (headless && choice == null) {
            throw bad("--headless needs a source: --demo, --server URL or --source NAME");
        }
        Duration duration = null;
        if (durationSeconds != null) {
            if (!(durationSeconds > 0) || durationSeconds.isInfinite()) {
                throw bad("--duration must be a positive number of seconds, got " + durationSeconds);
            }
            duration = Duration.ofMillis(Math.round(durationSeconds * 1000));
        }
        List<String> normalized = new ArrayList<>();
        for (String s : symbols) {
            String symbol = SymbolSpelling.normalize(s);
            if (symbol == null) {
                throw bad("--symbols: '" + s + "' is not a symbol (letters, digits, '.', '-', '/', ':', '_'; "
                        + "up to 32)");
            }
            if (!normalized.contains(symbol)) {
                normalized.add(symbol);
            }
        }
        String normalizedTheme = null;
        if (theme != null) {
            normalizedTheme = theme.toLowerCase(Locale.ROOT);
            if (!normalizedTheme.equals("dark") && !normalizedTheme.equals("light")) {
                throw bad("--theme must be dark or light, got '" + theme + "'");
            }
        }
        return new AppOptions(choice, normalized, headless, record, duration, normalizedTheme, rules);
    }

    /** The source the options name, with its credentials; null when none is named. */
    private SourceChoice choice() {
        SourceKind kind = null;
        if (source != null) {
            kind = SourceKind.parse(source);
            if (kind == null) {
                throw bad("--source must be one of demo, v1, binance, coinbase, kraken, alpaca, finnhub; got '"
                        + source + "'");
            }
        }
        if (server != null && server.isBlank()) {
            throw bad("--server needs a URL, e.g. ws://127.0.0.1:8787/feed");
        }
        if (demo && (server != null || (kind != null && kind != SourceKind.DEMO))) {
            throw bad("--demo excludes --server and other sources");
        }
        if (server != null && kind != null && kind != SourceKind.V1) {
            throw bad("--server is for a protocol v1 server; it excludes --source " + kind.id());
        }
        if (demo) {
            kind = SourceKind.DEMO;
        } else if (server != null) {
            kind = SourceKind.V1;
        }
        if ((sourceWs != null || sourceRest != null) && (kind == null || !kind.provider())) {
            throw bad("--source-ws and --source-rest replace a provider's endpoints: name the provider with --source");
        }
        if (kind == null) {
            if (trustCert != null) {
                throw bad("--trust-cert needs a feed: --server URL or --source NAME");
            }
            return null;
        }
        SourceChoice choice = switch (kind) {
            case DEMO -> SourceChoice.demo();
            case V1 -> {
                if (server == null) {
                    throw bad("--source v1 needs --server URL");
                }
                yield SourceChoice.server(server, tokenOrNone());
            }
            default -> SourceChoice.provider(kind, providerCredentials(kind), url("--source-ws", sourceWs, "ws"),
                    url("--source-rest", sourceRest, "http"));
        };
        if (trustCert == null) {
            return choice;
        }
        if (kind == SourceKind.DEMO) {
            throw bad("--trust-cert is for a feed over TLS; the demo needs none");
        }
        try {
            // Read now: a missing or wrong file is a usage error at start, not a failure at every handshake.
            TrustedCertificates.load(trustCert);
        } catch (IllegalArgumentException e) {
            throw bad("--trust-cert: " + e.getMessage());
        }
        return choice.withTrustCert(trustCert.toAbsolutePath());
    }

    private Credentials tokenOrNone() {
        String t = token();
        return t == null ? Credentials.NONE : new Credentials(t, null);
    }

    private String token() {
        if (tokenFile != null) {
            try {
                return Secrets.tokenFile(tokenFile);
            } catch (IOException e) {
                throw bad("--token-file " + tokenFile + ": " + e.getMessage());
            }
        }
        if (token != null) {
            if (token.isBlank()) {
                throw bad("--token is empty");
            }
            return token;
        }
        return Secrets.tokenFromEnv(env);
    }

    private Credentials providerCredentials(SourceKind kind) {
        switch (kind) {
            case ALPACA -> {
                if (keyFile != null) {
                    try {
                        return Secrets.keyFile(keyFile);
                    } catch (IOException e) {
                        throw bad("--key-file " + keyFile + ": " + e.getMessage());
                    }
                }
                Credentials fromEnv = Secrets.keyFromEnv(env);
                if (fromEnv == null) {
                    throw bad("alpaca needs a key and a secret: set " + Secrets.KEY_ENV + " and "
                            + Secrets.SECRET_ENV + ", or give --key-file FILE");
                }
                return fromEnv;
            }
            case FINNHUB -> {
                if (token != null) {
                    throw bad("--token is for protocol servers; give Finnhub's token with --token-file or "
                            + Secrets.TOKEN_ENV);
                }
                String t = token();
                if (t == null) {
                    throw bad("finnhub needs a token: set " + Secrets.TOKEN_ENV + " or give --token-file FILE");
                }
                return new Credentials(t, null);
            }
            default -> {
                return Credentials.NONE;
            }
        }
    }

    /** A replacement endpoint: ws(s):// for {@code kind} "ws", http(s):// for "http"; null when not given. */
    private URI url(String option, String value, String kind) {
        if (value == null) {
            return null;
        }
        try {
            URI u = new URI(value.trim());
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals(kind) || scheme.equals(kind + "s")) || u.getHost() == null) {
                throw bad(option + " must be a " + kind + "s:// (or " + kind + "://) URL with a host, got '"
                        + SourceChoice.safeUrl(value) + "'");
            }
            if (u.getRawQuery() != null || u.getRawUserInfo() != null) {
                throw bad(option + " takes a base URL without a query or user info");
            }
            return u;
        } catch (URISyntaxException e) {
            throw bad(option + ": not a URL (" + e.getReason() + ")");
        }
    }

    private ParameterException bad(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /** Prints the version from the pom. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"stock-monitor " + ProductVersion.get()};
        }
    }
}
