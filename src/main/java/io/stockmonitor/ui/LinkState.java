package io.stockmonitor.ui;

/** The connection's state as the window shows it (mirrors the feed client's states, plus the time before one). */
public enum LinkState {
    CONNECTING, CONNECTED, RECONNECTING, FAILED, CLOSED;

    /** Maps a state by name (the feed client's enum uses the same names); unknown names read as CONNECTING. */
    public static LinkState of(String name) {
        for (LinkState s : values()) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        return CONNECTING;
    }
}
