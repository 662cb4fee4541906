package io.stockmonitor.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.stockmonitor.protocol.Message;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SimulatorMainTest {
    private static final Pattern LISTENING = Pattern.compile("feed-simulator listening on (ws://127\\.0\\.0\\.1:(\\d+)/feed)\\R");

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = SimulatorMain.commandLine(new SimulatorMain(new PrintWriter(out, true), new CountDownLatch(0)));
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
                "--heartbeat-ms", "--token", "--max-clients", "SIMULATED");
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
}
