package io.stockmonitor.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stockmonitor.feed.testing.FeedHarness;
import io.stockmonitor.feed.testing.HostileFrame;
import io.stockmonitor.feed.testing.HostileRelay;
import io.stockmonitor.feed.testing.TcpProxy;
import io.stockmonitor.market.MarketLimits;
import io.stockmonitor.market.MarketModel;
import io.stockmonitor.simulator.EmbeddedSimulator;
import io.stockmonitor.simulator.SimulatorConfig;
import io.stockmonitor.source.v1.ProtocolSource;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The real client behind a hostile relay, one kind of bad frame at a time, with the effect each must have. */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HostileRelayTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    /** What one hostile frame must do to the client's counters, and nothing else. */
    private record Effect(long badFrames, long duplicates, long gaps, long connectionsLost) {
        static Effect of(FeedStats s) {
            return new Effect(s.badFrames(), s.duplicatesDropped(), s.gaps(), s.connectionsLost());
        }

        Effect minus(Effect o) {
            return new Effect(badFrames - o.badFrames, duplicates - o.duplicates, gaps - o.gaps,
                    connectionsLost - o.connectionsLost);
        }
    }

    private static Effect expected(HostileFrame frame) {
        return switch (frame.reaction()) {
            case BAD_FRAME -> new Effect(1, 0, 0, 0);
            case DUPLICATE -> new Effect(0, 1, 0, 0);
            case RESYNC -> new Effect(0, 0, 1, 0);
            case RECONNECT -> new Effect(0, 0, 0, 1);
            case NONE -> new Effect(0, 0, 0, 0);
        };
    }

    /**
     * Each hostile frame in turn on one connection: it has its documented effect (a counted bad frame, a dropped
     * duplicate, a resync by resume, a reconnect and resume) and no other; no forged tick is ever applied and the
     * stream stays exactly the published one. A corrupted tick comes last: the client counts that trade lost.
     */
    @Test
    void everyHostileFrameHasItsEffectAndNeverBecomesATrade() throws Exception {
        HostileRelay relay = new HostileRelay();
        try (FeedHarness h = new FeedHarness(List.of("AAPL", "MSFT"), 100, 7, 200,
                c -> c.withBackoff(20, 200, 10_000).withTimeouts(3.0, 2_000, 1_000),
                sim -> sim.withHistoryTicks(400), relay)) {
            h.awaitConnected();
            for (HostileFrame frame : HostileFrame.values()) {
                if (frame == HostileFrame.CORRUPTED_TICK) {
                    continue;
                }
                h.awaitTicks(20);
                Effect before = Effect.of(h.client.stats());
                inject(relay, frame);
                Effect want = expected(frame);
                await(frame.name()).atMost(WAIT).until(() -> {
                    Effect d = Effect.of(h.client.stats()).minus(before);
                    return d.badFrames() >= want.badFrames() && d.duplicates() >= want.duplicates()
                            && d.gaps() >= want.gaps() && d.connectionsLost() >= want.connectionsLost();
                });
                h.awaitConnected();
                h.awaitTicks(20);
                assertThat(Effect.of(h.client.stats()).minus(before)).as(frame.name()).isEqualTo(want);
            }
            h.awaitCaughtUp();
            assertThat(h.checkStreams(FeedHarness.only())).isPositive();

            long lostBefore = h.client.stats().tradesLost();
            inject(relay, HostileFrame.CORRUPTED_TICK);
            await().atMost(WAIT).until(() -> h.client.stats().tradesLost() == lostBefore + 1);
            assertThat(h.client.stats().badFrames()).isEqualTo(7);
        }
    }

    private static void inject(HostileRelay relay, HostileFrame frame) {
        long before = relay.injected().get(frame);
        await(frame + " armed").atMost(WAIT).until(() -> relay.arm(frame, new SplittableRandom(1)));
        await(frame + " written").atMost(WAIT).until(() -> relay.injected().get(frame) == before + 1);
    }

    @Test
    void aBinaryFrameIsCountedAndSkippedWithoutStallingTheConnection() throws Exception {
        HostileRelay relay = new HostileRelay();
        try (EmbeddedSimulator sim = EmbeddedSimulator.start(SimulatorConfig.defaults().withPort(0)
                .withSymbols(List.of("AAPL", "MSFT")).withRate(50).withHeartbeatMs(200));
             TcpProxy proxy = TcpProxy.to(sim.uri(), relay);
             ConnectionSupervisor client = ProtocolSource.client(FeedClientConfig.of(proxy.uriFor(sim.uri()), null,
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
