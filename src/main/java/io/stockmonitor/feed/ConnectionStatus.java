package io.stockmonitor.feed;

/**
 * One state of the connection, immutable; a new instance per transition.
 *
 * @param state the state
 * @param attempt reconnect attempt number (0 when CONNECTED or on the first connection)
 * @param nextRetryAtMs epoch ms of the next try while RECONNECTING, else 0
 * @param server URL shown to the user (never the token)
 * @param detail human reason, e.g. "HTTP 401 unauthorized", "stalled: no frame for 3000 ms"
 * @param sinceMs epoch ms when this state was entered
 */
public record ConnectionStatus(ConnectionState state, int attempt, long nextRetryAtMs, String server, String detail,
                               long sinceMs) {
}
