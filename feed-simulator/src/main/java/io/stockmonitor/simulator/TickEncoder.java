package io.stockmonitor.simulator;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Writes tick and heartbeat frames with Jackson's streaming generator into one reusable buffer, so the publisher
 * serializes each tick once and every subscriber shares the resulting UTF-8 bytes (each send takes a
 * {@link ByteBuffer#duplicate()} view, not a copy). Not thread-safe: one per thread.
 */
final class TickEncoder {
    private final JsonFactory factory;
    private final ReusableBytes buffer = new ReusableBytes();

    TickEncoder(JsonFactory factory) {
        this.factory = factory;
    }

    /**
     * {@code {"type":"tick","symbol":..,"seq":..,"ts":..,"price":..,"size":..,"bid":..,"ask":..}}; a whole size is
     * written as an integer, and bid and ask are left out when NaN (a relayed trade without a quote).
     */
    ByteBuffer tick(String symbol, long seq, long ts, double price, double size, double bid, double ask) {
        buffer.reset();
        try (JsonGenerator g = factory.createGenerator(buffer)) {
            g.writeStartObject();
            g.writeStringField("type", "tick");
            g.writeStringField("symbol", symbol);
            g.writeNumberField("seq", seq);
            g.writeNumberField("ts", ts);
            g.writeNumberField("price", price);
            WireNumbers.write(g, "size", size);
            if (!Double.isNaN(bid) && !Double.isNaN(ask)) {
                g.writeNumberField("bid", bid);
                g.writeNumberField("ask", ask);
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toByteBuffer();
    }

    /** {@code {"type":"heartbeat","ts":..,"seqs":{..}}} for the given symbols and their latest seqs. */
    ByteBuffer heartbeat(long ts, String[] symbols, long[] seqs, boolean[] include) {
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
        return buffer.toByteBuffer();
    }

    /** A byte sink that is rewound, not reallocated, between frames. */
    private static final class ReusableBytes extends ByteArrayOutputStream {
        ReusableBytes() {
            super(256);
        }

        ByteBuffer toByteBuffer() {
            return ByteBuffer.wrap(Arrays.copyOf(buf, count));
        }

        @Override
        public void close() {
        }
    }
}
