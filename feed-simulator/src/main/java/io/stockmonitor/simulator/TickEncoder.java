package io.stockmonitor.simulator;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * Writes tick and heartbeat frames with Jackson's streaming generator into one reusable buffer, so the publisher
 * serializes each tick once and every subscriber shares the resulting String. Not thread-safe: one per thread.
 */
final class TickEncoder {
    private final JsonFactory factory;
    private final ReusableWriter buffer = new ReusableWriter();

    TickEncoder(JsonFactory factory) {
        this.factory = factory;
    }

    /** {@code {"type":"tick","symbol":..,"seq":..,"ts":..,"price":..,"size":..,"bid":..,"ask":..}}, prices in cents. */
    String tick(String symbol, long seq, long ts, long priceCents, long size, long bidCents, long askCents) {
        buffer.reset();
        try (JsonGenerator g = factory.createGenerator(buffer)) {
            g.writeStartObject();
            g.writeStringField("type", "tick");
            g.writeStringField("symbol", symbol);
            g.writeNumberField("seq", seq);
            g.writeNumberField("ts", ts);
            g.writeNumberField("price", priceCents / 100.0);
            g.writeNumberField("size", size);
            g.writeNumberField("bid", bidCents / 100.0);
            g.writeNumberField("ask", askCents / 100.0);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toString();
    }

    /** {@code {"type":"heartbeat","ts":..,"seqs":{..}}} for the given symbols and their latest seqs. */
    String heartbeat(long ts, String[] symbols, long[] seqs, boolean[] include) {
        buffer.reset();
        try (JsonGenerator g = factory.createGenerator(buffer)) {
            g.writeStartObject();
            g.writeStringField("type", "heartbeat");
            g.writeNumberField("ts", ts);
            g.writeObjectFieldStart("seqs");
            for (int i = 0; i < symbols.length; i++) {
                if (include[i]) {
                    g.writeNumberField(symbols[i], seqs[i]);
                }
            }
            g.writeEndObject();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toString();
    }

    /** A Writer over a StringBuilder that is cleared, not reallocated, between frames. */
    private static final class ReusableWriter extends Writer {
        private final StringBuilder text = new StringBuilder(256);

        void reset() {
            text.setLength(0);
        }

        @Override
        public void write(char[] cbuf, int off, int len) {
            text.append(cbuf, off, len);
        }

        @Override
        public void write(String str, int off, int len) {
            text.append(str, off, off + len);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }
}
