package io.stockmonitor.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FastDecimalTest {

    private static double parse(String s) {
        char[] padded = ("xx" + s + "yy").toCharArray();
        return FastDecimal.parse(padded, 2, s.length());
    }

    @Test
    void agreesWithDoubleParseDoubleBitForBit() {
        String[] samples = {"0", "-0", "1", "189.23", "0.01", "-12.5", "1e3", "1.5E-7", "123456789012345678",
            "9007199254740993", "0.1", "21474836.47", "3.141592653589793", "1e22", "1e23", "4.9e-324", "1.7976931348623157e308",
            "00012.340", "123.456e-2", "1E+2"};
        for (String s : samples) {
            assertThat(Double.doubleToRawLongBits(parse(s))).as(s)
                    .isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(s)));
        }
        SplittableRandom r = new SplittableRandom(11);
        for (int i = 0; i < 200_000; i++) {
            long cents = r.nextLong(1, 100_000_000_000L);
            int decimals = r.nextInt(0, 7);
            String s = java.math.BigDecimal.valueOf(cents, decimals).toPlainString();
            assertThat(parse(s)).as(s).isEqualTo(Double.parseDouble(s));
        }
    }

    @Test
    void rejectsWhatIsNotANumber() {
        assertThatThrownBy(() -> parse("")).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> parse("1e")).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> parse("1.2.3")).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> parse("-")).isInstanceOf(NumberFormatException.class);
    }
}
