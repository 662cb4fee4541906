package io.stockmonitor.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.stockmonitor.source.Credentials;
import io.stockmonitor.source.SourceKind;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class AppCommandTest {
    private final AtomicReference<AppOptions> headless = new AtomicReference<>();
    private final AtomicReference<AppOptions> window = new AtomicReference<>();
    private final StringWriter err = new StringWriter();

    private final AppCommand.Modes modes = new AppCommand.Modes() {
        @Override
        public int headless(AppOptions options, AppDirs dirs) {
            headless.set(options);
            return 0;
        }

        @Override
        public int window(AppOptions options, AppDirs dirs) {
            window.set(options);
            return 0;
        }
    };

    private Map<String, String> env = Map.of();

    private int run(String... args) {
        CommandLine cl = new CommandLine(new AppCommand(modes, AppDirs.underRoot(Path.of("target/x")), env));
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(new StringWriter(), true));
        return cl.execute(args);
    }

    @Test
    void noArgumentsOpensTheWindowWithDefaults() {
        assertThat(run()).isZero();
        assertThat(window.get()).isNotNull();
        assertThat(window.get().choice()).as("the remembered source, else demo").isNull();
        assertThat(window.get().symbolsOrDefault()).hasSizeBetween(8, 12).contains("AAPL");
    }

    @Test
    void headlessRunTakesServerSymbolsRecordAndDuration() {
        assertThat(run("--headless", "--server", "ws://127.0.0.1:1/feed", "--symbols", "aapl, MSFT,AAPL",
                "--record", "out.jsonl", "--duration", "2.5", "--token", "T")).isZero();
        AppOptions o = headless.get();
        assertThat(o.choice().kind()).isEqualTo(SourceKind.V1);
        assertThat(o.choice().server()).isEqualTo("ws://127.0.0.1:1/feed");
        assertThat(o.symbols()).containsExactly("AAPL", "MSFT");
        assertThat(o.record()).isEqualTo(Path.of("out.jsonl"));
        assertThat(o.duration()).isEqualTo(Duration.ofMillis(2500));
        assertThat(o.choice().credentials().key()).isEqualTo("T");
        assertThat(o.toString()).as("no credential in a printable form").doesNotContain("T,").doesNotContain("=T");
    }

    @Test
    void aProviderTakesItsOwnSymbolSpellingsAndReplacementEndpoints() {
        assertThat(run("--headless", "--source", "KRAKEN", "--symbols", "btc/usd,eth/usd", "--source-ws",
                "ws://127.0.0.1:9/v2", "--source-rest", "http://127.0.0.1:9")).isZero();
        AppOptions o = headless.get();
        assertThat(o.choice().kind()).isEqualTo(SourceKind.KRAKEN);
        assertThat(o.symbols()).containsExactly("BTC/USD", "ETH/USD");
        assertThat(o.choice().ws()).hasToString("ws://127.0.0.1:9/v2");
        assertThat(o.choice().rest()).hasToString("http://127.0.0.1:9");
        assertThat(run("--source", "coinbase", "--symbols", "BTC-USD")).isZero();
        assertThat(window.get().choice().kind()).isEqualTo(SourceKind.COINBASE);
    }

    @Test
    void keysComeFromTheEnvironmentOrAFileNeverTheCommandLine(@TempDir Path dir) throws Exception {
        env = Map.of("STOCK_MONITOR_KEY", "AKID", "STOCK_MONITOR_SECRET", "s3cret");
        assertThat(run("--headless", "--source", "alpaca")).isZero();
        assertThat(headless.get().choice().credentials()).isEqualTo(new Credentials("AKID", "s3cret"));

        Path keys = dir.resolve("alpaca.properties");
        Files.writeString(keys, "key=FROMFILE\nsecret=other\n");
        env = Map.of();
        assertThat(run("--headless", "--source", "alpaca", "--key-file", keys.toString())).isZero();
        assertThat(headless.get().choice().credentials().key()).isEqualTo("FROMFILE");

        Path token = dir.resolve("finnhub.token");
        Files.writeString(token, "tok123\n");
        assertThat(run("--headless", "--source", "finnhub", "--token-file", token.toString())).isZero();
        assertThat(headless.get().choice().credentials().key()).isEqualTo("tok123");

        env = Map.of("STOCK_MONITOR_TOKEN", "envtok");
        assertThat(run("--headless", "--server", "ws://127.0.0.1:1/feed")).isZero();
        assertThat(headless.get().choice().credentials().key()).isEqualTo("envtok");
    }

    @Test
    void aKeyedProviderWithoutItsKeyIsAOneLineErrorThatNamesWhereKeysGo() {
        assertThat(run("--headless", "--source", "alpaca")).isEqualTo(2);
        assertThat(err.toString()).contains("STOCK_MONITOR_KEY", "--key-file").doesNotContain("\tat ");
        err.getBuffer().setLength(0);
        assertThat(run("--headless", "--source", "finnhub")).isEqualTo(2);
        assertThat(err.toString()).contains("STOCK_MONITOR_TOKEN");
        err.getBuffer().setLength(0);
        assertThat(run("--headless", "--source", "finnhub", "--token", "visible")).as("not on the command line")
                .isEqualTo(2);
    }

    @Test
    void badArgumentsExitTwoWithAReason() {
        for (List<String> args : List.of(
                List.of("--headless"),
                List.of("--demo", "--server", "ws://x/feed"),
                List.of("--record", "x.jsonl"),
                List.of("--headless", "--demo", "--duration", "-1"),
                List.of("--headless", "--demo", "--duration", "soon"),
                List.of("--symbols", "AA PL"),
                List.of("--theme", "pink"),
                List.of("--source", "nasdaq"),
                List.of("--source", "v1"),
                List.of("--source", "binance", "--server", "ws://x/feed"),
                List.of("--source-ws", "ws://127.0.0.1:1"),
                List.of("--source", "binance", "--source-ws", "http://127.0.0.1:1"),
                List.of("--source", "binance", "--source-rest", "ftp://127.0.0.1:1"),
                List.of("--source", "binance", "--source-ws", "ws://127.0.0.1:1/?token=x"),
                List.of("--headless", "--server", "ws://x/feed", "--token-file", "/no/such/file"),
                List.of("--server", "wss://x/feed", "--trust-cert", "/no/such/cert.pem"),
                List.of("--demo", "--trust-cert", "pom.xml"),
                List.of("--trust-cert", "pom.xml"),
                List.of("--server", "wss://x/feed", "--trust-cert", "pom.xml"),
                List.of("--no-such-option"))) {
            err.getBuffer().setLength(0);
            assertThat(run(args.toArray(String[]::new))).as(args.toString()).isEqualTo(2);
            assertThat(err.toString()).as(args.toString()).isNotBlank();
        }
        assertThat(headless.get()).isNull();
        assertThat(window.get()).isNull();
    }

    @Test
    void aTrustedCertificateIsReadAtStartAndGoesWithTheChoice(@TempDir Path dir) throws Exception {
        Path pem = io.stockmonitor.simulator.TestKeystore.create(dir).writePem(dir.resolve("server.pem"));
        assertThat(run("--headless", "--server", "wss://127.0.0.1:1/feed", "--trust-cert", pem.toString())).isZero();
        assertThat(headless.get().choice().trustCert()).isEqualTo(pem.toAbsolutePath());
        assertThat(run("--headless", "--source", "binance", "--trust-cert", pem.toString())).isZero();
        assertThat(headless.get().choice().trustCert()).isEqualTo(pem.toAbsolutePath());
        err.getBuffer().setLength(0);
        assertThat(run("--server", "wss://x/feed", "--trust-cert", "pom.xml")).isEqualTo(2);
        assertThat(err.toString().lines().findFirst().orElseThrow())
                .contains("--trust-cert", "not a certificate (PEM or DER)");
    }

    @Test
    void alertRulesInEverySourcesSpellingAndTheirSymbolsAreSubscribed() {
        assertThat(run("--headless", "--demo", "--symbols", "AAPL", "--alert", "AAPL>190", "--alert", "msft<400.5",
                "--alert", "BTC/USD<50000", "--alert", "BTC-USD%>2.5", "--alert", "AAPL%<-1.5")).isZero();
        AppOptions o = headless.get();
        assertThat(o.alerts()).extracting(io.stockmonitor.alerts.AlertRule::text).containsExactly("AAPL>190",
                "MSFT<400.5", "BTC/USD<50000", "BTC-USD%>2.5", "AAPL%<-1.5");
        assertThat(o.alerts()).allSatisfy(r -> assertThat(r.oneShot()).isTrue());
        assertThat(o.alerts()).extracting(io.stockmonitor.alerts.AlertRule::id).doesNotHaveDuplicates();
        assertThat(o.symbolsWithAlerts()).containsExactly("AAPL", "MSFT", "BTC/USD", "BTC-USD");
        assertThat(run("--headless", "--demo", "--alert", "AAPL>190", "--alert-rearm", "0.25")).isZero();
        assertThat(headless.get().alerts()).singleElement().satisfies(r -> {
            assertThat(r.oneShot()).isFalse();
            assertThat(r.rearmPercent()).isEqualTo(0.25);
        });
    }

    @Test
    void aMalformedRuleIsAOneLineErrorAndExitTwo() {
        for (List<String> args : List.of(
                List.of("--headless", "--demo", "--alert", "AAPL=190"),
                List.of("--headless", "--demo", "--alert", "AAPL>-1"),
                List.of("--headless", "--demo", "--alert", "AAPL>1e3"),
                List.of("--headless", "--demo", "--alert", "AA PL>1"),
                List.of("--headless", "--demo", "--alert", "AAPL%>-120"),
                List.of("--headless", "--demo", "--alert", ""),
                List.of("--headless", "--demo", "--alert"),
                List.of("--headless", "--demo", "--alert", "AAPL>1", "--alert-rearm", "-1"),
                List.of("--headless", "--demo", "--alert-rearm", "1"),
                List.of("--demo", "--alert", "AAPL>1"))) {
            StringWriter errors = new StringWriter();
            CommandLine cl = new CommandLine(new AppCommand(modes, AppDirs.underRoot(Path.of("target/x")), env));
            cl.setErr(new PrintWriter(errors, true));
            cl.setParameterExceptionHandler(Launcher::oneLineError);
            assertThat(cl.execute(args.toArray(String[]::new))).as(args.toString()).isEqualTo(2);
            assertThat(errors.toString().lines()).as(args.toString()).singleElement()
                    .satisfies(l -> assertThat(l).startsWith("stock-monitor: "));
        }
        assertThat(headless.get()).isNull();
    }

    @Test
    void versionComesFromThePom() {
        StringWriter out = new StringWriter();
        CommandLine cl = new CommandLine(new AppCommand(modes, AppDirs.underRoot(Path.of("target/x"))));
        cl.setOut(new PrintWriter(out, true));
        assertThat(cl.execute("--version")).isZero();
        assertThat(out.toString()).startsWith("stock-monitor ").doesNotContain("dev");
    }
}
