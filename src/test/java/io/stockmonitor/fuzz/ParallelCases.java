package io.stockmonitor.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Runs a network property's cases on a few workers at once (each with its own connections), since a case mostly
 * waits; the first failure fails the run with its own message.
 */
public final class ParallelCases {
    /** Runs some of the cases, in order. */
    @FunctionalInterface
    public interface Worker {
        void run(List<Integer> cases) throws Exception;
    }

    private ParallelCases() {
    }

    public static void run(List<Integer> cases, int workers, long timeoutSeconds, Worker worker) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                List<Integer> mine = new ArrayList<>();
                for (int i = w; i < cases.size(); i += workers) {
                    mine.add(cases.get(i));
                }
                done.add(pool.submit(() -> {
                    worker.run(mine);
                    return null;
                }));
            }
            for (Future<?> f : done) {
                try {
                    f.get(timeoutSeconds, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof AssertionError a) {
                        throw a;
                    }
                    throw e;
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
