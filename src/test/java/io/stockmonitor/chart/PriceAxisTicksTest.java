package io.stockmonitor.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.util.Random;

import org.junit.jupiter.api.Test;

class PriceAxisTicksTest {

    private final PriceAxisTicks ticks = new PriceAxisTicks();

    @Test
    void ticksAreRoundMultiplesInsideTheRangeOverManyRanges() {
        Random random = new Random(20261122L);
        for (int run = 0; run < 20_000; run++) {
            double magnitude = Math.pow(10, random.nextInt(12) - 5);
            double min = (random.nextDouble() * 2 - 1) * 1000 * magnitude;
            double range = random.nextDouble() * 100 * magnitude + 1e-7;
            double max = min + range;
            int maxTicks = 2 + random.nextInt(15);

            ticks.update(min, max, maxTicks);

            String context = "run " + run + " [" + min + ", " + max + "] max " + maxTicks;
            assertThat(isOneTwoFiveTimesPowerOfTen(ticks.step())).as(context + " step " + ticks.step()).isTrue();
            assertThat(ticks.count()).as(context).isBetween(1, maxTicks);
            double step = ticks.step();
            for (int i = 0; i < ticks.count(); i++) {
                double v = ticks.value(i);
                assertThat(v).as(context).isBetween(min - step * 1e-6, max + step * 1e-6);
                assertThat(v / step).as(context).isCloseTo(Math.rint(v / step), within(1e-6));
                String label = ChartText.price(v, ticks.decimals());
                assertThat(new BigDecimal(label).subtract(BigDecimal.valueOf(v)).abs().doubleValue())
                        .as(context + " label " + label).isLessThan(step * 1e-6);
            }
            // The step is the smallest nice step that fits: the next smaller one would give too many ticks.
            double smaller = smallerNiceStep(step);
            long smallerCount = (long) Math.floor(max / smaller + 1e-9) - (long) Math.ceil(min / smaller - 1e-9) + 1;
            assertThat(smallerCount).as(context + " smaller step " + smaller).isGreaterThan(maxTicks);
        }
    }

    @Test
    void typicalRangeGivesFamiliarTicks() {
        ticks.update(101.13, 104.92, 8);

        assertThat(ticks.step()).isEqualTo(0.5);
        assertThat(ticks.count()).isEqualTo(7);
        assertThat(ticks.value(0)).isEqualTo(101.5);
        assertThat(ChartText.price(ticks.value(6), ticks.decimals())).isEqualTo("104.5");
    }

    @Test
    void flatRangeStillGivesATick() {
        ticks.update(100, 100, 5);

        assertThat(ticks.count()).isGreaterThanOrEqualTo(1);
        assertThat(ticks.value(0)).isCloseTo(100, within(1e-6));
    }

    @Test
    void invalidRangeGivesNoTicks() {
        ticks.update(Double.NaN, 1, 5);
        assertThat(ticks.count()).isZero();
        ticks.update(2, 1, 5);
        assertThat(ticks.count()).isZero();
    }

    @Test
    void niceStepIsTheSmallestNiceNumberAtLeastTheRawStep() {
        assertThat(PriceAxisTicks.niceStepAtLeast(0.13)).isEqualTo(0.2);
        assertThat(PriceAxisTicks.niceStepAtLeast(0.2)).isEqualTo(0.2);
        assertThat(PriceAxisTicks.niceStepAtLeast(3)).isEqualTo(5);
        assertThat(PriceAxisTicks.niceStepAtLeast(7)).isEqualTo(10);
        assertThat(PriceAxisTicks.niceStepAtLeast(1001)).isEqualTo(2000);
    }

    private static boolean isOneTwoFiveTimesPowerOfTen(double step) {
        double exponent = Math.floor(Math.log10(step) + 1e-9);
        double mantissa = step / Math.pow(10, exponent);
        return Math.abs(mantissa - 1) < 1e-9 || Math.abs(mantissa - 2) < 1e-9 || Math.abs(mantissa - 5) < 1e-9;
    }

    private static double smallerNiceStep(double step) {
        double exponent = Math.floor(Math.log10(step) + 1e-9);
        double mantissa = Math.rint(step / Math.pow(10, exponent));
        if (mantissa == 5) {
            return 2 * Math.pow(10, exponent);
        }
        if (mantissa == 2) {
            return Math.pow(10, exponent);
        }
        return 5 * Math.pow(10, exponent - 1);
    }
}
