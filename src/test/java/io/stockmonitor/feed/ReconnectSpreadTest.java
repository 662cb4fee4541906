package io.stockmonitor.feed;

import io.stockmonitor.source.v1.ProtocolSource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stockmonitor.market.MarketLimits;
import io.stockmonitor.market.MarketModel;
import io.stockmonitor.simulator.EmbeddedSimulator;
import io.stockmonitor.simulator.SimulatorConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** 50 clients lose the server at the same instant: their first retries spread over the jitter window. */
@Timeout(value = 90, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ReconnectSpreadTest {
    private static final int CLIENTS = 50;

    @Test
    void fiftyClientsDroppedAtOnceRetryAtSpreadOutTimesWithinTheFirstWindow() throws Exception {
        WebSocketClient ws = WebSockets.newClient();
        ws.start();
        List<ConnectionSupervisor> clients = new ArrayList<>();
        Map<Integer, Long> firstDelay = new ConcurrentHashMap<>();
        try (EmbeddedSimulator sim = EmbeddedSimulator.start(SimulatorConfig.defaults().withPort(0)
                .withSymbols(List.of("AAPL")).withRate(5).withHeartbeatMs(500))) {
            for (int i = 0; i < CLIENTS; i++) {
                ConnectionSupervisor c = ProtocolSource.client(FeedClientConfig.of(sim.uri(), null, List.of("AAPL")),
                        new MarketModel(MarketLimits.defaults(), System::currentTimeMillis), ws);
                int index = i;
                c.addListener(e -> {
                    if (e instanceof FeedEvent.StateChanged s && s.status().state() == ConnectionState.RECONNECTING
                            && s.status().attempt() == 1) {
                        firstDelay.putIfAbsent(index, s.status().nextRetryAtMs() - s.status().sinceMs());
                    }
                });
                clients.add(c);
                c.start();
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> clients.stream()
                    .allMatch(c -> c.status().state() == ConnectionState.CONNECTED));
            sim.faults().dropAllConnections();
            await().atMost(Duration.ofSeconds(60)).until(() -> firstDelay.size() == CLIENTS);
            await().atMost(Duration.ofSeconds(60)).until(() -> clients.stream()
                    .allMatch(c -> c.status().state() == ConnectionState.CONNECTED));
        } finally {
            clients.forEach(ConnectionSupervisor::close);
            ws.stop();
        }
        long window = FeedClientConfig.DEFAULT_BACKOFF_FIRST_MS;
        assertThat(firstDelay.values()).allSatisfy(d -> assertThat(d).isBetween(0L, window));
        assertThat(new TreeSet<>(firstDelay.values())).as("distinct delays").hasSizeGreaterThan(CLIENTS * 3 / 4);
        int[] buckets = new int[5];
        for (long d : firstDelay.values()) {
            buckets[(int) Math.min(4, d * 5 / (window + 1))]++;
        }
        for (int b : buckets) {
            assertThat(b).as("clients per fifth of the window: %s", java.util.Arrays.toString(buckets))
                    .isPositive().isLessThan(CLIENTS / 2);
        }
    }
}
