package io.stockmonitor.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Why a symbol's state was replaced by a snapshot instead of a replay. The first four are sent by the server in
 * {@code subscribed.reason}; {@link #GAP} is the client's own reason, written to the record file when it had to
 * resync after seeing a sequence jump.
 */
public enum ResyncReason {
    /** First subscription of the symbol on this connection, with no resume position. */
    NEW("new"),
    /** The resume position names an epoch the server no longer has. */
    EPOCH_CHANGED("epoch_changed"),
    /** The resume position is older than the retained history. */
    TOO_OLD("too_old"),
    /** The resume position is ahead of the server's latest seq. */
    AHEAD("ahead"),
    /** The client saw a gap while connected and asked to resync. */
    GAP("gap");

    private final String wire;

    ResyncReason(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    @JsonCreator
    public static ResyncReason fromWire(String wire) {
        for (ResyncReason reason : values()) {
            if (reason.wire.equals(wire)) {
                return reason;
            }
        }
        throw new IllegalArgumentException("unknown reason: " + wire);
    }
}
