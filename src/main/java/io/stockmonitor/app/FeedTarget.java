package io.stockmonitor.app;

/**
 * Where to connect: the bundled simulator in-process (demo) or a feed URL.
 *
 * @param server feed URL, or null for demo mode
 * @param token bearer token, or null
 */
public record FeedTarget(String server, String token) {
    public static FeedTarget demo() {
        return new FeedTarget(null, null);
    }

    public boolean isDemo() {
        return server == null;
    }

    @Override
    public String toString() {
        return isDemo() ? "FeedTarget[demo]" : "FeedTarget[" + server + ", token=" + (token == null ? "none" : "***")
                + "]";
    }
}
