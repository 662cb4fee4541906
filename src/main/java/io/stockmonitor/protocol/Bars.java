package io.stockmonitor.protocol;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.util.Arrays;

/**
 * OHLCV bars of a snapshot, held column-wise in primitive arrays; on the wire
 * {@code {"intervalMs":1000,"data":[[tsMs,o,h,l,c,v],...]}}.
 *
 * <p>Hand-mapped because an hour of bars is 3,600 rows: boxing each cell through generic databind would make a
 * snapshot allocate hundreds of thousands of objects.
 */
@JsonSerialize(using = Bars.Serializer.class)
@JsonDeserialize(using = Bars.Deserializer.class)
public final class Bars {
    private final long intervalMs;
    private final int size;
    private final long[] time;
    private final double[] open;
    private final double[] high;
    private final double[] low;
    private final double[] close;
    private final long[] volume;

    /** Arrays are taken as they are (not copied); the first {@code size} entries are used. */
    public Bars(long intervalMs, int size, long[] time, double[] open, double[] high, double[] low, double[] close,
                long[] volume) {
        if (size < 0 || size > time.length || size > open.length || size > high.length || size > low.length
                || size > close.length || size > volume.length) {
            throw new IllegalArgumentException("size " + size + " does not fit the arrays");
        }
        this.intervalMs = intervalMs;
        this.size = size;
        this.time = time;
        this.open = open;
        this.high = high;
        this.low = low;
        this.close = close;
        this.volume = volume;
    }

    public static Bars empty(long intervalMs) {
        return new Bars(intervalMs, 0, new long[0], new double[0], new double[0], new double[0], new double[0],
                new long[0]);
    }

    public long intervalMs() {
        return intervalMs;
    }

    public int size() {
        return size;
    }

    public long time(int i) {
        return time[check(i)];
    }

    public double open(int i) {
        return open[check(i)];
    }

    public double high(int i) {
        return high[check(i)];
    }

    public double low(int i) {
        return low[check(i)];
    }

    public double close(int i) {
        return close[check(i)];
    }

    public long volume(int i) {
        return volume[check(i)];
    }

    private int check(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException(i);
        }
        return i;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Bars other) || other.intervalMs != intervalMs || other.size != size) {
            return false;
        }
        return Arrays.equals(time, 0, size, other.time, 0, size)
                && Arrays.equals(open, 0, size, other.open, 0, size)
                && Arrays.equals(high, 0, size, other.high, 0, size)
                && Arrays.equals(low, 0, size, other.low, 0, size)
                && Arrays.equals(close, 0, size, other.close, 0, size)
                && Arrays.equals(volume, 0, size, other.volume, 0, size);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(intervalMs) * 31 + size;
    }

    @Override
    public String toString() {
        return "Bars[intervalMs=" + intervalMs + ", size=" + size + "]";
    }

    static final class Serializer extends StdSerializer<Bars> {
        Serializer() {
            super(Bars.class);
        }

        @Override
        public void serialize(Bars bars, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeStartObject();
            gen.writeNumberField("intervalMs", bars.intervalMs);
            gen.writeArrayFieldStart("data");
            for (int i = 0; i < bars.size; i++) {
                gen.writeStartArray();
                gen.writeNumber(bars.time[i]);
                gen.writeNumber(bars.open[i]);
                gen.writeNumber(bars.high[i]);
                gen.writeNumber(bars.low[i]);
                gen.writeNumber(bars.close[i]);
                gen.writeNumber(bars.volume[i]);
                gen.writeEndArray();
            }
            gen.writeEndArray();
            gen.writeEndObject();
        }
    }

    static final class Deserializer extends StdDeserializer<Bars> {
        Deserializer() {
            super(Bars.class);
        }

        @Override
        public Bars deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.START_OBJECT) {
                return (Bars) ctxt.handleUnexpectedToken(Bars.class, p);
            }
            long interval = Protocol.SNAPSHOT_BAR_INTERVAL_MS;
            int n = 0;
            long[] t = new long[64];
            double[] o = new double[64];
            double[] h = new double[64];
            double[] l = new double[64];
            double[] c = new double[64];
            long[] v = new long[64];
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                if ("intervalMs".equals(field)) {
                    interval = p.getLongValue();
                } else if ("data".equals(field)) {
                    expect(p, JsonToken.START_ARRAY, ctxt);
                    while (p.nextToken() == JsonToken.START_ARRAY) {
                        if (n == t.length) {
                            int cap = n * 2;
                            t = Arrays.copyOf(t, cap);
                            o = Arrays.copyOf(o, cap);
                            h = Arrays.copyOf(h, cap);
                            l = Arrays.copyOf(l, cap);
                            c = Arrays.copyOf(c, cap);
                            v = Arrays.copyOf(v, cap);
                        }
                        t[n] = nextLong(p, ctxt);
                        o[n] = nextDouble(p, ctxt);
                        h[n] = nextDouble(p, ctxt);
                        l[n] = nextDouble(p, ctxt);
                        c[n] = nextDouble(p, ctxt);
                        v[n] = nextLong(p, ctxt);
                        if (p.nextToken() != JsonToken.END_ARRAY) {
                            ctxt.reportInputMismatch(Bars.class, "a bar has exactly 6 values: [ts,o,h,l,c,v]");
                        }
                        n++;
                    }
                    expect(p, JsonToken.END_ARRAY, ctxt);
                } else {
                    p.skipChildren();
                }
            }
            return new Bars(interval, n, t, o, h, l, c, v);
        }

        private static void expect(JsonParser p, JsonToken token, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != token) {
                ctxt.reportInputMismatch(Bars.class, "expected " + token + " in bars, got " + p.currentToken());
            }
        }

        private static long nextLong(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonToken token = p.nextToken();
            if (token != JsonToken.VALUE_NUMBER_INT) {
                ctxt.reportInputMismatch(Bars.class, "expected an integer in a bar, got " + token);
            }
            return p.getLongValue();
        }

        private static double nextDouble(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonToken token = p.nextToken();
            if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT) {
                ctxt.reportInputMismatch(Bars.class, "expected a number in a bar, got " + token);
            }
            return p.getDoubleValue();
        }
    }
}
