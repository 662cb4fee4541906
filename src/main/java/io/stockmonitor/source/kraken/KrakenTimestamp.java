package io.stockmonitor.source.kraken;

/**
 * Reads the v2 socket's RFC 3339 timestamps ({@code 2023-09-25T07:49:37.708706Z}) straight from the parser's
 * characters into epoch milliseconds, without a String or a {@code java.time} object per trade. Sub-millisecond
 * digits are cut (floor), as {@code Instant.toEpochMilli} does, so a trade's time is the same number whether it came
 * from the socket or from REST. Anything that is not a well-formed time answers {@link #INVALID}.
 */
final class KrakenTimestamp {
    /** What {@link #parseMillis} answers for text that is not an RFC 3339 time. */
    static final long INVALID = Long.MIN_VALUE;

    private static final int[] DAYS_IN_MONTH = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

    private KrakenTimestamp() {
    }

    /**
     * {@code c[off, off+len)} as epoch milliseconds: {@code YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)}; {@link #INVALID}
     * otherwise.
     */
    static long parseMillis(char[] c, int off, int len) {
        int end = off + len;
        if (len < 20) {
            return INVALID;
        }
        int year = digits(c, off, 4);
        int month = digits(c, off + 5, 2);
        int day = digits(c, off + 8, 2);
        int hour = digits(c, off + 11, 2);
        int minute = digits(c, off + 14, 2);
        int second = digits(c, off + 17, 2);
        char t = c[off + 10];
        if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 60 || c[off + 4] != '-' || c[off + 7] != '-' || c[off + 13] != ':'
                || c[off + 16] != ':' || (t != 'T' && t != 't' && t != ' ')) {
            return INVALID;
        }
        if (day > DAYS_IN_MONTH[month - 1] || (month == 2 && day == 29 && !leap(year))) {
            return INVALID;
        }
        int i = off + 19;
        int millis = 0;
        if (c[i] == '.') {
            i++;
            int fractionDigits = 0;
            while (i < end && c[i] >= '0' && c[i] <= '9') {
                if (fractionDigits < 3) {
                    millis = millis * 10 + (c[i] - '0');
                }
                fractionDigits++;
                i++;
            }
            if (fractionDigits == 0) {
                return INVALID;
            }
            for (int k = fractionDigits; k < 3; k++) {
                millis *= 10;
            }
        }
        if (i >= end) {
            return INVALID;
        }
        int offsetMinutes;
        char zone = c[i];
        if ((zone == 'Z' || zone == 'z') && i + 1 == end) {
            offsetMinutes = 0;
        } else if ((zone == '+' || zone == '-') && i + 6 == end && c[i + 3] == ':') {
            int oh = digits(c, i + 1, 2);
            int om = digits(c, i + 4, 2);
            if (oh < 0 || oh > 23 || om < 0 || om > 59) {
                return INVALID;
            }
            offsetMinutes = (zone == '-' ? -1 : 1) * (oh * 60 + om);
        } else {
            return INVALID;
        }
        long days = daysFromCivil(year, month, day);
        long seconds = days * 86_400L + hour * 3_600L + minute * 60L + second - offsetMinutes * 60L;
        return seconds * 1_000L + millis;
    }

    /** The value of {@code n} decimal digits at {@code c[at]}, or -1 when one is not a digit. */
    private static int digits(char[] c, int at, int n) {
        int v = 0;
        for (int k = 0; k < n; k++) {
            int d = c[at + k] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }

    private static boolean leap(int year) {
        return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
    private static long daysFromCivil(int year, int month, int day) {
        long y = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(y, 400);
        long yearOfEra = y - era * 400;
        long dayOfYear = (153L * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097 + dayOfEra - 719_468;
    }
}
