package io.stockmonitor.feed;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * What the supervisor opens for a session: the WebSocket URL, the upgrade request's extra headers (a bearer
 * token, never logged), the subprotocols and the extensions to offer.
 *
 * @param uri          {@code ws://} or {@code wss://} URL
 * @param headers      extra upgrade headers
 * @param subprotocols offered subprotocols, in order of preference (empty: none)
 * @param label        the URL as it may be shown or logged: no query (a {@code ?token=} must never be seen)
 * @param extensions   offered WebSocket extensions (e.g. {@code permessage-deflate}; empty: none)
 */
public record SocketRequest(URI uri, Map<String, String> headers, List<String> subprotocols, String label,
                            List<String> extensions) {
    public SocketRequest {
        headers = Map.copyOf(headers);
        subprotocols = List.copyOf(subprotocols);
        extensions = List.copyOf(extensions);
    }

    /** A request with no extensions. */
    public SocketRequest(URI uri, Map<String, String> headers, List<String> subprotocols, String label) {
        this(uri, headers, subprotocols, label, List.of());
    }

    /** A request with no extra headers; the label is the URL without user info and query. */
    public static SocketRequest of(URI uri) {
        return new SocketRequest(uri, Map.of(), List.of(), labelOf(uri));
    }

    public SocketRequest withHeader(String name, String value) {
        Map<String, String> more = new java.util.LinkedHashMap<>(headers);
        more.put(name, value);
        return new SocketRequest(uri, more, subprotocols, label, extensions);
    }

    /** Offers {@code offered} subprotocols (in order of preference); the server picks one or none. */
    public SocketRequest withSubprotocols(List<String> offered) {
        return new SocketRequest(uri, headers, offered, label, extensions);
    }

    /** Offers {@code offered} extensions; the server accepts those it supports. */
    public SocketRequest withExtensions(List<String> offered) {
        return new SocketRequest(uri, headers, subprotocols, label, offered);
    }

    /** The URL as shown to the user: scheme, host, port and path only. */
    public static String labelOf(URI u) {
        if (u.getScheme() == null || u.getHost() == null) {
            return String.valueOf(u.getScheme() == null ? u.getSchemeSpecificPart() : u.getScheme() + ":...");
        }
        return u.getScheme() + "://" + u.getHost() + (u.getPort() >= 0 ? ":" + u.getPort() : "")
                + (u.getRawPath() == null ? "" : u.getRawPath());
    }

    /**
     * {@code text} (an exception's message, which may quote the URL) with the URL shown as its label and its query
     * nowhere, encoded or not: a provider's URL may carry a token.
     */
    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String out = text.replace(uri.toString(), label);
        for (String query : new String[] {uri.getRawQuery(), uri.getQuery()}) {
            if (query != null && !query.isEmpty()) {
                out = out.replace(query, "…");
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "SocketRequest[" + label + (headers.isEmpty() ? "" : ", headers " + headers.keySet()) + "]";
    }
}
