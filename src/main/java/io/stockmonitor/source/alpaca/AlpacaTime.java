package io.stockmonitor.source.alpaca;

import java.time.Instant;
import java.time.format.DateTimeFormatter;

/**
 * Alpaca's timestamps: "RFC-3339 formatted timestamp with nanosecond precision" ([stock-stream]), e.g.
 * {@code 2021-02-22T15:51:44.208Z} or {@code 2021-02-22T15:51:45.335689322Z}. Read straight from the parser's
 * characters into epoch nanoseconds (no String, no {@link Instant}: the live path allocates nothing), written back
 * with all their digits for the REST windows, whose bounds are inclusive to the nanosecond.
 */
final class AlpacaTime {
    /** What {@link #parse} answers for text that is not an RFC 3339 time within 1970..2261. */
    static final long INVALID = Long.MIN_VALUE;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private AlpacaTime() {
    }

    /** {@code c[off, off+len)} as epoch nanoseconds, or {@link #INVALID}. */
    static long parse(char[] c, int off, int len) {
        // YYYY-MM-DDTHH:MM:SS, then an optional fraction, then Z or ±HH:MM.
        if (len < 20) {
            return INVALID;
        }
        int year = digits(c, off, 4);
        int month = digits(c, off + 5, 2);
        int day = digits(c, off + 8, 2);
        int hour = digits(c, off + 11, 2);
        int minute = digits(c, off + 14, 2);
        int second = digits(c, off + 17, 2);
        if (year < 1970 || year > 2261 || c[off + 4] != '-' || c[off + 7] != '-'
                || (c[off + 10] != 'T' && c[off + 10] != 't') || c[off + 13] != ':' || c[off + 16] != ':'
                || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour < 0 || hour > 23
                || minute < 0 || minute > 59 || second < 0 || second > 60) {
            return INVALID;
        }
        int i = off + 19;
        int end = off + len;
        long fraction = 0;
        if (c[i] == '.') {
            i++;
            int digits = 0;
            while (i < end && c[i] >= '0' && c[i] <= '9') {
                if (digits < 9) {
                    fraction = fraction * 10 + (c[i] - '0');
                }
                digits++;
                i++;
            }
            if (digits == 0) {
                return INVALID;
            }
            for (int k = digits; k < 9; k++) {
                fraction *= 10;
            }
        }
        long offsetSeconds;
        if (i == end - 1 && (c[i] == 'Z' || c[i] == 'z')) {
            offsetSeconds = 0;
        } else if (i == end - 6 && (c[i] == '+' || c[i] == '-') && c[i + 3] == ':') {
            int oh = digits(c, i + 1, 2);
            int om = digits(c, i + 4, 2);
            if (oh < 0 || oh > 23 || om < 0 || om > 59) {
                return INVALID;
            }
            offsetSeconds = (oh * 3600L + om * 60L) * (c[i] == '+' ? 1 : -1);
        } else {
            return INVALID;
        }
        // A leap second (…:60) is counted as the last nanosecond of the minute before it: ordering is kept.
        long epochSecond = daysFromCivil(year, month, day) * 86_400L + hour * 3600L + minute * 60L
                + Math.min(second, 59) - offsetSeconds;
        long nanos = epochSecond * NANOS_PER_SECOND + (second == 60 ? NANOS_PER_SECOND - 1 : fraction);
        return nanos > 0 ? nanos : INVALID;
    }

    /** {@code text} as epoch nanoseconds, or {@link #INVALID} (REST answers: allocation is fine there). */
    static long parse(String text) {
        return text == null ? INVALID : parse(text.toCharArray(), 0, text.length());
    }

    /** Epoch nanoseconds as RFC 3339 in UTC with every digit the time has (a REST window's inclusive bound). */
    static String format(long epochNanos) {
        return DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochSecond(Math.floorDiv(epochNanos, NANOS_PER_SECOND),
                Math.floorMod(epochNanos, NANOS_PER_SECOND)));
    }

    /** Epoch milliseconds as RFC 3339 in UTC. */
    static String formatMillis(long epochMs) {
        return DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochMilli(epochMs));
    }

    private static int digits(char[] c, int off, int n) {
        int v = 0;
        for (int i = 0; i < n; i++) {
            int d = c[off + i] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }

    private static int daysInMonth(int year, int month) {
        return switch (month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
    private static long daysFromCivil(int year, int month, int day) {
        long y = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(y, 400);
        long yoe = y - era * 400;
        long doy = (153L * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146_097 + doe - 719_468;
    }
}
