package io.stockmonitor.app;

import io.stockmonitor.protocol.ProductVersion;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
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
            "Live stock watchlist and charts over a WebSocket price feed (protocol v1).",
            "With no options it opens the window in demo mode: the bundled simulator starts in-process and",
            "the data shown are SIMULATED."})
public final class AppCommand implements Callable<Integer> {
    private static final Pattern SYMBOL = Pattern.compile("[A-Z][A-Z0-9.\\-]{0,11}");

    /** What runs the two modes; the launcher passes the real ones, tests may pass others. */
    public interface Modes {
        int headless(AppOptions options, AppDirs dirs) throws Exception;

        int window(AppOptions options, AppDirs dirs) throws Exception;
    }

    @Spec
    CommandSpec spec;

    @Option(names = "--server", paramLabel = "URL",
            description = "Feed URL speaking protocol v1, e.g. ws://127.0.0.1:8787/feed.")
    String server;

    @Option(names = "--demo", description = "Start the bundled feed simulator in-process and connect to it "
            + "(the default when no server is given or remembered).")
    boolean demo;

    @Option(names = "--token", paramLabel = "T", description = "Bearer token for the feed.")
    String token;

    @Option(names = "--symbols", paramLabel = "SYM[,SYM...]", split = ",",
            description = "Symbols to subscribe (default: the remembered watchlist, or ten well-known ones).")
    List<String> symbols = new ArrayList<>();

    @Option(names = "--headless", description = "Run with no window: log connection events, optionally record "
            + "every accepted tick, print a summary at the end.")
    boolean headless;

    @Option(names = "--record", paramLabel = "FILE", description = "Headless: write ticks, snapshots and state "
            + "changes to FILE as JSON Lines.")
    Path record;

    @Option(names = "--duration", paramLabel = "SECONDS", description = "Headless: stop after SECONDS "
            + "(default: run until interrupted).")
    Double durationSeconds;

    @Option(names = "--theme", paramLabel = "dark|light", description = "Window theme (default: remembered, "
            + "else dark).")
    String theme;

    private final Modes modes;
    private final AppDirs dirs;

    public AppCommand(Modes modes, AppDirs dirs) {
        this.modes = modes;
        this.dirs = dirs;
    }

    @Override
    public Integer call() throws Exception {
        AppOptions options = validate();
        return options.headless() ? modes.headless(options, dirs) : modes.window(options, dirs);
    }

    AppOptions validate() {
        if (server != null && demo) {
            throw bad("--server and --demo exclude each other");
        }
        if (server != null && server.isBlank()) {
            throw bad("--server needs a URL, e.g. ws://127.0.0.1:8787/feed");
        }
        if (!headless && (record != null || durationSeconds != null)) {
            throw bad("--record and --duration need --headless");
        }
        if (headless && server == null && !demo) {
            throw bad("--headless needs --server URL or --demo");
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
            String symbol = s.trim().toUpperCase(Locale.ROOT);
            if (!SYMBOL.matcher(symbol).matches()) {
                throw bad("--symbols: '" + s + "' is not a symbol (letters, digits, '.', '-'; up to 12)");
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
        return new AppOptions(server, demo, token, normalized, headless, record, duration, normalizedTheme);
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
