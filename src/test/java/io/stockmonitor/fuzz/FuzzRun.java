package io.stockmonitor.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of a property test: its seed (printed, and replayable with {@code -Dfuzz.seed=N}, as {@code -Dsoak.seed}
 * replays the soak test), a fixed number of cases ({@code -Dfuzz.cases=N} changes it), and one random source per case
 * derived from the seed and the case's index, so {@code -Dfuzz.seed=N -Dfuzz.case=K} replays case K alone. For frame
 * properties it also runs the case, shrinks a failure and reports it with everything needed to replay it.
 */
public final class FuzzRun {
    public static final String SEED_PROPERTY = "fuzz.seed";
    public static final String CASE_PROPERTY = "fuzz.case";
    public static final String CASES_PROPERTY = "fuzz.cases";
    private static final Logger LOG = LoggerFactory.getLogger(FuzzRun.class);

    private final String name;
    private final long seed;
    private final int cases;
    private final int onlyCase;
    private final long startNanos = System.nanoTime();

    private FuzzRun(String name, long seed, int cases, int onlyCase) {
        this.name = name;
        this.seed = seed;
        this.cases = cases;
        this.onlyCase = onlyCase;
    }

    /** A run with the seed from {@code -Dfuzz.seed}, else a fresh one; prints it. */
    public static FuzzRun start(String name, int defaultCases) {
        long seed = Long.getLong(SEED_PROPERTY, ThreadLocalRandom.current().nextLong());
        FuzzRun run = new FuzzRun(name, seed, Integer.getInteger(CASES_PROPERTY, defaultCases),
                Integer.getInteger(CASE_PROPERTY, -1));
        String line = name + " seed " + seed + " (replay with -D" + SEED_PROPERTY + "=" + seed + ")";
        System.out.println(line);
        LOG.info(line);
        return run;
    }

    /** A run of one known case: the regression cases kept from failures found earlier. */
    public static FuzzRun replaying(String name, long seed, int caseIndex) {
        return new FuzzRun(name, seed, caseIndex + 1, caseIndex);
    }

    public long seed() {
        return seed;
    }

    /** The indices of the cases to run: all of them, or the one named by {@code -Dfuzz.case}. */
    public List<Integer> caseIndices() {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < cases; i++) {
            if (onlyCase < 0 || onlyCase == i) {
                out.add(i);
            }
        }
        return out;
    }

    /** The random source of case {@code caseIndex}: the same for the same seed, whatever ran before it. */
    public SplittableRandom random(int caseIndex) {
        long z = seed + 0x9E3779B97F4A7C15L * (caseIndex + 1L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return new SplittableRandom(z ^ (z >>> 31));
    }

    /** Where a failure happened and how to replay it. */
    public String where(int caseIndex) {
        return name + " seed " + seed + " case " + caseIndex + " (replay: -D" + SEED_PROPERTY + "=" + seed + " -D"
                + CASE_PROPERTY + "=" + caseIndex + ")";
    }

    /** Prints how many cases ran and how long they took. */
    public void finish(int casesRun) {
        String line = name + ": " + casesRun + " cases in " + (System.nanoTime() - startNanos) / 1_000_000
                + " ms (seed " + seed + ")";
        System.out.println(line);
        LOG.info(line);
    }

    /** A property of one frame: null when it holds, else what went wrong. */
    @FunctionalInterface
    public interface FrameProperty {
        String violation(FuzzFrame frame) throws Exception;
    }

    /** One case of a frame property: the valid frame to mutate, and what must hold for any frame made from it. */
    public record FrameCase(JsonDraft base, FrameProperty property) {
    }

    /** Makes the case from the case's random source. */
    @FunctionalInterface
    public interface FrameCases {
        FrameCase next(SplittableRandom r);
    }

    /**
     * Runs every case: one in ten is the valid frame as it is, the others mutated; fails at the first violation (see
     * {@link #check}), else prints the count and the time taken.
     */
    public void checkAll(FrameMutator mutator, FrameCases cases, int maxShrinkTries) {
        List<Integer> indices = caseIndices();
        for (int i : indices) {
            SplittableRandom r = random(i);
            FrameCase c = cases.next(r);
            List<FrameMutator.Step> steps = r.nextInt(10) == 0 ? List.of() : mutator.pick(r);
            check(i, c.base(), steps, mutator, c.property(), maxShrinkTries);
        }
        finish(indices.size());
    }

    /**
     * Checks {@code property} on {@code base} mutated by {@code steps}; on a violation, shrinks (fewer steps, then
     * fewer top-level fields) within {@code maxShrinkTries} and fails with the original and the shrunk frame.
     */
    public void check(int caseIndex, JsonDraft base, List<FrameMutator.Step> steps, FrameMutator mutator,
                      FrameProperty property, int maxShrinkTries) {
        FuzzFrame frame = mutator.apply(base, steps);
        Verdict first = verdict(property, frame);
        if (first.holds()) {
            return;
        }
        List<FrameMutator.Step> fewerSteps = Shrinker.shrink(steps,
                s -> !verdict(property, mutator.apply(base, s)).holds(), maxShrinkTries / 2);
        JsonDraft smallerBase = base;
        if (base instanceof JsonDraft.Obj o) {
            List<Integer> kept = Shrinker.shrink(indices(o.fields.size()),
                    k -> !verdict(property, mutator.apply(select(o, k), fewerSteps)).holds(), maxShrinkTries / 2);
            smallerBase = select(o, kept);
        }
        FuzzFrame shrunk = mutator.apply(smallerBase, fewerSteps);
        Verdict last = verdict(property, shrunk);
        if (last.holds()) {
            shrunk = frame; // flaky under shrinking (timing): report the original alone
            last = first;
        }
        AssertionError error = new AssertionError(where(caseIndex) + ": " + first.why() + "\n  frame:  "
                + frame.describe() + "\n  shrunk: " + shrunk.describe() + "\n  which gives: " + last.why(),
                first.thrown());
        throw error;
    }

    private record Verdict(String why, Throwable thrown) {
        boolean holds() {
            return why == null;
        }
    }

    private static Verdict verdict(FrameProperty property, FuzzFrame frame) {
        try {
            return new Verdict(property.violation(frame), null);
        } catch (Exception | AssertionError e) {
            return new Verdict("threw " + e, e);
        }
    }

    private static List<Integer> indices(int n) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(i);
        }
        return out;
    }

    private static JsonDraft.Obj select(JsonDraft.Obj o, List<Integer> kept) {
        JsonDraft.Obj copy = JsonDraft.object();
        for (int i : kept) {
            JsonDraft.Field f = o.fields.get(i);
            copy.put(f.name, f.value.copy());
        }
        return copy;
    }
}
