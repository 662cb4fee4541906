package io.stockmonitor.fuzz;

import java.util.List;

/**
 * One frame a property test sends or parses: its text, whether it goes as a binary frame, and the mutations that
 * made it from a valid frame (empty for a valid one), for the failure report.
 */
public record FuzzFrame(String text, boolean binary, List<String> mutations) {

    public static FuzzFrame valid(String text) {
        return new FuzzFrame(text, false, List.of());
    }

    public boolean mutated() {
        return !mutations.isEmpty();
    }

    /** The frame for a report: control characters visible, long text cut (with its length). */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        int n = Math.min(text.length(), 400);
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f || Character.isSurrogate(c)) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        if (text.length() > n) {
            sb.append("… (").append(text.length()).append(" chars)");
        }
        return (binary ? "binary " : "") + sb + (mutations.isEmpty() ? "" : "  mutations " + mutations);
    }
}
