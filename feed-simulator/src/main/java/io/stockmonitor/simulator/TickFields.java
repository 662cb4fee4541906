package io.stockmonitor.simulator;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@link TickRecord} as the fields of a shared history's stream entry (the seq is the entry's id), and back.
 * Doubles are written in Java's shortest round-trip form, so every server reads back exactly the numbers the
 * producer had. Unknown values (NaN bid and ask, no model state, no upstream id, no gap) are left out.
 */
final class TickFields {
    private TickFields() {
    }

    static Map<String, String> encode(TickRecord t) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("t", Long.toString(t.ts()));
        f.put("p", Double.toString(t.price()));
        f.put("s", Double.toString(t.size()));
        putKnown(f, "b", t.bid());
        putKnown(f, "a", t.ask());
        putKnown(f, "o", t.open());
        putKnown(f, "h", t.high());
        putKnown(f, "l", t.low());
        putKnown(f, "c", t.prevClose());
        f.put("v", Double.toString(t.volume()));
        putKnown(f, "m", t.modelState());
        if (t.upstreamId() != TickRecord.NO_UPSTREAM_ID) {
            f.put("u", Long.toString(t.upstreamId()));
        }
        UpstreamGap g = t.gap();
        if (g != null) {
            f.put("gk", g.kind().wire());
            f.put("gr", Long.toString(g.refilled()));
            f.put("gm", Long.toString(g.missed()));
            f.put("gf", Long.toString(g.fromTs()));
            f.put("gt", Long.toString(g.toTs()));
        }
        return f;
    }

    /** The tick, or null when the fields are not a tick's (written by something else, or damaged). */
    static TickRecord decode(long seq, Map<String, String> f) {
        try {
            long ts = Long.parseLong(f.get("t"));
            double price = Double.parseDouble(f.get("p"));
            double size = Double.parseDouble(f.get("s"));
            if (!(price > 0) || Double.isInfinite(price) || !(size >= 0) || Double.isInfinite(size)) {
                return null;
            }
            UpstreamGap gap = null;
            if (f.containsKey("gk")) {
                UpstreamGap.Kind kind = UpstreamGap.Kind.ofWire(f.get("gk"));
                if (kind == null) {
                    return null;
                }
                gap = new UpstreamGap(kind, Long.parseLong(f.get("gr")), Long.parseLong(f.get("gm")),
                        Long.parseLong(f.get("gf")), Long.parseLong(f.get("gt")));
            }
            return new TickRecord(seq, ts, price, size, known(f, "b"), known(f, "a"), known(f, "o"), known(f, "h"),
                    known(f, "l"), known(f, "c"), Double.parseDouble(f.get("v")), gap, known(f, "m"),
                    f.containsKey("u") ? Long.parseLong(f.get("u")) : TickRecord.NO_UPSTREAM_ID);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static void putKnown(Map<String, String> f, String name, double v) {
        if (!Double.isNaN(v)) {
            f.put(name, Double.toString(v));
        }
    }

    private static double known(Map<String, String> f, String name) {
        String v = f.get(name);
        return v == null ? Double.NaN : Double.parseDouble(v);
    }
}
