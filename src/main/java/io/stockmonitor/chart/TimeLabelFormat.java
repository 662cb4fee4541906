package io.stockmonitor.chart;

/** How a time-axis label is printed; chosen from the tick step so labels carry no more digits than they need. */
public enum TimeLabelFormat {
    /** {@code HH:mm:ss}, for steps under a minute. */
    SECONDS("00:00:00"),
    /** {@code HH:mm}, for steps from a minute up to a day. */
    MINUTES("00:00"),
    /** {@code dd MMM} (e.g. {@code 22 Nov}), for steps of a day or more. */
    DAYS("00 May");

    private final String widestSample;

    TimeLabelFormat(String widestSample) {
        this.widestSample = widestSample;
    }

    /** A label at least as wide as any label of this format in a typical proportional font; measure this one. */
    public String widestSample() {
        return widestSample;
    }

    static TimeLabelFormat forStep(long stepMillis) {
        if (stepMillis < 60_000L) {
            return SECONDS;
        }
        if (stepMillis < 86_400_000L) {
            return MINUTES;
        }
        return DAYS;
    }
}
