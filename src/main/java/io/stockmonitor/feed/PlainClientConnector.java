package io.stockmonitor.feed;

import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * A Jetty {@link ClientConnector} for plain ws:// connections only: it has no TLS context, so starting it does not
 * load the trust store (Jetty's default connector always makes and starts one). A wss:// URL cannot be reached
 * through it; {@link WebSockets} uses it only for clients that need no TLS.
 */
final class PlainClientConnector extends ClientConnector {
    @Override
    protected SslContextFactory.Client newSslContextFactory() {
        return null;
    }
}
