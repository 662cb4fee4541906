package io.stockmonitor.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stockmonitor.feed.testing.FeedHarness;
import io.stockmonitor.market.GapCause;
import io.stockmonitor.protocol.ResyncReason;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Each fault against a real simulator through a real TCP proxy: the applied stream equals the published one. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class FeedFaultsTest {
    private static final List<String> SYMBOLS = List.of("AAPL", "MSFT");
    private FeedHarness h;

    @BeforeEach
    void start() throws Exception {
        h = new FeedHarness(SYMBOLS, 200, 42);
        h.awaitConnected();
        h.awaitTicks(100);
    }

    @AfterEach
    void stop() {
        if (h != null) {
            h.close();
        }
    }

    @Test
    void proxyResetResumesWithoutGapOrDuplicate() {
        long reconnects = h.client.stats().reconnects();
        h.proxy.resetAll();
        await().atMost(Duration.ofSeconds(30)).until(() -> h.client.stats().reconnects() > reconnects
                && h.client.status().state() == ConnectionState.CONNECTED);
        h.awaitTicks(100);
        h.awaitCaughtUp();
        assertThat(h.checkStreams(FeedHarness.only())).isGreaterThan(200);
        assertThat(h.client.stats().symbolsResumed()).isGreaterThanOrEqualTo(SYMBOLS.size());
    }

    @Test
    void blackHoleIsDetectedWithinThreeAndAHalfHeartbeatsThenResumes() {
        h.proxy.blackHole(true);
        await().atMost(Duration.ofSeconds(30)).until(() -> h.client.lastStallSilenceMs() > 0);
        double ratio = h.client.lastStallSilenceMs() / (double) h.heartbeatMs;
        assertThat(ratio).as("silence at detection / heartbeat").isGreaterThanOrEqualTo(3.0).isLessThan(3.5);
        h.proxy.blackHole(false);
        h.awaitConnected();
        h.awaitTicks(100);
        h.awaitCaughtUp();
        h.checkStreams(FeedHarness.only());
        assertThat(h.client.stats().symbolsResumed()).isGreaterThanOrEqualTo(SYMBOLS.size());
    }

    @Test
    void aBusyFeedThreadStopsTheReadingAtTheInboxBoundAndLosesNothing() throws Exception {
        // Heartbeats far apart: the stall watchdog runs on the blocked thread too, and this is not a stall.
        h.close();
        h = new FeedHarness(SYMBOLS, 200, 42, 2_000, c -> c);
        h.awaitConnected();
        h.awaitTicks(100);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        h.client.post(() -> {
            try {
                release.await(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> h.client.framesWaiting() == SocketConnection.MAX_WAITING_FRAMES);
            long published = h.sim.ticksPublished();
            await().atMost(Duration.ofSeconds(30)).until(() -> h.sim.ticksPublished() > published + 100);
            assertThat(h.client.framesWaiting()).as("reading stopped at the bound").isEqualTo(
                    SocketConnection.MAX_WAITING_FRAMES);
        } finally {
            release.countDown();
        }
        h.awaitTicks(200);
        h.awaitCaughtUp();
        h.checkStreams(FeedHarness.only());
        assertThat(h.client.stats().resyncs()).isZero();
    }

    @Test
    void throttledPathLosesNothing() {
        h.proxy.throttle(4_000);
        long before = h.client.stats().messagesReceived();
        await().atMost(Duration.ofSeconds(30)).until(() -> h.client.stats().messagesReceived() > before + 20);
        h.proxy.throttle(0);
        h.awaitConnected();
        h.awaitTicks(200);
        h.awaitCaughtUp();
        h.checkStreams(FeedHarness.only());
    }

    @Test
    void simulatorDropResumes() {
        long reconnects = h.client.stats().reconnects();
        h.sim.faults().dropAllConnections();
        await().atMost(Duration.ofSeconds(30)).until(() -> h.client.stats().reconnects() > reconnects);
        h.awaitConnected();
        h.awaitTicks(100);
        h.awaitCaughtUp();
        h.checkStreams(FeedHarness.only());
    }

    @Test
    void simulatorSilenceIsAStallAndResumes() {
        h.sim.faults().silence(Duration.ofMillis(1_500));
        await().atMost(Duration.ofSeconds(30)).until(() -> h.client.lastStallSilenceMs() > 0);
        assertThat(h.client.lastStallSilenceMs() / (double) h.heartbeatMs).isLessThan(3.5);
        h.awaitConnected();
        h.awaitTicks(100);
        h.awaitCaughtUp();
        h.checkStreams(FeedHarness.only());
    }

    @Test
    void newEpochGivesEpochChangedSnapshots() {
        String old = h.sim.epoch();
        h.sim.faults().restartWithNewEpoch();
        await().atMost(Duration.ofSeconds(30)).until(() -> !h.sim.epoch().equals(old)
                && h.lastApplied("AAPL") != null && h.lastApplied("AAPL").epoch().equals(h.sim.epoch())
                && h.lastApplied("MSFT") != null && h.lastApplied("MSFT").epoch().equals(h.sim.epoch()));
        h.awaitTicks(100);
        h.awaitCaughtUp();
        h.checkStreams(FeedHarness.only(ResyncReason.EPOCH_CHANGED));
        for (String s : SYMBOLS) {
            assertThat(h.snapshots(s)).extracting(FeedHarness.Entry::reason)
                    .containsExactly(ResyncReason.NEW, ResyncReason.EPOCH_CHANGED);
        }
        // A restart rewrote every symbol's history: that is counted (status bar, headless summary) and each symbol
        // carries a visible marker with its reason, never a silent replacement.
        assertThat(h.client.stats().resyncs()).isEqualTo(SYMBOLS.size());
        assertThat(h.events()).filteredOn(e -> e instanceof FeedEvent.GapSettled).hasSize(SYMBOLS.size());
        for (String s : SYMBOLS) {
            assertThat(h.market.gapMarkers(s, 0)).filteredOn(m -> m.cause() == GapCause.RESYNC)
                    .singleElement().satisfies(m -> assertThat(m.reason()).isEqualTo(ResyncReason.EPOCH_CHANGED));
        }
    }

    @Test
    void duplicatedTickIsDropped() {
        h.sim.faults().duplicateNextTick("AAPL");
        await().atMost(Duration.ofSeconds(30)).until(() -> h.client.stats().duplicatesDropped() >= 1);
        h.awaitTicks(50);
        h.awaitCaughtUp();
        h.checkStreams(FeedHarness.only());
    }

    @Test
    void swappedTicksResyncTheSymbolByReplay() {
        h.sim.faults().swapNextTwoTicks("MSFT");
        await().atMost(Duration.ofSeconds(30)).until(() -> h.client.stats().gaps() >= 1);
        h.awaitTicks(50);
        h.awaitCaughtUp();
        h.checkStreams(FeedHarness.only());
        assertThat(h.events()).anySatisfy(e -> assertThat(e).isInstanceOf(FeedEvent.GapDetected.class));
        assertThat(h.client.stats().symbolsResumed()).as("the server replayed the symbol")
                .isGreaterThanOrEqualTo(1);
        assertThat(h.client.stats().resyncs()).as("no snapshot replaced anything").isZero();
    }
}
