package io.stockmonitor.cluster;

/**
 * Every bound and every period of the shared history, in one place. What a peer (Redis, or another server through
 * it) can make a server hold is bounded here: a read takes at most {@link #READ_BATCH} entries per stream, an entry
 * at most {@link #MAX_ENTRY_FIELDS} fields, and a stream at most the feed's history ticks (XADD's MAXLEN).
 */
public final class ClusterLimits {
    /** A producer that stops renewing loses the lease this long after its last renewal: the failover time's base. */
    public static final long LEASE_TTL_MS = 2_000;
    /** How often the producer renews its lease, and how often the others try to take it. */
    public static final long LEASE_RENEW_MS = 400;
    /** Entries one read takes per stream; a server behind by more reads again at once. */
    public static final int READ_BATCH = 1_000;
    /** How long a read waits for new entries (XREAD BLOCK). */
    public static final int READ_BLOCK_MS = 500;
    /** A server whose reads have not come back caught up for this long is not serving (health 503). */
    public static final long CAUGHT_UP_WITHIN_MS = 2_000;
    /**
     * A server cut off from the shared history for this long closes its clients (1013), so that the load balancer
     * sends them to a server that has it; they resume there exactly.
     */
    public static final long DETACHED_AFTER_MS = 3_000;
    /** Connect and socket timeouts of a Redis connection (a blocking read adds its block time). */
    public static final int CONNECT_TIMEOUT_MS = 2_000;
    public static final int SOCKET_TIMEOUT_MS = 2_000;
    /** First and longest wait between attempts to reach Redis again. */
    public static final long RETRY_FIRST_MS = 100;
    public static final long RETRY_CAP_MS = 2_000;
    /** Most fields an entry may have to be read (a tick has about 15). */
    public static final int MAX_ENTRY_FIELDS = 32;
    /** Longest field value read (numbers and short words). */
    public static final int MAX_FIELD_CHARS = 64;

    private ClusterLimits() {
    }
}
