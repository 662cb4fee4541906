package io.stockmonitor.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Random;
import java.util.function.ToDoubleFunction;

import org.junit.jupiter.api.Test;

class TimeAxisTicksTest {

    /** A label width model: 7 px per character of the format's widest sample. */
    private static final ToDoubleFunction<TimeLabelFormat> WIDTH = f -> 7.0 * f.widestSample().length();

    private final TimeAxisTicks ticks = new TimeAxisTicks();

    @Test
    void labelsNeverOverlapAtAnyZoom() {
        Random random = new Random(42);
        ZoneId[] zones = {ZoneOffset.UTC, ZoneId.of("Europe/Berlin"), ZoneId.of("Asia/Kolkata"),
            ZoneId.of("America/New_York")};
        for (int run = 0; run < 5_000; run++) {
            double span = Math.pow(10, 3 + random.nextDouble() * 7.5);
            double start = 1.7e12 + random.nextDouble() * 1e11;
            double width = 80 + random.nextInt(2400);
            ZoneId zone = zones[random.nextInt(zones.length)];

            ticks.update(start, start + span, width, WIDTH, zone);

            String context = "run " + run + " span " + span + " width " + width + " zone " + zone;
            double labelWidth = WIDTH.applyAsDouble(ticks.format());
            double previousX = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < ticks.count(); i++) {
                double x = (ticks.time(i) - start) / span * width;
                assertThat(x).as(context).isBetween(-1e-6, width + 1e-6);
                assertThat(x - previousX).as(context).isGreaterThanOrEqualTo(labelWidth
                        + TimeAxisTicks.MIN_LABEL_GAP_PX - 1e-6);
                previousX = x;
            }
            if (ticks.step() <= span) {
                assertThat(ticks.count()).as(context).isGreaterThanOrEqualTo(1);
            }
        }
    }

    @Test
    void picksTheFinestReadableStepAndItsFormat() {
        double start = 1_763_800_000_000.0;
        // 10 minutes over 600 px: 1 px per second; "00:00:00" needs 56 + 14 px, so no seconds step fits; a minute
        // step with "00:00" (35 + 14 px) does.
        ticks.update(start, start + 600_000, 600, WIDTH, ZoneOffset.UTC);
        assertThat(ticks.step()).isEqualTo(60_000L);
        assertThat(ticks.format()).isEqualTo(TimeLabelFormat.MINUTES);

        // 60 s over 1200 px: 20 px per second -> 5 s steps, with seconds shown.
        ticks.update(start, start + 60_000, 1200, WIDTH, ZoneOffset.UTC);
        assertThat(ticks.step()).isEqualTo(5_000L);
        assertThat(ticks.format()).isEqualTo(TimeLabelFormat.SECONDS);

        // 30 days over 800 px -> day steps with dates.
        ticks.update(start, start + 30 * 86_400_000.0, 800, WIDTH, ZoneOffset.UTC);
        assertThat(ticks.format()).isEqualTo(TimeLabelFormat.DAYS);
    }

    @Test
    void ticksSitOnRoundLocalTimes() {
        ZoneId kolkata = ZoneId.of("Asia/Kolkata");
        double start = 1_763_800_123_456.0;
        ticks.update(start, start + 6 * 3_600_000.0, 300, WIDTH, kolkata);

        assertThat(ticks.step()).isEqualTo(3_600_000L);
        for (int i = 0; i < ticks.count(); i++) {
            assertThat(TimeAxisTicks.label(ticks.time(i), ticks.format(), kolkata)).endsWith(":00");
        }
        assertThat(TimeAxisTicks.label(0, TimeLabelFormat.SECONDS, ZoneOffset.UTC)).isEqualTo("00:00:00");
        assertThat(TimeAxisTicks.label(86_400_000L * 325, TimeLabelFormat.DAYS, ZoneOffset.UTC)).isEqualTo("22 Nov");
        assertThat(TimeAxisTicks.fullLabel(1_763_800_000_000L, ZoneOffset.UTC)).isEqualTo("2025-11-22 08:26:40");
    }
}
