package io.stockmonitor.ui;

/**
 * Where the user wants to connect: a feed URL (with an optional token) or the bundled simulator.
 *
 * @param server feed URL, or null for demo mode
 * @param token bearer token, or null; kept in memory only, never written to settings
 */
public record ConnectionChoice(String server, String token) {
    public static ConnectionChoice demo() {
        return new ConnectionChoice(null, null);
    }

    public boolean isDemo() {
        return server == null;
    }

    /** What to show the user before a session tells us more. */
    public String label() {
        return isDemo() ? "demo (bundled simulator)" : server;
    }
}
