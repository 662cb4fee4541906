package io.stockmonitor.fuzz;

import org.junit.jupiter.api.Test;

/**
 * A property test's two runs: the random one (a fresh seed each time, or the one {@code -Dfuzz.seed} gives), and the
 * cases that failed before their fix, replayed every time. A subclass says what a run checks.
 */
public abstract class PropertyTest {
    private final int cases;
    private final long[][] regressions;

    /**
     * @param cases       how many cases the random run has ({@code -Dfuzz.cases} changes it)
     * @param regressions (seed, case) pairs that once failed
     */
    protected PropertyTest(int cases, long[][] regressions) {
        this.cases = cases;
        this.regressions = regressions.clone();
    }

    /** Checks the property on every case of {@code run}; fails at the first case where it does not hold. */
    protected abstract void check(FuzzRun run) throws Exception;

    @Test
    void randomCases() throws Exception {
        check(FuzzRun.start(getClass().getSimpleName(), cases));
    }

    @Test
    void casesThatFailedBeforeTheirFix() throws Exception {
        for (long[] c : regressions) {
            check(FuzzRun.replaying(getClass().getSimpleName(), c[0], (int) c[1]));
        }
    }
}
