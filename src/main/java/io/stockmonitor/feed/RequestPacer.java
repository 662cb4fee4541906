package io.stockmonitor.feed;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Keeps one connection's requests under the server's request rate limit (our protocol's
 * {@link io.stockmonitor.protocol.Protocol#MAX_REQUESTS_PER_SECOND}, a provider's documented limit): requests over
 * the budget wait for the next one-second window instead of being dropped, or punished, by the server.
 *
 * <p>Written by hand because it is a dozen lines tied to the feed thread's scheduler; a general rate-limiter
 * library would add a dependency and a thread model for no gain. Feed thread only. The queue is bounded in
 * practice: each symbol has at most one subscribe/unsubscribe/resync in flight, plus the periodic ping.
 *
 * @param <T> what is paced (a frame and where it goes)
 */
final class RequestPacer<T> {
    private static final long WINDOW_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final int perWindow;
    private final ArrayDeque<T> waiting = new ArrayDeque<>();
    private long windowStart;
    private int sentInWindow;
    private boolean started;

    RequestPacer(int perSecond) {
        if (perSecond < 1) {
            throw new IllegalArgumentException("perSecond must be positive: " + perSecond);
        }
        this.perWindow = perSecond;
    }

    void offer(T request) {
        waiting.add(request);
    }

    /**
     * Sends what the budget allows at {@code nowNanos}, oldest first.
     *
     * @return nanoseconds until more can be sent, or -1 when nothing is waiting
     */
    long drain(long nowNanos, Consumer<T> sender) {
        if (!started || nowNanos - windowStart >= WINDOW_NANOS) {
            started = true;
            windowStart = nowNanos;
            sentInWindow = 0;
        }
        while (!waiting.isEmpty() && sentInWindow < perWindow) {
            sender.accept(waiting.poll());
            sentInWindow++;
        }
        return waiting.isEmpty() ? -1 : Math.max(0, windowStart + WINDOW_NANOS - nowNanos);
    }

    /** The connection is gone: its pending requests mean nothing to the next one. */
    void clear() {
        waiting.clear();
    }

    int waiting() {
        return waiting.size();
    }
}
