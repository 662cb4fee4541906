package io.stockmonitor.soak;

/** The faults of a chaos soak (docs/RELIABILITY.md says what each does), and how often each is drawn. */
enum Fault {
    /** The proxy resets every connection on a path (TCP RST both ways). */
    PROXY_RESET(14),
    /** A path swallows every byte both ways while sockets stay open, 0.5 s to the longest fault. */
    BLACK_HOLE(7),
    /** A path carries 2 to 20 KB/s each way for 0.5 s to the longest fault. */
    THROTTLE(7),
    /** A path is down (connections reset, new ones refused) for longer than the server's resume history. */
    LONG_OUTAGE(1),
    /** The simulator drops every connection (TCP close, no close frame). */
    SIM_DROP(8),
    /** The simulator sends nothing, heartbeats included, for 0.5 s to the longest fault. */
    SILENCE(6),
    /** The simulator forgets its history and starts a new epoch, dropping every connection. */
    NEW_EPOCH(2),
    /** The simulator sends a symbol's next tick twice. */
    DUPLICATE(12),
    /** The simulator sends a symbol's next two ticks in swapped order. */
    SWAP(12),
    /** The simulator delays every frame by 20 to 400 ms, for 0.5 s to the longest fault. */
    DELAY(6),
    /** A hostile relay slips a bad frame into one connection (a {@code HostileFrame}, drawn uniformly). */
    HOSTILE_FRAME(25);

    final int weight;

    Fault(int weight) {
        this.weight = weight;
    }
}
