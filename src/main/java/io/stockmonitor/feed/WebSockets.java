package io.stockmonitor.feed;

import io.stockmonitor.protocol.Protocol;
import java.net.URI;
import java.time.Duration;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.websocket.client.WebSocketClient;

/** Makes the Jetty WebSocket clients the feed uses, configured the same way for every source. */
public final class WebSockets {
    /** Close the old WebSocketClient's sessions this long at most when a supervisor is closed. */
    private static final long STOP_TIMEOUT_MS = 2_000;

    private WebSockets() {
    }

    private static boolean secure(URI u) {
        return u != null && ("wss".equalsIgnoreCase(u.getScheme()) || "https".equalsIgnoreCase(u.getScheme()));
    }

    /** A client for ws:// and wss:// (and http/https REST through its {@link HttpClient}). */
    public static WebSocketClient newClient() {
        return newClient(true);
    }

    /**
     * As {@link #newClient()}; without {@code tls} the client can only reach ws:// and http:// URLs, and in exchange
     * it does not set up TLS when it starts. That set-up loads the trust store and a few hundred JSSE classes: about
     * a quarter of a second of CPU on a small machine, in the middle of the desktop app's start-up.
     *
     * <p>Redirects are never followed: a feed that answers the upgrade (or a REST call) with a redirect could send
     * the client to another host, another port or plain text while the user believes it is on the URL they chose.
     */
    public static WebSocketClient newClient(boolean tls) {
        return newClient(tls, null);
    }

    /**
     * A client for {@code config}'s feed and the other {@code endpoints} it uses (a provider's REST base): set up for
     * TLS when any of them is {@code wss://} or {@code https://}, trusting {@code config.trust()} if given.
     */
    public static WebSocketClient newClient(FeedClientConfig config, URI... endpoints) {
        boolean tls = secure(config.server());
        for (URI u : endpoints) {
            tls |= secure(u);
        }
        return newClient(tls, config.trust());
    }

    /**
     * As {@link #newClient(boolean)}, trusting only {@code trust}'s certificates when it is not null (host names are
     * checked either way).
     */
    public static WebSocketClient newClient(boolean tls, TrustedCertificates trust) {
        HttpClient http;
        if (!tls) {
            http = new HttpClient(new HttpClientTransportOverHTTP(new PlainClientConnector()));
        } else if (trust == null) {
            http = new HttpClient();
        } else {
            SslContextFactory.Client ssl = new SslContextFactory.Client();
            ssl.setEndpointIdentificationAlgorithm("HTTPS");
            ssl.setTrustStore(trust.trustStore());
            ClientConnector connector = new ClientConnector();
            connector.setSslContextFactory(ssl);
            http = new HttpClient(new HttpClientTransportOverHTTP(connector));
        }
        http.setFollowRedirects(false);
        WebSocketClient client = new WebSocketClient(http);
        client.setMaxTextMessageSize(Protocol.MAX_SERVER_FRAME_BYTES);
        client.setMaxFrameSize(Protocol.MAX_SERVER_FRAME_BYTES);
        client.setStopTimeout(STOP_TIMEOUT_MS);
        // Our own stall detection ends dead connections long before this; it only guards a client nobody reads.
        client.setIdleTimeout(Duration.ofMinutes(5));
        client.setStopAtShutdown(false);
        return client;
    }
}
