package io.stockmonitor.source.coinbase;

/**
 * Coinbase's trade times ({@code "2014-11-07T08:19:27.028459Z"}: ISO 8601 in UTC, microseconds on the socket,
 * milliseconds or microseconds over REST) to epoch milliseconds, truncated, read straight from the parser's
 * characters: {@code Instant.parse} would make a String and an Instant for every trade. Only the form Coinbase
 * sends is accepted (four-digit year, {@code T}, seconds, an optional fraction, {@code Z}); anything else is
 * {@link #INVALID}, so a malformed time can never become a plausible one.
 */
final class CoinbaseTime {
    /** What {@link #parseMillis} answers for text that is not such a time. */
    static final long INVALID = Long.MIN_VALUE;

    private CoinbaseTime() {
    }

    static long parseMillis(String text) {
        return parseMillis(text.toCharArray(), 0, text.length());
    }

    /** Epoch ms of {@code c[off, off+len)}, or {@link #INVALID}. */
    static long parseMillis(char[] c, int off, int len) {
        // yyyy-MM-ddTHH:mm:ss is 19 characters, then [.f...] and Z.
        if (len < 20 || c[off + 4] != '-' || c[off + 7] != '-' || c[off + 10] != 'T' || c[off + 13] != ':'
                || c[off + 16] != ':' || c[off + len - 1] != 'Z') {
            return INVALID;
        }
        int year = digits(c, off, 4);
        int month = digits(c, off + 5, 2);
        int day = digits(c, off + 8, 2);
        int hour = digits(c, off + 11, 2);
        int minute = digits(c, off + 14, 2);
        int second = digits(c, off + 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month) || hour < 0 || hour > 23
                || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return INVALID;
        }
        int millis = 0;
        int end = off + len - 1; // the Z
        int i = off + 19;
        if (i < end) {
            if (c[i] != '.' || i + 1 == end) {
                return INVALID;
            }
            int place = 100;
            for (i++; i < end; i++) {
                int d = c[i] - '0';
                if (d < 0 || d > 9) {
                    return INVALID;
                }
                millis += d * place;
                place /= 10;
            }
        }
        long days = daysFromCivil(year, month, day);
        return ((days * 24 + hour) * 60 + minute) * 60_000L + second * 1_000L + millis;
    }

    /** The value of {@code n} decimal digits at {@code c[at]}, or -1. */
    private static int digits(char[] c, int at, int n) {
        int v = 0;
        for (int i = at; i < at + n; i++) {
            int d = c[i] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }

    private static int daysIn(int year, int month) {
        return switch (month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
    static long daysFromCivil(int year, int month, int day) {
        long y = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(y, 400);
        long yoe = y - era * 400;
        long doy = (153L * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146_097 + doe - 719_468;
    }
}
