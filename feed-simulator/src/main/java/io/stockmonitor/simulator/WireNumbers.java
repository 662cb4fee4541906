package io.stockmonitor.simulator;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/**
 * How the server's numbers go on the wire. Sizes and volumes are held as doubles, since a relayed crypto venue
 * trades fractions; the simulated feed's are whole numbers and are written as integers, so its frames stay exactly
 * what they were when they were held as longs.
 */
final class WireNumbers {
    /** Largest magnitude below which every whole double is an exact long (2^53). */
    private static final double EXACT_WHOLE = 9_007_199_254_740_992.0;

    private WireNumbers() {
    }

    /** True when {@code v} is a whole number that a long holds exactly. */
    static boolean whole(double v) {
        return v == Math.rint(v) && Math.abs(v) < EXACT_WHOLE;
    }

    /** Writes {@code v} as an integer when it is whole, else as a decimal. */
    static void write(JsonGenerator g, String field, double v) throws IOException {
        if (whole(v)) {
            g.writeNumberField(field, (long) v);
        } else {
            g.writeNumberField(field, v);
        }
    }

    /**
     * A volume for the fields that protocol v1 defines as whole numbers (snapshot {@code volume}, bar volumes):
     * rounded to the nearest unit (a relayed venue's fractional volumes; the simulated ones are whole already).
     */
    static long volume(double v) {
        return Math.round(v);
    }
}
