package io.stockmonitor.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.stockmonitor.protocol.Message;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SimulatorMainTest {
    private static final Pattern LISTENING = Pattern.compile("feed-simulator listening on (ws://127\\.0\\.0\\.1:(\\d+)/feed)\\R");

    private record Run(int code, String out, String err) {
    }

    @TempDir
    Path dir;

    private static Run run(String... args) {
        return run(Map.of(), args);
    }

    private static Run run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = SimulatorMain.commandLine(new SimulatorMain(new PrintWriter(out, true), new CountDownLatch(0),
                env::get));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void badValuesGiveOneLineErrorAndExitCode2() {
        for (String[] args : new String[][] {
            {"--rate", "fast"}, {"--rate", "-1"}, {"--port", "70000"}, {"--history-ticks", "0"},
            {"--heartbeat-ms", "x"}, {"--no-such-option"}, {"--symbols", "aapl lower"}, {"--max-clients", "0"}}) {
            Run r = run(args);
            assertThat(r.code()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(r.err().strip()).as(String.join(" ", args)).isNotEmpty().doesNotContain("\n");
            assertThat(r.out()).isEmpty();
        }
    }

    @Test
    void helpListsEveryOptionAndVersionSaysSimulated() {
        Run help = run("--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("--host", "--port", "--symbols", "--rate", "--seed", "--history-ticks",
                "--heartbeat-ms", "--token", "--max-clients", "SIMULATED", "--token-file", "STOCK_MONITOR_TOKEN",
                "ps", "--admin", "--tls-keystore", "--tls-password-file");
        Run version = run("--version");
        assertThat(version.code()).isZero();
        assertThat(version.out()).contains("feed-simulator", "simulated");
    }

    @Test
    void portZeroPrintsTheListeningLineWithTheActualPortAndServes() throws Exception {
        StringWriter out = new StringWriter();
        CountDownLatch stop = new CountDownLatch(1);
        SimulatorMain main = new SimulatorMain(new PrintWriter(out, true), stop);
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> SimulatorMain.commandLine(main)
                .execute("--port", "0", "--symbols", "AAPL,IBM", "--rate", "20"));
        try {
            Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                    .until(() -> LISTENING.matcher(out.toString()).find() || exit.isDone());
            Matcher m = LISTENING.matcher(out.toString());
            assertThat(m.matches()).as("stdout is exactly the listening line: %s", out).isTrue();
            assertThat(Integer.parseInt(m.group(2))).isPositive();
            try (FeedTestClient c = FeedTestClient.connect(URI.create(m.group(1)))) {
                assertThat(c.next(Message.Welcome.class).symbols()).containsExactly("AAPL", "IBM");
            }
        } finally {
            stop.countDown();
        }
        assertThat(exit.get(30, TimeUnit.SECONDS)).isZero();
    }

    /** Starts the program with {@code args}, returns the URI of its listening line, runs {@code body}, stops it. */
    private static void whileRunning(Map<String, String> env, String scheme, ThrowingConsumer<URI> body,
                                     String... args) throws Exception {
        Pattern listening = Pattern.compile("feed-simulator listening on (" + scheme + "://127\\.0\\.0\\.1:\\d+/feed)\\R");
        StringWriter out = new StringWriter();
        CountDownLatch stop = new CountDownLatch(1);
        SimulatorMain main = new SimulatorMain(new PrintWriter(out, true), stop, env::get);
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> SimulatorMain.commandLine(main)
                .execute(args));
        try {
            Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                    .until(() -> listening.matcher(out.toString()).find() || exit.isDone());
            Matcher m = listening.matcher(out.toString());
            assertThat(m.matches()).as("stdout is exactly the listening line: %s", out).isTrue();
            body.accept(URI.create(m.group(1)));
        } finally {
            stop.countDown();
        }
        assertThat(exit.get(30, TimeUnit.SECONDS)).isZero();
    }

    interface ThrowingConsumer<T> {
        void accept(T t) throws Exception;
    }

    private static int upgradeStatus(URI uri, String token) throws Exception {
        try (RawWebSocket s = RawWebSocket.open(uri, 0)) {
            s.writeRaw(RawWebSocket.upgradeRequest(uri, token == null ? "" : "Authorization: Bearer " + token + "\r\n"));
            return s.readStatus();
        }
    }

    @Test
    void theTokenComesFromTheFileThenTheOptionThenTheEnvironment() throws Exception {
        Path file = dir.resolve("token");
        Files.writeString(file, "from-file\n");
        Map<String, String> env = Map.of("STOCK_MONITOR_TOKEN", "from-env");
        whileRunning(env, "ws", uri -> {
            assertThat(upgradeStatus(uri, "from-file")).isEqualTo(101);
            assertThat(upgradeStatus(uri, "from-option")).isEqualTo(401);
            assertThat(upgradeStatus(uri, "from-env")).isEqualTo(401);
        }, "--port", "0", "--symbols", "AAPL", "--token-file", file.toString(), "--token", "from-option");
        whileRunning(env, "ws", uri -> {
            assertThat(upgradeStatus(uri, "from-option")).isEqualTo(101);
            assertThat(upgradeStatus(uri, "from-env")).isEqualTo(401);
        }, "--port", "0", "--symbols", "AAPL", "--token", "from-option");
        whileRunning(env, "ws", uri -> {
            assertThat(upgradeStatus(uri, "from-env")).isEqualTo(101);
            assertThat(upgradeStatus(uri, null)).isEqualTo(401);
        }, "--port", "0", "--symbols", "AAPL");
    }

    @Test
    void aBadTokenFileOrTlsSetupIsAOneLineErrorAndExitCode2() throws Exception {
        Path empty = dir.resolve("empty");
        Files.writeString(empty, "\n");
        Path secret = dir.resolve("secret");
        Files.writeString(secret, "hunter2\n");
        for (String[] args : new String[][] {
            {"--token-file", dir.resolve("missing").toString()}, {"--token-file", empty.toString()},
            {"--token-file", dir.toString()}, {"--tls-keystore", secret.toString()},
            {"--tls-password-file", secret.toString()},
            {"--tls-keystore", dir.resolve("missing.p12").toString(), "--tls-password-file", secret.toString()},
            {"--tls-keystore", secret.toString(), "--tls-password-file", secret.toString()}}) {
            Run r = run(args);
            assertThat(r.code()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(r.err().strip()).as(String.join(" ", args)).isNotEmpty().doesNotContain("\n")
                    .doesNotContain("hunter2");
            assertThat(r.out()).isEmpty();
        }
    }

    @Test
    void withAKeystoreTheReadyLineSaysWss() throws Exception {
        TestKeystore keys = TestKeystore.create(dir);
        org.eclipse.jetty.websocket.client.WebSocketClient trusting = TestKeystore.client(keys.trustStore());
        try {
            whileRunning(Map.of(), "wss", uri -> {
                try (FeedTestClient c = FeedTestClient.connect(trusting, uri)) {
                    assertThat(c.next(Message.Welcome.class).symbols()).containsExactly("AAPL");
                }
            }, "--port", "0", "--symbols", "AAPL", "--tls-keystore", keys.keystore().toString(),
                    "--tls-password-file", keys.passwordFile().toString());
        } finally {
            trusting.stop();
        }
    }
}
