package io.stockmonitor.feed;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the headless record file, JSON Lines in the order the model accepted things (a contract with outside
 * tools):
 * <pre>
 * {"type":"tick","symbol":"AAPL","epoch":"e","seq":1235,"ts":1700000000000,"price":189.23,"size":100}
 * {"type":"snapshot","symbol":"AAPL","epoch":"e","seq":1290,"reason":"too_old"}
 * {"type":"state","state":"RECONNECTING","at":1700000000000,"attempt":3}
 * {"type":"gap","symbol":"BTCUSDT","from":3481207,"to":3481243,"recovered":"exact"}
 * {"type":"alert","symbol":"AAPL","rule":"AAPL>190","seq":1236,"ts":1700000000100,"price":190.01,"refilled":false,"acrossGap":false}
 * </pre>
 * A gap line follows the trades that refilled it: {@code recovered} is {@code exact} (every missing id is in the
 * record), {@code time} (refilled by time, completeness not provable) or {@code none} (lost); {@code from} and
 * {@code to} are the first and last missing ids (seqs), or null when unknown.
 * Register it as both the client's {@link TickSink} and a {@link FeedListener}: everything then arrives on the feed
 * thread, in order, into one buffered writer; {@link #close()} (after the client is closed) flushes it. Strings are
 * JSON-escaped (control characters escaped, lone surrogates replaced by U+FFFD, so every line stays valid UTF-8
 * JSON whatever a server sent); numbers are written plainly (no exponent); the first I/O error is kept and rethrown
 * by {@link #close()}.
 */
public final class FeedRecordWriter implements TickSink, FeedListener, Closeable {
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private final Writer out;
    private final StringBuilder line = new StringBuilder(160);
    private IOException failure;
    private long lines;

    public FeedRecordWriter(Path file) throws IOException {
        this(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
    }

    public FeedRecordWriter(Writer out) {
        this.out = out instanceof BufferedWriter ? out : new BufferedWriter(out, 1 << 16);
    }

    @Override
    public synchronized void onTick(String symbol, String epoch, long seq, long ts, double price, double size) {
        line.setLength(0);
        line.append("{\"type\":\"tick\",\"symbol\":");
        string(symbol);
        line.append(",\"epoch\":");
        string(epoch);
        line.append(",\"seq\":").append(seq).append(",\"ts\":").append(ts).append(",\"price\":");
        JsonNumbers.appendDecimal(line, price);
        line.append(",\"size\":");
        JsonNumbers.appendQuantity(line, size);
        line.append('}');
        write();
    }

    @Override
    public synchronized void onEvent(FeedEvent event) {
        if (event instanceof FeedEvent.SnapshotApplied s) {
            line.setLength(0);
            line.append("{\"type\":\"snapshot\",\"symbol\":");
            string(s.symbol());
            line.append(",\"epoch\":");
            string(s.epoch());
            line.append(",\"seq\":").append(s.seq()).append(",\"reason\":");
            string(s.reason().wire());
            line.append('}');
            write();
        } else if (event instanceof FeedEvent.GapSettled g) {
            line.setLength(0);
            line.append("{\"type\":\"gap\",\"symbol\":");
            string(g.symbol());
            line.append(",\"from\":").append(g.fromId() == null ? "null" : g.fromId().toString())
                    .append(",\"to\":").append(g.toId() == null ? "null" : g.toId().toString())
                    .append(",\"recovered\":");
            string(g.kind().recordName());
            line.append('}');
            write();
        } else if (event instanceof FeedEvent.StateChanged c) {
            line.setLength(0);
            line.append("{\"type\":\"state\",\"state\":");
            string(c.status().state().name());
            line.append(",\"at\":").append(c.status().sinceMs()).append(",\"attempt\":").append(c.status().attempt())
                    .append('}');
            write();
        }
    }

    /**
     * An alert fired on a trade: written right after that trade's line. {@code seq}, {@code ts} and {@code price}
     * are the trade's; a firing with no trade behind it (a stale feed) has NaN {@code price} and writes them as
     * null. {@code refilled}: the trade was replayed or refilled, not live; {@code acrossGap}: the level was
     * crossed during a gap that was not recovered.
     */
    public synchronized void alert(String symbol, String rule, long seq, long ts, double price, boolean refilled,
                                   boolean acrossGap) {
        line.setLength(0);
        line.append("{\"type\":\"alert\",\"symbol\":");
        string(symbol);
        line.append(",\"rule\":");
        string(rule);
        if (Double.isNaN(price)) {
            line.append(",\"seq\":null,\"ts\":null,\"price\":null");
        } else {
            line.append(",\"seq\":").append(seq).append(",\"ts\":").append(ts).append(",\"price\":");
            JsonNumbers.appendDecimal(line, price);
        }
        line.append(",\"refilled\":").append(refilled).append(",\"acrossGap\":").append(acrossGap).append('}');
        write();
    }

    /** Lines written so far. */
    public synchronized long lines() {
        return lines;
    }

    public synchronized void flush() throws IOException {
        out.flush();
    }

    /**
     * Writes out what is buffered, keeping a failure for {@link #close()} as {@link #write()} does: called about once
     * a second, so a tool that tails the record sees trades within a second, not only when the run ends.
     */
    public synchronized void flushBuffered() {
        if (failure != null) {
            return;
        }
        try {
            out.flush();
        } catch (IOException e) {
            failure = e;
        }
    }

    @Override
    public synchronized void close() throws IOException {
        try {
            out.close();
        } catch (IOException e) {
            if (failure == null) {
                failure = e;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private void write() {
        if (failure != null) {
            return;
        }
        line.append('\n');
        try {
            out.append(line);
            lines++;
        } catch (IOException e) {
            failure = e;
        }
    }

    private void string(String s) {
        line.append('"');
        if (s != null) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '"' || c == '\\') {
                    line.append('\\').append(c);
                } else if (c < 0x20) {
                    line.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
                } else if (Character.isHighSurrogate(c) && i + 1 < s.length()
                        && Character.isLowSurrogate(s.charAt(i + 1))) {
                    line.append(c).append(s.charAt(++i));
                } else if (Character.isSurrogate(c)) {
                    line.append('\ufffd');
                } else {
                    line.append(c);
                }
            }
        }
        line.append('"');
    }

    /** For the rare caller that must know immediately. */
    public synchronized void checkError() {
        if (failure != null) {
            throw new UncheckedIOException(failure);
        }
    }
}
