package io.stockmonitor.chart;

/** Finds the row under the mouse by binary search on a time column. */
public final class HitTester {

    private HitTester() {
    }

    /**
     * Index of the last row in {@code [from, to)} whose time is ≤ {@code t}, or {@code from - 1} if none.
     */
    public static int floorIndex(long[] time, int from, int to, double t) {
        int lo = from;
        int hi = to;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (time[mid] <= t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo - 1;
    }

    /**
     * Index of the bar whose span {@code [time, time + intervalMillis)} holds {@code t}, or -1 when {@code t}
     * falls outside every bar (before the first, after the last, or in a hole between bars).
     */
    public static int barAt(long[] time, int from, int to, double t, long intervalMillis) {
        int i = floorIndex(time, from, to, t);
        if (i < from || t >= time[i] + intervalMillis) {
            return -1;
        }
        return i;
    }

    /**
     * Index of the row whose time is nearest to {@code t} (ties go to the earlier row), or -1 when empty; rows
     * further than {@code maxDistanceMillis} away do not count.
     */
    public static int nearestIndex(long[] time, int from, int to, double t, double maxDistanceMillis) {
        if (from >= to) {
            return -1;
        }
        int i = floorIndex(time, from, to, t);
        int best;
        if (i < from) {
            best = from;
        } else if (i + 1 >= to) {
            best = i;
        } else {
            best = (t - time[i]) <= (time[i + 1] - t) ? i : i + 1;
        }
        return Math.abs(time[best] - t) <= maxDistanceMillis ? best : -1;
    }
}
