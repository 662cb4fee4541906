package io.stockmonitor.feed.testing;

import java.nio.charset.StandardCharsets;

/** Server-to-client WebSocket frames (RFC 6455 section 5.2: unmasked), built byte by byte for a hostile relay. */
final class ServerFrames {
    static final int CONTINUATION = 0x0;
    static final int TEXT = 0x1;
    static final int BINARY = 0x2;
    static final int CLOSE = 0x8;
    static final int PING = 0x9;

    private ServerFrames() {
    }

    /** A whole frame (FIN set) carrying {@code payload}. */
    static byte[] frame(int opcode, byte[] payload) {
        byte[] header = header(opcode, payload.length);
        byte[] out = new byte[header.length + payload.length];
        System.arraycopy(header, 0, out, 0, header.length);
        System.arraycopy(payload, 0, out, header.length, payload.length);
        return out;
    }

    static byte[] text(String text) {
        return frame(TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    /** The header of a final, unmasked frame announcing {@code length} payload bytes. */
    static byte[] header(int opcode, long length) {
        byte first = (byte) (0x80 | opcode);
        if (length < 126) {
            return new byte[] {first, (byte) length};
        }
        if (length <= 0xFFFF) {
            return new byte[] {first, 126, (byte) (length >>> 8), (byte) length};
        }
        byte[] h = new byte[10];
        h[0] = first;
        h[1] = 127;
        for (int i = 0; i < 8; i++) {
            h[2 + i] = (byte) (length >>> (56 - 8 * i));
        }
        return h;
    }

    /** A close frame with {@code code} and a reason. */
    static byte[] close(int code, String reason) {
        byte[] text = reason.getBytes(StandardCharsets.UTF_8);
        byte[] payload = new byte[2 + text.length];
        payload[0] = (byte) (code >>> 8);
        payload[1] = (byte) code;
        System.arraycopy(text, 0, payload, 2, text.length);
        return frame(CLOSE, payload);
    }
}
