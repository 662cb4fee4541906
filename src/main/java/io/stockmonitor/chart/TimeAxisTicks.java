package io.stockmonitor.chart;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.function.ToDoubleFunction;

/**
 * Time-axis ticks that stay readable at every zoom: the step is the smallest rung of a fixed ladder (1 s, 2 s, 5 s,
 * … 1 h, … 1 d, …) whose spacing in pixels fits the widest label of the step's format plus a gap, so labels never
 * overlap. Ticks sit on round local times (multiples of the step in the chart's zone).
 *
 * <p>Reusable: {@link #update} overwrites the previous result.
 */
public final class TimeAxisTicks {

    /** Minimum free space between two neighbouring labels, in pixels. */
    public static final double MIN_LABEL_GAP_PX = 14;

    private static final long S = 1_000L;
    private static final long M = 60 * S;
    private static final long H = 60 * M;
    private static final long D = 24 * H;

    /** The step ladder, ascending. */
    static final long[] LADDER = {
        S, 2 * S, 5 * S, 10 * S, 15 * S, 30 * S,
        M, 2 * M, 5 * M, 10 * M, 15 * M, 30 * M,
        H, 2 * H, 3 * H, 4 * H, 6 * H, 12 * H,
        D, 2 * D, 7 * D, 14 * D, 28 * D, 91 * D, 182 * D, 364 * D, 728 * D
    };

    private static final String[] MONTHS = {
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
    };

    private long step = S;
    private long first;
    private int count;
    private TimeLabelFormat format = TimeLabelFormat.SECONDS;

    /**
     * Computes ticks for the visible range.
     *
     * @param startMillis  time at the left edge of the plot
     * @param endMillis    time at the right edge of the plot
     * @param widthPx      plot width in pixels
     * @param labelWidthPx width in pixels of the widest label of a format (measured once per font)
     * @param zone         zone the labels are printed in; ticks are aligned to its local time
     */
    public void update(double startMillis, double endMillis, double widthPx,
                       ToDoubleFunction<TimeLabelFormat> labelWidthPx, ZoneId zone) {
        count = 0;
        double span = endMillis - startMillis;
        if (!(span > 0) || !(widthPx > 0)) {
            return;
        }
        double pxPerMs = widthPx / span;
        step = LADDER[LADDER.length - 1];
        for (long candidate : LADDER) {
            TimeLabelFormat f = TimeLabelFormat.forStep(candidate);
            if (candidate * pxPerMs >= labelWidthPx.applyAsDouble(f) + MIN_LABEL_GAP_PX) {
                step = candidate;
                break;
            }
        }
        format = TimeLabelFormat.forStep(step);
        long offset = offsetMillis(zone, (long) startMillis);
        long firstLocal = Math.floorDiv((long) Math.ceil(startMillis) + offset + step - 1, step) * step;
        first = firstLocal - offset;
        if (first > endMillis) {
            return;
        }
        count = (int) Math.min(Integer.MAX_VALUE, (long) ((endMillis - first) / step) + 1);
    }

    private static long offsetMillis(ZoneId zone, long epochMillis) {
        return zone.getRules().getOffset(Instant.ofEpochMilli(epochMillis)).getTotalSeconds() * 1000L;
    }

    public int count() {
        return count;
    }

    /** Time of tick {@code i} (epoch ms). */
    public long time(int i) {
        if (i < 0 || i >= count) {
            throw new IndexOutOfBoundsException("tick " + i + " of " + count);
        }
        return first + i * step;
    }

    public long step() {
        return step;
    }

    public TimeLabelFormat format() {
        return format;
    }

    /** The label of a tick at {@code epochMillis} in the given format and zone. */
    public static String label(long epochMillis, TimeLabelFormat format, ZoneId zone) {
        long local = epochMillis + offsetMillis(zone, epochMillis);
        long secondOfDay = Math.floorMod(Math.floorDiv(local, 1000L), 86_400L);
        StringBuilder sb = new StringBuilder(8);
        switch (format) {
            case SECONDS -> {
                two(sb, secondOfDay / 3600).append(':');
                two(sb, secondOfDay / 60 % 60).append(':');
                two(sb, secondOfDay % 60);
            }
            case MINUTES -> {
                two(sb, secondOfDay / 3600).append(':');
                two(sb, secondOfDay / 60 % 60);
            }
            case DAYS -> {
                LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(local, D));
                two(sb, date.getDayOfMonth()).append(' ').append(MONTHS[date.getMonthValue() - 1]);
            }
        }
        return sb.toString();
    }

    /** Full date and time ({@code yyyy-MM-dd HH:mm:ss}) for the crosshair readout. */
    public static String fullLabel(long epochMillis, ZoneId zone) {
        long local = epochMillis + offsetMillis(zone, epochMillis);
        LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(local, D));
        StringBuilder sb = new StringBuilder(19);
        sb.append(date.getYear()).append('-');
        two(sb, date.getMonthValue()).append('-');
        two(sb, date.getDayOfMonth()).append(' ');
        return sb.append(label(epochMillis, TimeLabelFormat.SECONDS, zone)).toString();
    }

    private static StringBuilder two(StringBuilder sb, long v) {
        if (v < 10) {
            sb.append('0');
        }
        return sb.append(v);
    }
}
