package io.stockmonitor.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stockmonitor.feed.testing.FeedHarness;
import io.stockmonitor.protocol.ResyncReason;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hundreds of random faults (kind, timing, duration) against a live stream; afterwards the applied stream of every
 * symbol must equal the published one. The seed is printed; {@code -Dsoak.seed=N} replays a run.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class FeedSoakTest {
    private static final Logger LOG = LoggerFactory.getLogger(FeedSoakTest.class);
    private static final int MAX_FAULTS = 400;
    private static final long MAX_SOAK_MS = 35_000;
    private static final List<String> SYMBOLS = List.of("AAPL", "MSFT", "NVDA");

    enum Fault { PROXY_RESET, BLACK_HOLE, THROTTLE, SIM_DROP, SILENCE, NEW_EPOCH, DUPLICATE, SWAP, DELAY }

    @Test
    void randomFaultsNeverCauseAGapOrADuplicate() throws Exception {
        long seed = Long.getLong("soak.seed", System.nanoTime());
        System.out.println("FeedSoakTest seed " + seed + " (replay with -Dsoak.seed=" + seed + ")");
        LOG.info("FeedSoakTest seed {}", seed);
        SplittableRandom r = new SplittableRandom(seed);
        Map<Fault, Integer> counts = new EnumMap<>(Fault.class);
        try (FeedHarness h = new FeedHarness(SYMBOLS, 100, seed, 100,
                c -> c.withBackoff(50, 500, 2_000).withTimeouts(3.0, 1_500, 500))) {
            h.awaitConnected();
            h.awaitTicks(50);
            long start = System.nanoTime();
            int faults = 0;
            while (faults < MAX_FAULTS && (System.nanoTime() - start) / 1_000_000 < MAX_SOAK_MS) {
                Fault f = pick(r);
                counts.merge(f, 1, Integer::sum);
                faults++;
                apply(h, f, r);
                pause(r.nextInt(5, 80));
                if (faults % 50 == 0) {
                    heal(h);
                    h.awaitConnected();
                    h.awaitTicks(20);
                }
            }
            heal(h);
            h.awaitConnected();
            h.awaitTicks(50);
            h.awaitCaughtUp();
            long checked = h.checkStreams(FeedHarness.only(ResyncReason.EPOCH_CHANGED));
            LOG.info("soak seed {}: {} faults {}, {} ticks checked, stats {}", seed, faults, counts, checked,
                    h.client.stats());
            System.out.println("FeedSoakTest: " + faults + " faults " + counts + ", " + checked
                    + " ticks checked; " + h.client.stats());
            assertThat(faults).isGreaterThanOrEqualTo(200);
            int epochs = counts.getOrDefault(Fault.NEW_EPOCH, 0);
            for (String s : SYMBOLS) {
                assertThat(h.snapshots(s).size()).as("snapshots of %s: the first, then one per new epoch at most", s)
                        .isLessThanOrEqualTo(1 + epochs);
            }
        }
    }

    private static Fault pick(SplittableRandom r) {
        int x = r.nextInt(100);
        if (x < 2) {
            return Fault.NEW_EPOCH;
        }
        if (x < 6) {
            return Fault.BLACK_HOLE;
        }
        if (x < 10) {
            return Fault.SILENCE;
        }
        if (x < 15) {
            return Fault.THROTTLE;
        }
        if (x < 20) {
            return Fault.DELAY;
        }
        if (x < 40) {
            return Fault.PROXY_RESET;
        }
        if (x < 55) {
            return Fault.SIM_DROP;
        }
        if (x < 78) {
            return Fault.DUPLICATE;
        }
        return Fault.SWAP;
    }

    private static void apply(FeedHarness h, Fault f, SplittableRandom r) {
        String symbol = SYMBOLS.get(r.nextInt(SYMBOLS.size()));
        switch (f) {
            case PROXY_RESET -> h.proxy.resetAll();
            case BLACK_HOLE -> {
                h.proxy.blackHole(true);
                pause(r.nextInt(50, 500));
                h.proxy.blackHole(false);
            }
            case THROTTLE -> {
                h.proxy.throttle(r.nextInt(2_000, 20_000));
                pause(r.nextInt(50, 400));
                h.proxy.throttle(0);
            }
            case SIM_DROP -> h.sim.faults().dropAllConnections();
            case SILENCE -> h.sim.faults().silence(Duration.ofMillis(r.nextInt(50, 500)));
            case NEW_EPOCH -> h.sim.faults().restartWithNewEpoch();
            case DUPLICATE -> h.sim.faults().duplicateNextTick(symbol);
            case SWAP -> h.sim.faults().swapNextTwoTicks(symbol);
            case DELAY -> {
                h.sim.faults().delayFrames(Duration.ofMillis(r.nextInt(10, 200)));
                pause(r.nextInt(50, 300));
                h.sim.faults().delayFrames(Duration.ZERO);
            }
        }
    }

    private static void heal(FeedHarness h) {
        h.proxy.blackHole(false);
        h.proxy.throttle(0);
        h.sim.faults().delayFrames(Duration.ZERO);
        await().pollDelay(Duration.ZERO).atMost(Duration.ofSeconds(30))
                .until(() -> h.client.status().state() != ConnectionState.FAILED);
    }

    /** Fault timing (how long a fault lasts, how far apart faults are), not synchronisation. */
    private static void pause(long ms) {
        LockSupport.parkNanos(ms * 1_000_000L);
    }
}
