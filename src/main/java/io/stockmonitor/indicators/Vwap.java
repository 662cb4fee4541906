package io.stockmonitor.indicators;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * Session VWAP: the volume-weighted average of the typical price {@code (high + low + close) / 3} over the bars
 * since the session began; it starts afresh at each session boundary. The session starts daily at
 * {@code sessionStart} in {@code zone}: by default 00:00 UTC, the day 24/7 crypto markets use; US equities would use
 * 09:30 America/New_York. A session whose bars have no volume yet shows the typical price.
 *
 * <p>Gaps: missing bars add nothing (no zero-volume bars are invented); a gap across a boundary starts the new
 * session at its first bar. Equal to ta4j's {@code VWAPIndicator} with a window reaching back to the session's first
 * bar.
 *
 * <p>Finding a bar's session allocates only when the session changes (the boundary times are cached), never per
 * bar.
 */
public final class Vwap extends Indicator {
    private static final int OUT = 0;
    private static final int PV = 1;
    private static final int PV_COMP = 2;
    private static final int VOL = 3;
    private static final int VOL_COMP = 4;
    private static final int SESSION = 5;

    private ZoneId zone;
    private LocalTime sessionStart;
    private long cachedFrom = Long.MAX_VALUE;
    private long cachedTo = Long.MIN_VALUE;

    /** Sessions starting daily at 00:00 UTC. */
    public Vwap() {
        this(ZoneOffset.UTC, LocalTime.MIDNIGHT);
    }

    public Vwap(ZoneId zone, LocalTime sessionStart) {
        super(1, 5);
        this.zone = Objects.requireNonNull(zone, "zone");
        this.sessionStart = Objects.requireNonNull(sessionStart, "sessionStart");
    }

    public ZoneId zone() {
        return zone;
    }

    public LocalTime sessionStart() {
        return sessionStart;
    }

    /** Sets where sessions begin (daily at {@code start} in {@code sessionZone}); recomputes everything. */
    public void setSession(ZoneId sessionZone, LocalTime start) {
        Objects.requireNonNull(sessionZone, "zone");
        Objects.requireNonNull(start, "start");
        if (!sessionZone.equals(zone) || !start.equals(sessionStart)) {
            zone = sessionZone;
            sessionStart = start;
            cachedFrom = Long.MAX_VALUE;
            cachedTo = Long.MIN_VALUE;
            invalidate();
        }
    }

    @Override
    public String label() {
        return "VWAP";
    }

    @Override
    public Placement placement() {
        return Placement.PRICE;
    }

    @Override
    protected int lookback() {
        return 1;
    }

    /** Start (epoch ms) of the session holding {@code t}. */
    public long sessionOf(long t) {
        if (t >= cachedFrom && t < cachedTo) {
            return cachedFrom;
        }
        ZonedDateTime at = Instant.ofEpochMilli(t).atZone(zone);
        LocalDate day = at.toLocalDate();
        ZonedDateTime start = day.atTime(sessionStart).atZone(zone);
        if (start.isAfter(at)) {
            start = day.minusDays(1).atTime(sessionStart).atZone(zone);
        }
        ZonedDateTime next = start.toLocalDate().plusDays(1).atTime(sessionStart).atZone(zone);
        cachedFrom = start.toInstant().toEpochMilli();
        cachedTo = next.toInstant().toEpochMilli();
        return cachedFrom;
    }

    @Override
    protected void computeRows(BarColumns bars, int first, int from, int to) {
        long[] time = bars.timeColumn();
        double[] high = bars.highColumn();
        double[] low = bars.lowColumn();
        double[] close = bars.closeColumn();
        double[] volume = bars.volumeColumn();
        double[] out = column(OUT);
        double[] pv = column(PV);
        double[] pvComp = column(PV_COMP);
        double[] vol = column(VOL);
        double[] volComp = column(VOL_COMP);
        double[] session = column(SESSION);
        for (int i = from; i < to; i++) {
            double session0 = sessionOf(time[i]);
            double tp = (high[i] + low[i] + close[i]) / 3;
            if (i == first || session[i - 1] != session0) {
                pv[i] = 0;
                pvComp[i] = 0;
                vol[i] = 0;
                volComp[i] = 0;
            } else {
                pv[i] = pv[i - 1];
                pvComp[i] = pvComp[i - 1];
                vol[i] = vol[i - 1];
                volComp[i] = volComp[i - 1];
            }
            session[i] = session0;
            addCompensated(pv, pvComp, i, tp * volume[i]);
            addCompensated(vol, volComp, i, volume[i]);
            double v = vol[i] + volComp[i];
            out[i] = v > 0 ? (pv[i] + pvComp[i]) / v : tp;
        }
    }
}
