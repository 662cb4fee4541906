package io.stockmonitor.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.stockmonitor.protocol.Message;
import io.stockmonitor.protocol.Protocol;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** An internal thread's death stops the simulator loudly; it never goes on answering pings with no ticks. */
class InternalFailureTest {

    /** Stands for an OutOfMemoryError or any other Error that kills a thread. */
    static final class InjectedError extends Error {
        InjectedError() {
            super("injected by the test");
        }
    }

    private static void throwOnNextTick(EmbeddedSimulator sim) {
        sim.addPublishListener((epoch, tick) -> {
            throw new InjectedError();
        });
    }

    @Test
    void publisherDeathClosesEveryClientAndStopsTheServer() throws Exception {
        EmbeddedSimulator sim = EmbeddedSimulator.start(SimulatorConfig.defaults().withPort(0)
                .withSymbols(List.of("AAPL")).withRate(50));
        try (FeedTestClient c = FeedTestClient.connect(sim.uri())) {
            c.next(Message.Welcome.class);
            c.send(new Message.Subscribe(1, List.of("AAPL"), null));
            c.next(Message.Subscribed.class);
            c.next(Message.Snapshot.class);
            throwOnNextTick(sim);
            assertThat(c.awaitClose()).isEqualTo(Protocol.CLOSE_GOING_AWAY);
            assertThat(sim.failure().get(30, TimeUnit.SECONDS)).isInstanceOf(InjectedError.class);
            Throwable refused = catchThrowable(() -> FeedTestClient.connect(sim.uri()).close());
            assertThat(refused).as("nothing listens any more").isNotNull();
        } finally {
            sim.close();
        }
    }

    @Test
    void aThrowingTimerTaskOrPoolThreadIsFatalTooAndShutsDownOnce() throws Exception {
        InternalFailure timerFailure = new InternalFailure();
        java.util.concurrent.atomic.AtomicInteger stops = new java.util.concurrent.atomic.AtomicInteger();
        timerFailure.onFailure(stops::incrementAndGet);
        java.util.concurrent.ScheduledExecutorService timer =
                java.util.concurrent.Executors.newSingleThreadScheduledExecutor(timerFailure.threads("test-timer"));
        java.util.concurrent.ExecutorService pool =
                java.util.concurrent.Executors.newFixedThreadPool(1, timerFailure.threads("test-sender"));
        try {
            timer.schedule(timerFailure.guard("timer", () -> {
                throw new InjectedError();
            }), 0, TimeUnit.MILLISECONDS);
            assertThat(timerFailure.failure().get(30, TimeUnit.SECONDS)).isInstanceOf(InjectedError.class);
            pool.execute(() -> {
                throw new InjectedError();
            });
            InternalFailure poolFailure = new InternalFailure();
            java.util.concurrent.ExecutorService other =
                    java.util.concurrent.Executors.newFixedThreadPool(1, poolFailure.threads("test-sender"));
            other.execute(() -> {
                throw new InjectedError();
            });
            assertThat(poolFailure.failure().get(30, TimeUnit.SECONDS)).isInstanceOf(InjectedError.class);
            other.shutdownNow();
            assertThat(stops.get()).as("the shutdown action runs once").isEqualTo(1);
        } finally {
            timer.shutdownNow();
            pool.shutdownNow();
        }
    }

    @Test
    void theStandaloneProgramExitsNonZeroWithOneLine() throws Exception {
        Pattern listening = Pattern.compile("feed-simulator listening on (ws://\\S+)");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        SimulatorMain main = new SimulatorMain(new PrintWriter(out, true), new CountDownLatch(1));
        picocli.CommandLine cl = SimulatorMain.commandLine(main);
        cl.setErr(new PrintWriter(err, true));
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> cl.execute("--port", "0",
                "--symbols", "AAPL", "--rate", "50"));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> main.running() != null || exit.isDone());
        Matcher m = listening.matcher(out.toString());
        assertThat(m.find()).isTrue();
        try (FeedTestClient c = FeedTestClient.connect(URI.create(m.group(1)))) {
            c.next(Message.Welcome.class);
            throwOnNextTick(main.running());
            assertThat(exit.get(30, TimeUnit.SECONDS)).isEqualTo(1);
        }
        assertThat(err.toString().strip()).startsWith("feed-simulator: ").contains("internal failure")
                .doesNotContain("\n");
    }
}
