package io.stockmonitor.feed;

/**
 * Decimal text to double without making a String. Prices have a handful of digits, so almost every value takes the
 * exact fast path (Clinger): a mantissa below 2^53 and a power of ten up to 22 are both exact doubles and one IEEE
 * multiplication or division rounds correctly. Anything else goes to {@link Double#parseDouble}.
 */
public final class FastDecimal {
    private static final double[] POW10 = new double[23];
    private static final long MAX_EXACT = 1L << 53;

    static {
        double p = 1;
        for (int i = 0; i < POW10.length; i++) {
            POW10[i] = p;
            p *= 10;
        }
    }

    private FastDecimal() {
    }

    /** Parses a JSON number; throws NumberFormatException on text that is not one. */
    public static double parse(char[] c, int off, int len) {
        int i = off;
        int end = off + len;
        if (len == 0) {
            throw new NumberFormatException("empty number");
        }
        boolean negative = c[i] == '-';
        if (negative) {
            i++;
        }
        long mantissa = 0;
        int scale = 0;
        int digits = 0;
        boolean overflow = false;
        for (; i < end; i++) {
            int d = c[i] - '0';
            if (d < 0 || d > 9) {
                break;
            }
            digits++;
            if (mantissa < MAX_EXACT) {
                mantissa = mantissa * 10 + d;
            } else {
                overflow = true;
            }
        }
        if (i < end && c[i] == '.') {
            i++;
            for (; i < end; i++) {
                int d = c[i] - '0';
                if (d < 0 || d > 9) {
                    break;
                }
                digits++;
                if (mantissa < MAX_EXACT) {
                    mantissa = mantissa * 10 + d;
                    scale--;
                } else {
                    overflow = true;
                }
            }
        }
        int exponent = 0;
        if (i < end && (c[i] == 'e' || c[i] == 'E')) {
            i++;
            boolean negativeExp = false;
            if (i < end && (c[i] == '+' || c[i] == '-')) {
                negativeExp = c[i] == '-';
                i++;
            }
            int expDigits = 0;
            for (; i < end; i++) {
                int d = c[i] - '0';
                if (d < 0 || d > 9) {
                    break;
                }
                expDigits++;
                if (exponent < 10_000) {
                    exponent = exponent * 10 + d;
                }
            }
            if (expDigits == 0) {
                throw new NumberFormatException("bad exponent in " + new String(c, off, len));
            }
            if (negativeExp) {
                exponent = -exponent;
            }
        }
        if (i != end || digits == 0) {
            throw new NumberFormatException("not a number: " + new String(c, off, len));
        }
        int power = scale + exponent;
        if (!overflow && mantissa <= MAX_EXACT && power >= -22 && power <= 22) {
            double value = power < 0 ? mantissa / POW10[-power] : mantissa * POW10[power];
            return negative ? -value : value;
        }
        return Double.parseDouble(new String(c, off, len));
    }
}
