package io.stockmonitor.simulator;

/**
 * Text a peer sent, made safe to send back or to log. A reply quotes at most a bounded number of characters (a 60 KB
 * symbol must not come back twice in an error frame); a log line gets it bounded and escaped, so newlines and
 * terminal escapes in it cannot forge or garble log lines.
 */
final class PeerText {
    private static final char REPLACEMENT = '\uFFFD';
    private static final String CUT = "\u2026";

    private PeerText() {
    }

    /**
     * At most {@code maxChars} characters of {@code text} (never splitting a surrogate pair), with control characters
     * and unpaired surrogates replaced by U+FFFD and an ellipsis when cut. Null stays null.
     */
    static String bounded(String text, int maxChars) {
        if (text == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder(Math.min(text.length(), maxChars) + 1);
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            int width = pair ? 2 : 1;
            if (sb.length() + width > maxChars) {
                sb.append(CUT);
                return sb.toString();
            }
            if (pair) {
                sb.append(c).append(text.charAt(i + 1));
            } else if (Character.isISOControl(c) || Character.isSurrogate(c)) {
                sb.append(REPLACEMENT);
            } else {
                sb.append(c);
            }
            i += width;
        }
        return sb.toString();
    }

    /** For a log line: bounded to {@link SimulatorConfig#MAX_LOGGED_PEER_CHARS}, anything but printable ASCII escaped. */
    static String forLog(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder();
        int n = Math.min(text.length(), SimulatorConfig.MAX_LOGGED_PEER_CHARS);
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0x7f && c != '\\') {
                sb.append(c);
            } else {
                sb.append(String.format("\\u%04x", (int) c));
            }
        }
        if (text.length() > n) {
            sb.append("...(").append(text.length()).append(" chars)");
        }
        return sb.toString();
    }
}
