package io.stockmonitor.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The evaluation path allocates nothing per trade: thousands of trades through the real output, model and engine
 * with rules of every kind, measured by the thread's allocation counter (the benchmark measures it with -prof gc).
 */
class NoGarbageTest {

    @Test
    void tradesThatFireNothingAllocateNothing() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        String[] symbols = new String[20];
        for (int i = 0; i < symbols.length; i++) {
            symbols[i] = "S" + i;
        }
        AlertRig rig = new AlertRig(IndicatorLines.of(List.of(new IndicatorLine() {
            @Override
            public String name() {
                return "FLAT";
            }

            @Override
            public double value(String symbol) {
                return 1_000;
            }
        })), symbols);
        List<AlertRule> rules = new ArrayList<>();
        long id = 0;
        for (String s : symbols) {
            rig.market.applyDayStats(s, Double.NaN, Double.NaN, Double.NaN, 100, Double.NaN);
            rules.add(AlertRule.price(++id, s, true, 500, false, 1));
            rules.add(AlertRule.price(++id, s, false, 10, false, 1));
            rules.add(AlertRule.of(++id, s, AlertKind.CHANGE_ABOVE, 300, 0, null, false, 1));
            rules.add(AlertRule.of(++id, s, AlertKind.MOVE_ANY, 90, 5, null, false, 1));
            rules.add(AlertRule.of(++id, s, AlertKind.LINE_ABOVE, 0, 0, "FLAT", false, 1));
            rules.add(AlertRule.of(++id, s, AlertKind.STALE, 0, 3_600, null, false, 0));
        }
        rig.engine.setRules(rules);
        SplittableRandom r = new SplittableRandom(7);
        double[] prices = new double[200_000];
        for (int i = 0; i < prices.length; i++) {
            prices[i] = 100 + r.nextDouble() * 10;
        }
        // Warm up: move windows grow to their full size (5 minutes of seconds), the JIT settles.
        run(rig, symbols, prices);
        run(rig, symbols, prices);
        long thread = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(thread);
        run(rig, symbols, prices);
        long allocated = threads.getThreadAllocatedBytes(thread) - before;
        assertThat(rig.fired).isEmpty();
        assertThat((double) allocated / prices.length).as("bytes per trade").isLessThan(0.5);
    }

    private static void run(AlertRig rig, String[] symbols, double[] prices) {
        for (int i = 0; i < prices.length; i++) {
            rig.ts += 1;
            rig.clock.set(rig.ts);
            rig.output.trade(symbols[i % symbols.length], "e", i, rig.ts, prices[i], 1, Double.NaN, Double.NaN,
                    (i & 7) != 0);
            if ((i & 1023) == 0) {
                rig.engine.checkFreshness();
            }
        }
    }
}
