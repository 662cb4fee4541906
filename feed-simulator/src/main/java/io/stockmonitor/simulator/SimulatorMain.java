package io.stockmonitor.simulator;

import io.stockmonitor.protocol.ProductVersion;
import io.stockmonitor.protocol.Protocol;
import io.stockmonitor.cluster.ClusterSettings;
import io.stockmonitor.source.Credentials;
import io.stockmonitor.source.Secrets;
import io.stockmonitor.source.SourceChoice;
import io.stockmonitor.source.SourceKind;
import io.stockmonitor.source.SourceSettings;
import io.stockmonitor.source.Sources;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Command line of the standalone feed simulator. Prints one line to stdout once ready
 * ({@code feed-simulator listening on ws://HOST:PORT/feed}, or {@code wss://} with a keystore); logs go to stderr.
 * Exit code 2 for bad options (including unreadable token, password or keystore files), 1 when an internal thread
 * died. Secrets come from files or the environment so that they need not be on the command line.
 */
@Command(name = "feed-simulator", mixinStandardHelpOptions = true, versionProvider = SimulatorMain.Version.class,
        sortOptions = false,
        description = {"Serves SIMULATED stock prices over WebSocket (Stock Monitor feed protocol v1 and v2) at /feed,",
            "or relays a real provider (--upstream) in the same protocol, with our seqs and epoch. With --redis the",
            "history is shared by every server of the feed: clients resume on any of them. GET /healthz answers",
            "200 while the server serves the feed as it is, else 503."},
        footer = "%nAdmin (only with --admin; loopback clients, loopback Host, no foreign Origin; "
                + "Authorization: Bearer TOKEN when a token is set): POST /admin/drop | /admin/silence?seconds=N | "
                + "/admin/new-epoch | /admin/delay?ms=N | /admin/duplicate?symbol=S | /admin/swap?symbol=S; "
                + "GET /admin/status")
public final class SimulatorMain implements Callable<Integer> {
    /** Logback reads this system property; set before the first logger is created. */
    static final String LOGBACK_CONFIG_PROPERTY = "logback.configurationFile";

    @Option(names = "--host", paramLabel = "HOST", description = "Interface to bind (default: ${DEFAULT-VALUE}).")
    String host = SimulatorConfig.DEFAULT_HOST;

    @Option(names = "--port", paramLabel = "PORT", description = "TCP port, 0 for a free one (default: ${DEFAULT-VALUE}).")
    int port = SimulatorConfig.DEFAULT_PORT;

    @Option(names = "--symbols", paramLabel = "SYM", split = ",",
            description = "Comma-separated symbols (default: the built-in universe of well-known tickers).")
    List<String> symbols = List.of();

    @Option(names = "--rate", paramLabel = "TICKS/S",
            description = "Mean ticks per second per symbol, Poisson arrivals (default: ${DEFAULT-VALUE}).")
    double rate = SimulatorConfig.DEFAULT_RATE;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the price model (default: ${DEFAULT-VALUE}).")
    long seed = SimulatorConfig.DEFAULT_SEED;

    @Option(names = "--history-ticks", paramLabel = "N",
            description = "Ticks per symbol kept for resume (default: ${DEFAULT-VALUE}).")
    int historyTicks = Protocol.DEFAULT_HISTORY_TICKS;

    @Option(names = "--heartbeat-ms", paramLabel = "MS", description = "Heartbeat period (default: ${DEFAULT-VALUE}).")
    long heartbeatMs = Protocol.DEFAULT_HEARTBEAT_MS;

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "Require the token in FILE (one line) at the upgrade (Authorization: Bearer TOKEN or "
                    + "?token=TOKEN) and on the admin endpoint. The token comes from --token-file, else --token, "
                    + "else the environment variable " + SimulatorMain.TOKEN_ENV + "; default: none.")
    Path tokenFile;

    @Option(names = "--token", paramLabel = "TOKEN",
            description = "The token on the command line: other local users can read it in ps; prefer "
                    + "--token-file or " + SimulatorMain.TOKEN_ENV + ".")
    String token;

    @Option(names = "--max-clients", paramLabel = "N",
            description = "Most simultaneous connections; more are refused with HTTP 503 (default: ${DEFAULT-VALUE}).")
    int maxClients = SimulatorConfig.DEFAULT_MAX_CLIENTS;

    @Option(names = "--admin",
            description = "Serve the fault-injection admin endpoint under /admin/ (loopback only); default: off, "
                    + "and /admin/ answers 404.")
    boolean admin;

    @Option(names = "--tls-keystore", paramLabel = "FILE",
            description = "Serve wss:// with the key and certificate in this PKCS#12 keystore (needs "
                    + "--tls-password-file); default: plain ws://.")
    Path tlsKeystore;

    @Option(names = "--tls-password-file", paramLabel = "FILE",
            description = "File holding the keystore's password (one line); it is never taken on the command line.")
    Path tlsPasswordFile;

    @Option(names = "--upstream", paramLabel = "PROVIDER",
            description = "Relay this provider instead of simulating: binance, coinbase, kraken, alpaca or finnhub "
                    + "(needs --symbols in the provider's spelling, e.g. BTCUSDT).")
    String upstream;

    @Option(names = "--source-ws", paramLabel = "URL",
            description = "Replaces the upstream provider's WebSocket base (a mirror, a test network, an emulator).")
    String sourceWs;

    @Option(names = "--source-rest", paramLabel = "URL",
            description = "Replaces the upstream provider's REST base.")
    String sourceRest;

    @Option(names = "--key-file", paramLabel = "FILE",
            description = "Alpaca's key and secret (key=... and secret=... lines); else the environment variables "
                    + Secrets.KEY_ENV + " and " + Secrets.SECRET_ENV + ".")
    Path keyFile;

    @Option(names = "--upstream-token-file", paramLabel = "FILE",
            description = "Finnhub's token (one line); else the environment variable " + SimulatorMain.UPSTREAM_TOKEN_ENV
                    + ". (" + SimulatorMain.TOKEN_ENV + " is this server's own token for its clients.)")
    Path upstreamTokenFile;

    @Option(names = "--redis", paramLabel = "URL",
            description = "Share the history in this Redis (redis://HOST:PORT) with every server of the same feed; "
                    + "default: in memory, this server alone.")
    String redis;

    @Option(names = "--redis-password-file", paramLabel = "FILE",
            description = "Redis's password (one line); else the environment variable "
                    + SimulatorMain.REDIS_PASSWORD_ENV + "; never on the command line.")
    Path redisPasswordFile;

    @Option(names = "--feed-name", paramLabel = "NAME",
            description = "The feed's name in Redis: servers of one feed share it (default: ${DEFAULT-VALUE}).")
    String feedName = "feed";

    @Option(names = "--node-id", paramLabel = "ID",
            description = "This server's name in Redis (who holds the producer lease; default: node- and random hex).")
    String nodeId;

    /** The environment variable a token may come from (read once, at start). */
    static final String TOKEN_ENV = "STOCK_MONITOR_TOKEN";
    /** Finnhub's token for a relay: not {@link #TOKEN_ENV}, which is this server's own token for its clients. */
    static final String UPSTREAM_TOKEN_ENV = "STOCK_MONITOR_UPSTREAM_TOKEN";
    /** Redis's password. */
    static final String REDIS_PASSWORD_ENV = "STOCK_MONITOR_REDIS_PASSWORD";

    private final PrintWriter out;
    private final CountDownLatch stop;
    private volatile EmbeddedSimulator running;

    private final java.util.function.Function<String, String> env;

    SimulatorMain(PrintWriter out, CountDownLatch stop) {
        this(out, stop, System::getenv);
    }

    /** {@code env} reads environment variables (tests pass their own). */
    SimulatorMain(PrintWriter out, CountDownLatch stop, java.util.function.Function<String, String> env) {
        this.out = out;
        this.stop = stop;
        this.env = env;
    }

    public static void main(String[] args) {
        if (System.getProperty(LOGBACK_CONFIG_PROPERTY) == null) {
            System.setProperty(LOGBACK_CONFIG_PROPERTY, "feed-simulator-logback.xml");
        }
        CountDownLatch stop = new CountDownLatch(1);
        PrintWriter out = new PrintWriter(System.out, true);
        SimulatorMain main = new SimulatorMain(out, stop);
        Thread hook = new Thread(() -> {
            stop.countDown();
            main.awaitStopped();
        }, "feed-simulator-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        int code = commandLine(main).execute(args);
        if (code != 0) {
            Runtime.getRuntime().removeShutdownHook(hook);
        }
        System.exit(code);
    }

    /** The picocli command with the project's exit codes: 2 and a one-line message for a bad option. */
    static CommandLine commandLine(SimulatorMain main) {
        CommandLine cl = new CommandLine(main);
        cl.setParameterExceptionHandler((ex, args) -> {
            ex.getCommandLine().getErr().println("feed-simulator: " + ex.getMessage()
                    + " (see --help)");
            return 2;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("feed-simulator: " + oneLine(ex));
            return ex instanceof IllegalArgumentException ? 2 : 1;
        });
        return cl;
    }

    private static String oneLine(Throwable t) {
        String m = t.getMessage();
        return (m == null ? t.getClass().getSimpleName() : m).replace('\n', ' ');
    }

    @Override
    public Integer call() throws Exception {
        SimulatorConfig config = new SimulatorConfig(host, port, symbols, rate, seed, historyTicks, heartbeatMs,
                resolveToken(), maxClients).withAdmin(admin).withTls(tls());
        java.util.concurrent.atomic.AtomicReference<Throwable> failed = new java.util.concurrent.atomic.AtomicReference<>();
        try (EmbeddedSimulator sim = EmbeddedSimulator.start(config, upstreamSettings(), clusterSettings())) {
            sim.failure().thenAccept(t -> {
                failed.set(t);
                stop.countDown();
            });
            running = sim;
            out.println("feed-simulator listening on " + sim.uri());
            out.flush();
            stop.await();
        } finally {
            running = null;
            synchronized (this) {
                notifyAll();
            }
        }
        if (failed.get() != null) {
            // Exit code 1 and one line (the stack trace is in the log): an internal thread died.
            throw new IllegalStateException("internal failure, simulator stopped: " + failed.get());
        }
        return 0;
    }

    /** --token-file, else --token, else the environment; null for none. A set but empty variable counts as unset. */
    String resolveToken() {
        if (tokenFile != null) {
            return SecretFile.read(tokenFile, "token");
        }
        if (token != null) {
            return token;
        }
        String fromEnv = env.apply(TOKEN_ENV);
        return fromEnv == null || fromEnv.isEmpty() ? null : fromEnv;
    }

    /** The provider to relay, or null to simulate. */
    SourceSettings upstreamSettings() {
        if (upstream == null) {
            if (sourceWs != null || sourceRest != null || keyFile != null || upstreamTokenFile != null) {
                throw new IllegalArgumentException("--source-ws, --source-rest, --key-file and --upstream-token-file "
                        + "are for a relay: name the provider with --upstream");
            }
            return null;
        }
        SourceKind kind = SourceKind.parse(upstream);
        if (kind == null || !kind.provider()) {
            throw new IllegalArgumentException("--upstream must be one of binance, coinbase, kraken, alpaca, finnhub");
        }
        if (symbols.isEmpty()) {
            throw new IllegalArgumentException("--upstream needs --symbols in the provider's own spelling");
        }
        return Sources.settings(kind, symbols, upstreamCredentials(kind), url("--source-ws", sourceWs, "ws"),
                url("--source-rest", sourceRest, "http"));
    }

    private Credentials upstreamCredentials(SourceKind kind) {
        try {
            switch (kind) {
                case ALPACA -> {
                    Credentials c = keyFile != null ? Secrets.keyFile(keyFile)
                            : Secrets.keyFromEnv(envMap(Secrets.KEY_ENV, Secrets.SECRET_ENV));
                    if (c == null) {
                        throw new IllegalArgumentException("alpaca needs a key and a secret: set " + Secrets.KEY_ENV
                                + " and " + Secrets.SECRET_ENV + ", or give --key-file FILE");
                    }
                    return c;
                }
                case FINNHUB -> {
                    String t = upstreamTokenFile != null ? Secrets.tokenFile(upstreamTokenFile) : env.apply(
                            UPSTREAM_TOKEN_ENV);
                    if (t == null || t.isBlank()) {
                        throw new IllegalArgumentException("finnhub needs a token: set " + UPSTREAM_TOKEN_ENV
                                + " or give --upstream-token-file FILE");
                    }
                    return new Credentials(t.strip(), null);
                }
                default -> {
                    return Credentials.NONE;
                }
            }
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("cannot read the upstream's credentials: " + e.getMessage());
        }
    }

    private Map<String, String> envMap(String... names) {
        Map<String, String> m = new HashMap<>();
        for (String n : names) {
            String v = env.apply(n);
            if (v != null) {
                m.put(n, v);
            }
        }
        return m;
    }

    /** A replacement endpoint: ws(s):// for {@code kind} "ws", http(s):// for "http"; null when not given. */
    private static URI url(String option, String value, String kind) {
        if (value == null) {
            return null;
        }
        URI u;
        try {
            u = new URI(value.trim());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException(option + " is not a URL");
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!(scheme.equals(kind) || scheme.equals(kind + "s")) || u.getHost() == null || u.getRawUserInfo() != null
                || u.getRawQuery() != null) {
            throw new IllegalArgumentException(option + " must be a " + kind + "s:// (or " + kind
                    + "://) URL with a host and no query: " + SourceChoice.safeUrl(value));
        }
        return u;
    }

    /** Where the shared history is, or null for a history in memory. */
    ClusterSettings clusterSettings() {
        if (redis == null) {
            if (redisPasswordFile != null) {
                throw new IllegalArgumentException("--redis-password-file needs --redis");
            }
            return null;
        }
        if (!redisClientPresent()) {
            throw new IllegalArgumentException("--redis needs the feed server's Redis client (server-lib/ next to "
                    + "feed-simulator.jar); this copy has none (the desktop app's bundled feed-simulator serves from "
                    + "memory only)");
        }
        String password = redisPasswordFile != null ? SecretFile.read(redisPasswordFile, "Redis password")
                : env.apply(REDIS_PASSWORD_ENV);
        String node = nodeId != null ? nodeId : "node-" + Long.toHexString(new java.security.SecureRandom().nextLong());
        return ClusterSettings.parse(redis, password, feedName, node);
    }

    /** Jedis is the server's alone (server-lib/): the desktop app's image does not ship it. */
    private static boolean redisClientPresent() {
        try {
            Class.forName("redis.clients.jedis.Jedis", false, SimulatorMain.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private TlsConfig tls() {
        if (tlsKeystore == null && tlsPasswordFile == null) {
            return null;
        }
        if (tlsKeystore == null || tlsPasswordFile == null) {
            throw new IllegalArgumentException("--tls-keystore and --tls-password-file go together");
        }
        return TlsConfig.fromFiles(tlsKeystore, tlsPasswordFile);
    }

    /** The running simulator, or null (tests). */
    EmbeddedSimulator running() {
        return running;
    }

    /** Blocks the shutdown hook until the simulator has closed its clients (1001) and stopped. */
    private void awaitStopped() {
        synchronized (this) {
            long deadline = System.currentTimeMillis() + 10_000;
            while (running != null && System.currentTimeMillis() < deadline) {
                try {
                    wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Version text from the build. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"feed-simulator " + ProductVersion.get() + " (simulated market data)",
                "protocol " + Protocol.VERSION, "Java " + System.getProperty("java.version")};
        }
    }

    @Override
    public String toString() {
        return "SimulatorMain" + Arrays.asList(host, port);
    }
}
