package io.stockmonitor.simulator;

import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;

/**
 * HTTP/1.1 connections with a deadline: one that has not become a WebSocket {@code deadlineMillis} after it opened
 * is closed. The connector's idle timeout alone lets a client that sends one header byte every few seconds hold a
 * connection (and a thread's worth of buffers) for hours; every honest request here (an upgrade, an admin call, a
 * refused upgrade) is done in well under a second. A connection that did upgrade is a WebSocket by then and is
 * left alone: it has its own idle timeout.
 */
final class HttpPhaseDeadline extends HttpConnectionFactory {
    private final long deadlineMillis;

    HttpPhaseDeadline(HttpConfiguration config, long deadlineMillis) {
        super(config);
        this.deadlineMillis = deadlineMillis;
    }

    @Override
    public Connection newConnection(Connector connector, EndPoint endPoint) {
        Connection http = super.newConnection(connector, endPoint);
        connector.getScheduler().schedule(() -> {
            if (endPoint.isOpen() && endPoint.getConnection() == http) {
                endPoint.close();
            }
        }, deadlineMillis, TimeUnit.MILLISECONDS);
        return http;
    }
}
