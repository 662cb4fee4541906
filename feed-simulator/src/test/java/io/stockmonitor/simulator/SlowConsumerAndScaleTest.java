package io.stockmonitor.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stockmonitor.protocol.Message;
import io.stockmonitor.protocol.Protocol;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.junit.jupiter.api.Test;

class SlowConsumerAndScaleTest {

    @Test
    void consumerThatStopsReadingIsClosedWith1013() throws Exception {
        SimulatorConfig config = SimulatorConfig.defaults().withPort(0).withRate(400).withSendQueueFrames(64);
        WebSocketClient smallBuffers = FeedTestClient.newJettyClient(4096);
        try (EmbeddedSimulator sim = EmbeddedSimulator.start(config);
             FeedTestClient c = FeedTestClient.connect(smallBuffers, sim.uri())) {
            c.next(Message.Welcome.class);
            c.pauseReading();
            c.send(new Message.Subscribe(1, sim.symbols(), null));
            await().atMost(Duration.ofSeconds(60)).until(() -> sim.slowConsumersClosed() == 1);
            c.resumeReading();
            assertThat(c.awaitClose()).isEqualTo(Protocol.CLOSE_TRY_AGAIN_LATER);
        } finally {
            smallBuffers.stop();
        }
    }

    @Test
    void twoHundredClientsAtOnceEachGetTheirSubscription() throws Exception {
        int clients = 200;
        SimulatorConfig config = SimulatorConfig.defaults().withPort(0).withRate(20).withMaxClients(clients);
        WebSocketClient jetty = FeedTestClient.newJettyClient();
        List<FeedTestClient> all = new ArrayList<>();
        try (EmbeddedSimulator sim = EmbeddedSimulator.start(config)) {
            List<String> symbols = sim.symbols();
            for (int i = 0; i < clients; i++) {
                FeedTestClient c = FeedTestClient.connect(jetty, sim.uri());
                all.add(c);
                String symbol = symbols.get(i % symbols.size());
                // Half start from a snapshot (a few hundred KiB each), half resume from seq 0 (a short replay).
                c.send(new Message.Subscribe(i, List.of(symbol),
                        i % 2 == 0 ? null : new Message.Resume(sim.epoch(), java.util.Map.of(symbol, 0L))));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> sim.connectionCount() == clients);
            for (int i = 0; i < clients; i++) {
                FeedTestClient c = all.get(i);
                String symbol = symbols.get(i % symbols.size());
                assertThat(c.next(Message.Welcome.class).epoch()).isEqualTo(sim.epoch());
                Message.Subscribed sub = c.next(Message.Subscribed.class);
                assertThat(sub.id()).isEqualTo(i);
                assertThat(sub.symbol()).isEqualTo(symbol);
                long expected = sub.resumed() ? 1 : c.next(Message.Snapshot.class).seq() + 1;
                assertThat(sub.resumed()).isEqualTo(i % 2 == 1);
                Message.Tick t = c.next(Message.Tick.class);
                assertThat(t.symbol()).isEqualTo(symbol);
                assertThat(t.seq()).isEqualTo(expected);
            }
        } finally {
            all.forEach(FeedTestClient::close);
            jetty.stop();
        }
    }
}
