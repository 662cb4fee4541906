package io.stockmonitor.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Shrinking by removal, the cheap kind: a failing list (a frame's fields, a mutation's steps, a server's script) is
 * tried without chunks of it, halves first and single items last, and every smaller list that still fails is kept.
 * Bounded by a number of tries, since each try may cost a network round trip.
 */
public final class Shrinker {
    private Shrinker() {
    }

    /** The smallest list found that still {@code fails}; {@code items} itself when nothing could be removed. */
    public static <T> List<T> shrink(List<T> items, Predicate<List<T>> fails, int maxTries) {
        List<T> current = List.copyOf(items);
        int tries = 0;
        for (int chunk = Math.max(1, current.size() / 2); chunk >= 1 && tries < maxTries; chunk /= 2) {
            boolean removedAny = true;
            while (removedAny && tries < maxTries) {
                removedAny = false;
                for (int from = 0; from < current.size() && tries < maxTries; ) {
                    List<T> candidate = new ArrayList<>(current.subList(0, from));
                    candidate.addAll(current.subList(Math.min(current.size(), from + chunk), current.size()));
                    tries++;
                    if (candidate.size() < current.size() && fails.test(candidate)) {
                        current = List.copyOf(candidate);
                        removedAny = true;
                    } else {
                        from += chunk;
                    }
                }
            }
        }
        return current;
    }
}
