package io.stockmonitor.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stockmonitor.feed.testing.HostileFrame;
import io.stockmonitor.feed.testing.HostileRelay;
import io.stockmonitor.feed.testing.TcpProxy;
import io.stockmonitor.market.MarketLimits;
import io.stockmonitor.market.MarketModel;
import io.stockmonitor.simulator.EmbeddedSimulator;
import io.stockmonitor.simulator.SimulatorConfig;
import io.stockmonitor.source.v1.ProtocolV1Source;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The real client behind a hostile relay, one kind of bad frame at a time, with the effect each must have. */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HostileRelayTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void aBinaryFrameIsCountedAndSkippedWithoutStallingTheConnection() throws Exception {
        HostileRelay relay = new HostileRelay();
        try (EmbeddedSimulator sim = EmbeddedSimulator.start(SimulatorConfig.defaults().withPort(0)
                .withSymbols(List.of("AAPL", "MSFT")).withRate(50).withHeartbeatMs(200));
             TcpProxy proxy = TcpProxy.to(sim.uri(), relay);
             ConnectionSupervisor client = ProtocolV1Source.client(FeedClientConfig.of(proxy.uriFor(sim.uri()), null,
                     List.of("AAPL", "MSFT")), new MarketModel(MarketLimits.defaults(), System::currentTimeMillis))) {
            client.start();
            await().atMost(WAIT).until(() -> client.stats().ticksApplied() > 20);
            await().atMost(WAIT).until(() -> relay.arm(HostileFrame.BINARY_FRAME, new SplittableRandom(1)));
            await().atMost(WAIT).until(() -> relay.injected().get(HostileFrame.BINARY_FRAME) == 1);
            long after = client.stats().ticksApplied();
            // Three silence limits (600 ms each): a connection that stopped reading would have been aborted by now.
            await().atMost(WAIT).until(() -> client.stats().ticksApplied() > after + 100);
            assertThat(client.stats().connectionsLost()).as("the connection carried on").isZero();
            assertThat(client.stats().badFrames()).as("the binary frame is counted").isEqualTo(1);
        }
    }
}
