package io.stockmonitor.fuzz;

import java.util.SplittableRandom;

/**
 * A property of single frames: each case is a valid frame made from the case's random source, mutated (one case in
 * ten is left valid), and what must hold for whatever came of it.
 */
public abstract class FramePropertyTest extends PropertyTest {
    /** Shrinking tries per failure: a frame property is cheap to check. */
    private static final int SHRINK_TRIES = 200;

    private final FrameMutator mutator;

    protected FramePropertyTest(int cases, long[][] regressions, FrameMutator mutator) {
        super(cases, regressions);
        this.mutator = mutator;
    }

    /** The case: a valid frame made from {@code r} at {@code nowMs}, and the property any frame made from it has. */
    protected abstract FuzzRun.FrameCase next(SplittableRandom r, long nowMs);

    @Override
    protected final void check(FuzzRun run) {
        run.checkAll(mutator, r -> next(r, System.currentTimeMillis()), SHRINK_TRIES);
    }
}
