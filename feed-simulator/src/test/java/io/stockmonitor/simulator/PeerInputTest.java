package io.stockmonitor.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stockmonitor.protocol.ErrorCode;
import io.stockmonitor.protocol.Message;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What a peer sends is bounded on the way back, binary frames get an answer, and half-sent requests time out. */
class PeerInputTest {
    private static EmbeddedSimulator sim;

    @BeforeAll
    static void start() throws Exception {
        sim = EmbeddedSimulator.start(SimulatorConfig.defaults().withPort(0).withRate(5).withHeartbeatMs(100));
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @Test
    void aHugeSymbolIsEchoedAtMost32CharactersAndTheMessageIsBounded() throws Exception {
        String huge = "Q".repeat(60_000);
        try (FeedTestClient c = FeedTestClient.connect(sim.uri())) {
            c.next(Message.Welcome.class);
            c.send(new Message.Subscribe(3, List.of(huge, "AB\n\u001b[31mC"), null));
            Message.Error e = c.next(Message.Error.class);
            assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_SYMBOL);
            assertThat(e.symbol().length()).isLessThanOrEqualTo(SimulatorConfig.MAX_ECHOED_SYMBOL_CHARS + 1);
            assertThat(e.symbol()).startsWith("QQQQ");
            assertThat(e.message().length()).isLessThanOrEqualTo(SimulatorConfig.MAX_ERROR_MESSAGE_CHARS + 1);
            String raw = c.rawFrames.stream().filter(f -> f.contains("\"error\"")).findFirst().orElseThrow();
            assertThat(raw.length()).as("the error frame").isLessThan(1024);
            Message.Error control = c.next(Message.Error.class);
            assertThat(control.symbol()).doesNotContain("\n", "\u001b").startsWith("AB");
            c.send(new Message.Ping(4));
            assertThat(c.next(Message.Pong.class).id()).isEqualTo(4);
        }
    }

    @Test
    void aBinaryFrameGetsABadRequestErrorAndTheConnectionStaysOpen() throws Exception {
        try (FeedTestClient c = FeedTestClient.connect(sim.uri())) {
            c.next(Message.Welcome.class);
            c.session().sendBinary(ByteBuffer.wrap(new byte[] {1, 2, 3}), org.eclipse.jetty.websocket.api.Callback.NOOP);
            Message.Error e = c.next(Message.Error.class);
            assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST);
            assertThat(e.id()).isNull();
            assertThat(e.message()).contains("binary frames are not used");
            c.send(new Message.Ping(5));
            assertThat(c.next(Message.Pong.class).id()).isEqualTo(5);
        }
    }

    @Test
    void halfAnUpgradeRequestIsClosedWellBeforeTheOldThirtySeconds() throws Exception {
        try (RawWebSocket s = RawWebSocket.open(sim.uri(), 0)) {
            s.writeRaw("GET /feed HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n");
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                    .until(() -> s.closedByServer(100));
        }
    }

    @Test
    void aRequestTrickledAByteAtATimeIsClosedAtTheHeaderDeadline() throws Exception {
        try (RawWebSocket s = RawWebSocket.open(sim.uri(), 0)) {
            s.writeRaw("GET /feed HTTP/1.1\r\nHost: 127.0.0.1\r\n");
            // One more header byte per poll, about one a second: never idle, never complete.
            await().atMost(Duration.ofSeconds(25)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                try {
                    s.writeRaw("X");
                } catch (IOException closed) {
                    return true;
                }
                return s.closedByServer(50);
            });
        }
    }

    @Test
    void aQuietWebSocketIsNotClosedByTheShortHttpDeadline() throws Exception {
        try (EmbeddedSimulator quiet = EmbeddedSimulator.start(SimulatorConfig.defaults().withPort(0)
                .withSymbols(List.of("AAPL")).withHeartbeatMs(3_600_000));
             FeedTestClient c = FeedTestClient.connect(quiet.uri())) {
            c.next(Message.Welcome.class);
            try {
                await().during(Duration.ofSeconds(12)).atMost(Duration.ofSeconds(14))
                        .until(() -> !c.closeCode.isDone());
            } catch (ConditionTimeoutException e) {
                throw new AssertionError("the WebSocket was closed while quiet: " + c.closeCode.getNow(null), e);
            }
            c.send(new Message.Ping(6));
            assertThat(c.next(Message.Pong.class).id()).isEqualTo(6);
        }
    }
}
