package io.stockmonitor.soak;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The build's 60-second chaos soak (docs/RELIABILITY.md): the simulator and the headless app in their own processes,
 * 19 clients here, every kind of fault. The seed is printed; {@code -Dchaos.seed=N} replays its fault schedule.
 * Every wait in the harness is for a condition, with minutes of slack, so a busy machine makes it slower, not red.
 */
@Timeout(value = 420, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ChaosSoakTest {
    private static final Logger LOG = LoggerFactory.getLogger(ChaosSoakTest.class);

    @Test
    void aMinuteOfEveryFaultLosesDoublesAndForgesNothing() throws Exception {
        long seed = Long.getLong("chaos.seed", System.nanoTime());
        System.out.println("ChaosSoakTest seed " + seed + " (replay with -Dchaos.seed=" + seed + ")");
        SoakReport report = ChaosSoak.run(SoakSettings.ci(seed, Path.of("target", "chaos-soak", "seed-" + seed)));
        String text = report.text();
        System.out.println(text);
        LOG.info("chaos soak report:\n{}", text);

        StreamTally all = report.all();
        assertThat(all.ticksVerified).as("ticks verified").isPositive();
        assertThat(report.app.ticksVerified).as("ticks verified in the app's record").isPositive();
        assertThat(all.lostUnexplained).as("lost without a reason\n%s", text).isZero();
        assertThat(all.duplicates).as("duplicated\n%s", text).isZero();
        assertThat(all.forged).as("not as published\n%s", text).isZero();
        assertThat(all.snapshotsUnjustified()).as("snapshots without a reason\n%s", text).isZero();
        assertThat(all.notCaughtUp).as("streams not caught up\n%s", text).isZero();
        assertThat(report.failures()).as("everything else: memory, exits, fault coverage\n%s", text).isEmpty();
    }
}
