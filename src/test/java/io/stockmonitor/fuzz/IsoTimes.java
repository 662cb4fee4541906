package io.stockmonitor.fuzz;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** RFC 3339 times in UTC as providers write them, with a fixed number of fraction digits. */
public final class IsoTimes {
    private static final DateTimeFormatter SECONDS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

    private IsoTimes() {
    }

    /** {@code epochMs} with {@code digits} fraction digits (the ones below a millisecond are zero), then Z. */
    public static String of(long epochMs, int digits) {
        String fraction = String.format("%03d", Math.floorMod(epochMs, 1000L)) + "0".repeat(Math.max(0, digits - 3));
        return SECONDS.format(Instant.ofEpochMilli(epochMs)) + (digits > 0 ? "." + fraction.substring(0, digits) : "")
                + "Z";
    }
}
