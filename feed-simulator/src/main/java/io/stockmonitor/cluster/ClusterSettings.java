package io.stockmonitor.cluster;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Which Redis holds the shared history and under which name: {@code redis://HOST:PORT} (no user, password or path in
 * the URL: the password comes apart, from a file or the environment, so that it is never on a command line), the
 * feed's name (servers of one feed share its keys; other feeds may use the same Redis) and this server's node id
 * (who holds the lease). {@link #toString()} never shows the password.
 */
public record ClusterSettings(String host, int port, String password, String feedName, String nodeId) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    public ClusterSettings {
        Objects.requireNonNull(host, "host");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("Redis port must be 1..65535: " + port);
        }
        if (password != null && password.isEmpty()) {
            password = null;
        }
        if (feedName == null || !NAME.matcher(feedName).matches()) {
            throw new IllegalArgumentException("feed name must be 1-64 letters, digits, '.', '_' or '-'");
        }
        if (nodeId == null || !NAME.matcher(nodeId).matches()) {
            throw new IllegalArgumentException("node id must be 1-64 letters, digits, '.', '_' or '-'");
        }
    }

    /** Settings from {@code redis://HOST:PORT}; anything more in the URL is refused. */
    public static ClusterSettings parse(String url, String password, String feedName, String nodeId) {
        URI u;
        try {
            u = new URI(url.trim());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("--redis must be redis://HOST:PORT");
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("redis") || u.getHost() == null) {
            throw new IllegalArgumentException("--redis must be redis://HOST:PORT");
        }
        if (u.getRawUserInfo() != null) {
            throw new IllegalArgumentException("--redis takes no password in the URL (it would show in ps): use "
                    + "--redis-password-file FILE or STOCK_MONITOR_REDIS_PASSWORD");
        }
        if ((u.getRawPath() != null && !u.getRawPath().isEmpty() && !u.getRawPath().equals("/"))
                || u.getRawQuery() != null) {
            throw new IllegalArgumentException("--redis must be redis://HOST:PORT (no path or query)");
        }
        String host = u.getHost().startsWith("[") ? u.getHost().substring(1, u.getHost().length() - 1) : u.getHost();
        return new ClusterSettings(host, u.getPort() < 0 ? 6379 : u.getPort(), password, feedName, nodeId);
    }

    /** The URL as it may be shown. */
    public String url() {
        return "redis://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    @Override
    public String toString() {
        return "ClusterSettings[" + url() + ", password=" + (password == null ? "none" : "(set)") + ", feed="
                + feedName + ", node=" + nodeId + "]";
    }
}
