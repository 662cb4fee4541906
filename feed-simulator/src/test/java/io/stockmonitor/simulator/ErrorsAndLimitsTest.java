package io.stockmonitor.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stockmonitor.protocol.ErrorCode;
import io.stockmonitor.protocol.Message;
import io.stockmonitor.protocol.Protocol;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ErrorsAndLimitsTest {
    private static EmbeddedSimulator sim;

    @BeforeAll
    static void start() throws Exception {
        sim = EmbeddedSimulator.start(SimulatorConfig.defaults().withPort(0).withRate(20));
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    private static Message.Error errorFor(String request) throws Exception {
        try (FeedTestClient c = FeedTestClient.connect(sim.uri())) {
            c.next(Message.Welcome.class);
            c.send(request);
            Message.Error e = c.next(Message.Error.class);
            // The connection stays open after a bad request.
            c.send(new Message.Ping(99));
            assertThat(c.next(Message.Pong.class).id()).isEqualTo(99);
            return e;
        }
    }

    @Test
    void notJsonIsBadJsonWithNullId() throws Exception {
        Message.Error e = errorFor("{\"type\":\"ping\",\"id\":");
        assertThat(e.code()).isEqualTo(ErrorCode.BAD_JSON);
        assertThat(e.id()).isNull();
        assertThat(e.message()).isNotBlank();
    }

    @Test
    void missingSymbolsIsBadRequestEchoingTheId() throws Exception {
        Message.Error e = errorFor("{\"type\":\"subscribe\",\"id\":5}");
        assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(e.id()).isEqualTo(5L);
        Message.Error wrongKind = errorFor("{\"type\":\"subscribe\",\"id\":6,\"symbols\":\"AAPL\"}");
        assertThat(wrongKind.code()).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(wrongKind.id()).isEqualTo(6L);
        Message.Error resumeWithoutEpoch = errorFor(
                "{\"type\":\"subscribe\",\"id\":8,\"symbols\":[\"AAPL\"],\"resume\":{\"after\":{\"AAPL\":3}}}");
        assertThat(resumeWithoutEpoch.code()).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(resumeWithoutEpoch.id()).isEqualTo(8L);
    }

    @Test
    void unknownOrServerOnlyTypeIsUnknownType() throws Exception {
        Message.Error e = errorFor("{\"type\":\"dance\",\"id\":9}");
        assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_TYPE);
        assertThat(e.id()).isEqualTo(9L);
        assertThat(e.message()).contains("dance");
        Message.Error serverOnly = errorFor("{\"type\":\"pong\",\"id\":10,\"ts\":1}");
        assertThat(serverOnly.code()).isEqualTo(ErrorCode.UNKNOWN_TYPE);
        assertThat(serverOnly.id()).isEqualTo(10L);
    }

    @Test
    void unknownSymbolIsReportedAndKnownOnesStillSubscribe() throws Exception {
        try (FeedTestClient c = FeedTestClient.connect(sim.uri())) {
            c.next(Message.Welcome.class);
            c.send(new Message.Subscribe(11, List.of("NOPE", "AAPL"), null));
            Message.Error e = c.next(Message.Error.class);
            assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_SYMBOL);
            assertThat(e.symbol()).isEqualTo("NOPE");
            assertThat(e.id()).isEqualTo(11L);
            Message.Subscribed sub = c.next(Message.Subscribed.class);
            assertThat(sub.symbol()).isEqualTo("AAPL");
            Message.Snapshot snap = c.next(Message.Snapshot.class);
            assertThat(c.next(Message.Tick.class).seq()).isEqualTo(snap.seq() + 1);

            c.send(new Message.Unsubscribe(12, List.of("ZZZZ")));
            List<Message> frames = c.until(m -> m instanceof Message.Error);
            Message.Error unsub = (Message.Error) frames.get(frames.size() - 1);
            assertThat(unsub.code()).isEqualTo(ErrorCode.UNKNOWN_SYMBOL);
            assertThat(unsub.symbol()).isEqualTo("ZZZZ");
        }
    }

    @Test
    void tooManySymbolsSubscribesNothing() throws Exception {
        List<String> many = IntStream.rangeClosed(1, FeedHub.MAX_SYMBOLS_PER_REQUEST + 1)
                .mapToObj(i -> "S" + i).collect(Collectors.toList());
        many.set(0, "AAPL");
        try (FeedTestClient c = FeedTestClient.connect(sim.uri())) {
            c.next(Message.Welcome.class);
            c.send(new Message.Subscribe(13, many, null));
            Message.Error e = c.next(Message.Error.class);
            assertThat(e.code()).isEqualTo(ErrorCode.TOO_MANY_SYMBOLS);
            assertThat(e.id()).isEqualTo(13L);
            c.send(new Message.Ping(14));
            // Nothing was subscribed: the next non-heartbeat frame is the pong, not a subscribed.
            assertThat(c.next(Message.Pong.class).id()).isEqualTo(14);
        }
    }

    /**
     * Floods in bursts of one request over the close threshold, waiting after each for the close. A burst that
     * falls into one rate window trips the close with its last request, so the client has stopped writing by then:
     * Jetty closes at once after a 1008 (an abnormal code), and a client still writing would see a reset instead
     * of the frames before it. A burst split over two windows does not trip it; the next burst, in a fresh window,
     * does. Bounded: at most five bursts.
     */
    private static int floodUntilClosed(FeedTestClient c) throws Exception {
        int sent = 0;
        for (int burst = 0; burst < 5 && !c.closeCode.isDone(); burst++) {
            for (int i = 0; i <= RequestRateLimiter.CLOSE_AFTER_PER_SECOND; i++) {
                c.send(new Message.Ping(++sent));
            }
            try {
                c.closeCode.get(5, java.util.concurrent.TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException notYet) {
                // Split over two windows: the next burst starts a fresh one.
            }
        }
        return sent;
    }

    @Test
    void floodGetsRateLimitedThenClosedWith1008() throws Exception {
        try (FeedTestClient c = FeedTestClient.connect(sim.uri())) {
            c.next(Message.Welcome.class);
            int sent = floodUntilClosed(c);
            List<Message> frames = new ArrayList<>(c.until(m -> m instanceof Message.Error));
            Message.Error e = (Message.Error) frames.get(frames.size() - 1);
            assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
            // Requests over the limit are refused, not answered.
            assertThat(frames.stream().filter(m -> m instanceof Message.Pong).count()).isLessThan(sent);
            assertThat(c.awaitClose()).isEqualTo(Protocol.CLOSE_POLICY_VIOLATION);
            assertThat(c.failedSends.get()).as("every request reached the server before it closed").isZero();
        }
    }

    @Test
    void floodCloseStillDeliversTheQueuedRateLimitedError() throws Exception {
        // Frames held back by a delay fault are still queued when the flood trips the close: the error that
        // explains the 1008 must go out before it, not be dropped with the queue.
        EmbeddedSimulator own = EmbeddedSimulator.start(SimulatorConfig.defaults().withPort(0).withRate(1));
        try (FeedTestClient c = FeedTestClient.connect(own.uri())) {
            c.next(Message.Welcome.class);
            own.faults().delayFrames(Duration.ofMillis(1_500));
            floodUntilClosed(c);
            List<Message> frames = c.until(m -> m instanceof Message.Error);
            assertThat(((Message.Error) frames.get(frames.size() - 1)).code()).isEqualTo(ErrorCode.RATE_LIMITED);
            assertThat(c.awaitClose()).isEqualTo(Protocol.CLOSE_POLICY_VIOLATION);
        } finally {
            own.close();
        }
    }

    @Test
    void frameOver64KiBClosesWith1009() throws Exception {
        try (FeedTestClient c = FeedTestClient.connect(sim.uri())) {
            c.next(Message.Welcome.class);
            String padding = "x".repeat(Protocol.MAX_CLIENT_FRAME_BYTES + 1);
            c.send("{\"type\":\"ping\",\"id\":1,\"pad\":\"" + padding + "\"}");
            assertThat(c.awaitClose()).isEqualTo(Protocol.CLOSE_MESSAGE_TOO_BIG);
        }
    }

    @Test
    void frameJustUnder64KiBIsAccepted() throws Exception {
        try (FeedTestClient c = FeedTestClient.connect(sim.uri())) {
            c.next(Message.Welcome.class);
            String prefix = "{\"type\":\"ping\",\"id\":2,\"pad\":\"";
            String padding = "x".repeat(Protocol.MAX_CLIENT_FRAME_BYTES - prefix.length() - 2);
            c.send(prefix + padding + "\"}");
            assertThat(c.next(Message.Pong.class).id()).isEqualTo(2);
        }
    }

    @Test
    void shutdownClosesClientsWith1001() throws Exception {
        EmbeddedSimulator own = EmbeddedSimulator.start(SimulatorConfig.defaults().withPort(0));
        try (FeedTestClient c = FeedTestClient.connect(own.uri())) {
            c.next(Message.Welcome.class);
            own.close();
            assertThat(c.awaitClose()).isEqualTo(Protocol.CLOSE_GOING_AWAY);
        } finally {
            own.close();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> own.connectionCount() == 0);
    }
}
