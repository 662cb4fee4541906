package io.stockmonitor.ui;

/**
 * One connection state as the status bar shows it.
 *
 * @param attempt reconnect attempt number (0 when connected)
 * @param nextRetryAtMs epoch ms of the next try while reconnecting, else 0
 * @param server what to show as the server (never the token)
 * @param detail a short human reason, or empty
 */
public record ConnectionInfo(LinkState state, int attempt, long nextRetryAtMs, String server, String detail) {
    public ConnectionInfo {
        server = server == null ? "" : server;
        detail = detail == null ? "" : detail;
    }

    public static ConnectionInfo connecting(String server) {
        return new ConnectionInfo(LinkState.CONNECTING, 0, 0, server, "");
    }
}
