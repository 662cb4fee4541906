package io.stockmonitor.bench;

/**
 * What the load generators read of a frame without parsing it: the digits after a key, the string after a key. Their
 * frames come from our own server, so the keys are there when the frame type says so.
 */
public final class FrameText {
    private FrameText() {
    }

    /** A frame's {@code symbol}, or null when it has none. */
    public static String symbol(String text) {
        return string(text, "\"symbol\":\"");
    }

    /** A frame's {@code epoch}, or null when it has none. */
    public static String epoch(String text) {
        return string(text, "\"epoch\":\"");
    }

    /** A tick's or snapshot's {@code seq}. */
    public static long seq(String text) {
        return number(text, "\"seq\":");
    }

    /** A tick's {@code ts} (Unix milliseconds). */
    public static long ts(String text) {
        return number(text, "\"ts\":");
    }

    /** The non-negative integer right after {@code key} (e.g. {@code "seq":}); 0 when none follows. */
    public static long number(String text, String key) {
        int at = text.indexOf(key) + key.length();
        long v = 0;
        for (int i = at; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                break;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** The string value right after {@code key} (e.g. {@code "symbol":"}), or null when the key is absent. */
    public static String string(String text, String key) {
        int at = text.indexOf(key);
        if (at < 0) {
            return null;
        }
        int from = at + key.length();
        return text.substring(from, text.indexOf('"', from));
    }
}
