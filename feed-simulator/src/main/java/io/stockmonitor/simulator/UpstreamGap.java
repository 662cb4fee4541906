package io.stockmonitor.simulator;

import java.util.Locale;

/**
 * Trades a relay's upstream (a provider) was missing, and how that ended, as protocol v2's {@code gap} frame tells
 * it: the hole lies just before the tick it is attached to, and {@code refilled} of the ticks before that tick were
 * recovered for it. The simulated feed has none.
 *
 * @param kind     how it ended: refilled and proven complete, refilled by time, or lost
 * @param refilled trades recovered, -1 when unknown
 * @param missed   trades lost for good, -1 when unknown (0 for exact)
 * @param fromTs   time of the last trade before the hole
 * @param toTs     time of the first trade after it (or when the upstream gave up)
 */
record UpstreamGap(Kind kind, long refilled, long missed, long fromTs, long toTs) {
    /** The wire's {@code kind} values. */
    enum Kind {
        EXACT, BY_TIME, LOST;

        String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Kind ofWire(String wire) {
            for (Kind k : values()) {
                if (k.wire().equals(wire)) {
                    return k;
                }
            }
            return null;
        }
    }

    /** Two gaps before the same tick are one: the worse kind, the counts added (unknown stays unknown). */
    UpstreamGap merge(UpstreamGap later) {
        Kind worse = later.kind.ordinal() > kind.ordinal() ? later.kind : kind;
        return new UpstreamGap(worse, add(refilled, later.refilled), add(missed, later.missed),
                Math.min(fromTs, later.fromTs), Math.max(toTs, later.toTs));
    }

    private static long add(long a, long b) {
        return a < 0 || b < 0 ? -1 : a + b;
    }
}
