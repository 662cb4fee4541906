package io.stockmonitor.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SendBudgetTest {

    @Test
    void aConnectionWithinItsReserveIsAlwaysAdmittedAndBeyondItOnlyWhileHalfTheBoundIsFree() {
        SendBudget budget = new SendBudget(1000, 100);
        assertThat(budget.tryTake(0, 500)).isTrue();
        assertThat(budget.tryTake(500, 1)).as("total would pass half the bound").isFalse();
        assertThat(budget.tryTake(0, 100)).as("within another connection's reserve").isTrue();
        assertThat(budget.total()).isEqualTo(600);
        budget.give(500);
        assertThat(budget.tryTake(0, 400)).isTrue();
        assertThat(budget.total()).isEqualTo(500);
    }

    @Test
    void theTotalNeverExceedsTheBoundWhateverTheConnectionsDo() {
        int connections = 10;
        long limit = 10_000;
        SendBudget budget = new SendBudget(limit, limit / (2 * connections));
        long[] held = new long[connections];
        SplittableRandom random = new SplittableRandom(7);
        for (int step = 0; step < 200_000; step++) {
            int c = random.nextInt(connections);
            if (random.nextInt(3) > 0) {
                long bytes = 1 + random.nextInt(400);
                if (budget.tryTake(held[c], bytes)) {
                    held[c] += bytes;
                }
            } else {
                long bytes = random.nextLong(held[c] + 1);
                held[c] -= bytes;
                budget.give(bytes);
            }
            assertThat(budget.total()).isLessThanOrEqualTo(limit);
        }
    }
}
