package io.stockmonitor.feed.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Splits the bytes a WebSocket server sends (the HTTP upgrade response, then frames) into whole frames, however the
 * socket reads cut them, so a relay can act between frames. Frames up to {@link #WHOLE_FRAME_BYTES} are handed over
 * whole; longer ones (snapshots) stream through as they come. A response other than 101, or a masked server frame,
 * turns the rest of the connection into plain bytes. Not thread-safe: one pump thread feeds it.
 */
final class ServerFrameSplitter {
    static final int WHOLE_FRAME_BYTES = 64 * 1024;

    /** Where the pieces go. */
    interface Sink {
        /** Bytes to pass on unchanged: the HTTP response, parts of a long frame, or anything after a surprise. */
        void raw(byte[] bytes, int offset, int length) throws IOException;

        /** One whole frame: {@code frame} holds its header ({@code headerLength} bytes) and payload. */
        void frame(byte[] frame, int headerLength, int opcode, boolean fin, boolean compressed) throws IOException;

        /** The end of a long frame that went through as raw bytes. */
        void longFrameEnded(int opcode, boolean fin) throws IOException;
    }

    private enum Mode { HTTP, HEADER, WHOLE, STREAMED, OPAQUE }

    private final Sink sink;
    private Mode mode = Mode.HTTP;
    private final StringBuilder statusLine = new StringBuilder();
    private boolean statusDone;
    private int crlfMatched;
    private final byte[] header = new byte[14];
    private int headerHave;
    private final ByteArrayOutputStream whole = new ByteArrayOutputStream();
    private long payloadLeft;
    private int wholeHeaderLength;
    private int opcode;
    private boolean fin;
    private boolean compressed;

    ServerFrameSplitter(Sink sink) {
        this.sink = sink;
    }

    /** True once the upgrade succeeded and frames are being split. */
    boolean framing() {
        return mode != Mode.HTTP && mode != Mode.OPAQUE;
    }

    void feed(byte[] bytes, int length) throws IOException {
        int i = 0;
        while (i < length) {
            switch (mode) {
                case OPAQUE -> {
                    sink.raw(bytes, i, length - i);
                    i = length;
                }
                case HTTP -> i = http(bytes, i, length);
                case HEADER -> i = header(bytes, i, length);
                case WHOLE -> i = whole(bytes, i, length);
                case STREAMED -> {
                    int n = (int) Math.min(payloadLeft, length - i);
                    sink.raw(bytes, i, n);
                    i += n;
                    payloadLeft -= n;
                    if (payloadLeft == 0) {
                        mode = Mode.HEADER;
                        sink.longFrameEnded(opcode, fin);
                    }
                }
            }
        }
    }

    private int http(byte[] bytes, int from, int length) throws IOException {
        int i = from;
        while (i < length) {
            byte b = bytes[i++];
            if (b == '\r' || b == '\n') {
                statusDone = true;
            } else if (!statusDone && statusLine.length() < 64) {
                statusLine.append((char) b);
            }
            // \r\n\r\n ends the response headers.
            crlfMatched = b == '\r' ? (crlfMatched == 2 ? 3 : 1)
                    : b == '\n' ? (crlfMatched == 1 ? 2 : crlfMatched == 3 ? 4 : 0) : 0;
            if (crlfMatched == 4) {
                sink.raw(bytes, from, i - from);
                mode = statusLine.toString().startsWith("HTTP/1.1 101") ? Mode.HEADER : Mode.OPAQUE;
                return i;
            }
        }
        sink.raw(bytes, from, i - from);
        return i;
    }

    private int header(byte[] bytes, int from, int length) throws IOException {
        int i = from;
        while (i < length) {
            header[headerHave++] = bytes[i++];
            int need = headerLength();
            if (need < 0) {
                // A masked frame from a server breaks RFC 6455: stop interpreting, pass the rest through.
                mode = Mode.OPAQUE;
                sink.raw(header, 0, headerHave);
                headerHave = 0;
                return i;
            }
            if (headerHave == need) {
                startPayload(need);
                return i;
            }
        }
        return i;
    }

    /** Header length once known from the bytes so far (2 until the length byte is in), or -1 for a masked frame. */
    private int headerLength() {
        if (headerHave < 2) {
            return 2;
        }
        if ((header[1] & 0x80) != 0) {
            return -1;
        }
        int len7 = header[1] & 0x7F;
        return len7 == 126 ? 4 : len7 == 127 ? 10 : 2;
    }

    private void startPayload(int headerLength) throws IOException {
        fin = (header[0] & 0x80) != 0;
        compressed = (header[0] & 0x40) != 0;
        opcode = header[0] & 0x0F;
        int len7 = header[1] & 0x7F;
        long length = len7;
        if (len7 == 126) {
            length = ((header[2] & 0xFF) << 8) | (header[3] & 0xFF);
        } else if (len7 == 127) {
            length = 0;
            for (int k = 2; k < 10; k++) {
                length = (length << 8) | (header[k] & 0xFF);
            }
        }
        headerHave = 0;
        payloadLeft = length;
        if (length <= WHOLE_FRAME_BYTES) {
            whole.reset();
            whole.write(header, 0, headerLength);
            mode = Mode.WHOLE;
            wholeHeaderLength = headerLength;
            if (length == 0) {
                finishWhole(headerLength);
            }
        } else {
            sink.raw(header, 0, headerLength);
            mode = Mode.STREAMED;
        }
    }

    private int whole(byte[] bytes, int from, int length) throws IOException {
        int n = (int) Math.min(payloadLeft, length - from);
        whole.write(bytes, from, n);
        payloadLeft -= n;
        if (payloadLeft == 0) {
            finishWhole(wholeHeaderLength);
        }
        return from + n;
    }

    private void finishWhole(int headerLength) throws IOException {
        mode = Mode.HEADER;
        sink.frame(whole.toByteArray(), headerLength, opcode, fin, compressed);
    }

    /** The status line of the upgrade response, for diagnostics. */
    String statusLine() {
        return statusLine.toString();
    }

    static String utf8(byte[] frame, int offset) {
        return new String(frame, offset, frame.length - offset, StandardCharsets.UTF_8);
    }
}
