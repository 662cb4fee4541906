package io.stockmonitor.simulator;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Tells whether an HTTP request to the admin endpoint could have come from a web page rather than from a local tool.
 * A page can make the user's browser send a simple cross-site request (a form POST, {@code text/plain}) to a
 * loopback port; the browser marks it with the page's {@code Origin}. A DNS-rebinding page reaches the port under
 * its own host name, which shows in {@code Host}. So: a present Origin must be this server on a loopback name, and
 * Host must be a loopback name or address. No DNS lookups are made.
 */
final class LoopbackOrigin {
    private LoopbackOrigin() {
    }

    /** An IP literal (as the remote address comes) that is a loopback address. */
    static boolean isLoopbackAddress(String address) {
        if (address == null) {
            return false;
        }
        String literal = address.startsWith("[") && address.endsWith("]")
                ? address.substring(1, address.length() - 1) : address;
        if (literal.isEmpty() || !literal.matches("[0-9a-fA-F:.%]+")) {
            return false;
        }
        try {
            return InetAddress.getByName(literal).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** {@code localhost} or a loopback IP literal (IPv6 in brackets or not). */
    static boolean isLoopbackName(String host) {
        return host != null && (host.equalsIgnoreCase("localhost") || isLoopbackAddress(host));
    }

    /** A {@code Host} header naming a loopback host (any port). Null or malformed is not. */
    static boolean isLoopbackHostHeader(String hostHeader) {
        if (hostHeader == null) {
            return false;
        }
        String host = hostHeader.trim();
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            if (end < 0) {
                return false;
            }
            String rest = host.substring(end + 1);
            if (!rest.isEmpty() && !rest.matches(":[0-9]{1,5}")) {
                return false;
            }
            host = host.substring(0, end + 1);
        } else {
            int colon = host.indexOf(':');
            if (colon >= 0) {
                if (!host.substring(colon).matches(":[0-9]{1,5}")) {
                    return false;
                }
                host = host.substring(0, colon);
            }
        }
        return isLoopbackName(host);
    }

    /** An {@code Origin} header that is this server: http(s), a loopback name, and {@code port}. */
    static boolean isThisServer(String origin, int port) {
        URI uri;
        try {
            uri = new URI(origin.trim());
        } catch (URISyntaxException e) {
            return false;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return false;
        }
        int originPort = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        return originPort == port && uri.getRawPath() != null && uri.getRawPath().isEmpty()
                && uri.getRawQuery() == null && uri.getUserInfo() == null && isLoopbackName(uri.getHost());
    }
}
