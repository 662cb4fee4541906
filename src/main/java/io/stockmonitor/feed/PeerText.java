package io.stockmonitor.feed;

/**
 * Makes text a peer sent (an error message, a close reason, a server name) safe to log or show: control characters
 * (newlines, ANSI escapes) become visible escapes, so a hostile server cannot forge log lines or colour a terminal,
 * lone surrogates become U+FFFD, and the length is capped so a huge string costs nothing.
 */
public final class PeerText {
    /** Longest peer text kept for a log line or the screen. */
    public static final int MAX_CHARS = 200;

    private PeerText() {
    }

    /** {@code text} escaped and cut to {@link #MAX_CHARS} (with "…" and the original length when cut). */
    public static String escape(String text) {
        return escape(text, MAX_CHARS);
    }

    public static String escape(String text, int maxChars) {
        if (text == null) {
            return "";
        }
        int n = Math.min(text.length(), maxChars);
        StringBuilder sb = new StringBuilder(n + 16);
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
                switch (c) {
                    case '\n' -> sb.append("\\n");
                    case '\r' -> sb.append("\\r");
                    case '\t' -> sb.append("\\t");
                    default -> sb.append(String.format("\\u%04x", (int) c));
                }
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                sb.append(c).append(text.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                sb.append('\ufffd');
            } else {
                sb.append(c);
            }
        }
        if (text.length() > maxChars) {
            sb.append("… (").append(text.length()).append(" chars)");
        }
        return sb.toString();
    }
}
