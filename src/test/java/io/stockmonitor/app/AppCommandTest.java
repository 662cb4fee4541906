package io.stockmonitor.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
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

    private int run(String... args) {
        CommandLine cl = new CommandLine(new AppCommand(modes, AppDirs.underRoot(Path.of("target/x"))));
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(new StringWriter(), true));
        return cl.execute(args);
    }

    @Test
    void noArgumentsOpensTheWindowWithDefaults() {
        assertThat(run()).isZero();
        assertThat(window.get()).isNotNull();
        assertThat(window.get().server()).isNull();
        assertThat(window.get().symbolsOrDefault()).hasSizeBetween(8, 12).contains("AAPL");
    }

    @Test
    void headlessRunTakesServerSymbolsRecordAndDuration() {
        assertThat(run("--headless", "--server", "ws://127.0.0.1:1/feed", "--symbols", "aapl, MSFT,AAPL",
                "--record", "out.jsonl", "--duration", "2.5", "--token", "T")).isZero();
        AppOptions o = headless.get();
        assertThat(o.server()).isEqualTo("ws://127.0.0.1:1/feed");
        assertThat(o.symbols()).containsExactly("AAPL", "MSFT");
        assertThat(o.record()).isEqualTo(Path.of("out.jsonl"));
        assertThat(o.duration()).isEqualTo(Duration.ofMillis(2500));
        assertThat(o.token()).isEqualTo("T");
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
                List.of("--no-such-option"))) {
            err.getBuffer().setLength(0);
            assertThat(run(args.toArray(String[]::new))).as(args.toString()).isEqualTo(2);
            assertThat(err.toString()).as(args.toString()).isNotBlank();
        }
        assertThat(headless.get()).isNull();
        assertThat(window.get()).isNull();
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
