package io.stockmonitor.indicators;

import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Indicators as short text, to remember them in settings and to pass them on a command line:
 * {@code SMA 20}, {@code EMA 50}, {@code BB 20 2}, {@code VWAP} (00:00 UTC sessions) or
 * {@code VWAP 09:30 America/New_York}, {@code VOLMA 20}, {@code RSI 14}, {@code MACD 12 26 9}; several separated by
 * commas. {@link #format} writes what {@link #parse} reads.
 */
public final class IndicatorSpec {

    /** What a chart shows when nothing else was chosen. */
    public static final String DEFAULTS = "SMA 20, EMA 50, VOLMA 20, RSI 14, MACD 12 26 9";

    private IndicatorSpec() {
    }

    /** Parses a comma-separated list. */
    public static List<Indicator> parseAll(String specs) {
        List<Indicator> list = new ArrayList<>();
        if (specs == null || specs.isBlank()) {
            return list;
        }
        for (String one : specs.split(",")) {
            if (!one.isBlank()) {
                list.add(parse(one));
            }
        }
        return list;
    }

    /**
     * One indicator from its text; parameters left out take the usual values (SMA/EMA 20, BB 20 2, VOLMA 20, RSI 14,
     * MACD 12 26 9).
     *
     * @throws IllegalArgumentException for an unknown name or a bad parameter
     */
    public static Indicator parse(String spec) {
        String[] p = spec.trim().split("\\s+");
        String name = p[0].toUpperCase(Locale.ROOT);
        return switch (name) {
            case "SMA" -> new Sma(intArg(p, 1, 20));
            case "EMA" -> new Ema(intArg(p, 1, 20));
            case "BB" -> new BollingerBands(intArg(p, 1, 20), p.length > 2 ? number(p[2]) : 2);
            case "VOLMA" -> new VolumeAverage(intArg(p, 1, 20));
            case "RSI" -> new Rsi(intArg(p, 1, 14));
            case "MACD" -> new Macd(intArg(p, 1, 12), intArg(p, 2, 26), intArg(p, 3, 9));
            case "VWAP" -> p.length > 1
                    ? new Vwap(p.length > 2 ? ZoneId.of(p[2]) : java.time.ZoneOffset.UTC, LocalTime.parse(p[1]))
                    : new Vwap();
            default -> throw new IllegalArgumentException("unknown indicator: " + p[0]);
        };
    }

    /** The text {@link #parse} reads back into an equal indicator. */
    public static String format(Indicator i) {
        if (i instanceof Sma s) {
            return "SMA " + s.period();
        } else if (i instanceof Ema e) {
            return "EMA " + e.period();
        } else if (i instanceof BollingerBands b) {
            return "BB " + b.period() + " " + ChartNumbers.trim(b.k());
        } else if (i instanceof VolumeAverage v) {
            return "VOLMA " + v.period();
        } else if (i instanceof Rsi r) {
            return "RSI " + r.period();
        } else if (i instanceof Macd m) {
            return "MACD " + m.fast() + " " + m.slow() + " " + m.signal();
        } else if (i instanceof Vwap v) {
            return "VWAP " + v.sessionStart() + " " + v.zone().getId();
        }
        throw new IllegalArgumentException("no text form for " + i.label());
    }

    /** {@link #format} of each, comma-separated. */
    public static String formatAll(List<? extends Indicator> indicators) {
        StringBuilder sb = new StringBuilder();
        for (Indicator i : indicators) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(format(i));
        }
        return sb.toString();
    }

    private static int intArg(String[] p, int k, int fallback) {
        if (p.length <= k) {
            return fallback;
        }
        try {
            return Integer.parseInt(p[k]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a whole number: " + p[k], e);
        }
    }

    private static double number(String s) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number: " + s, e);
        }
    }
}
