package io.stockmonitor.ui;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Hands connection events from the feed thread to the frame loop. Bounded: in an event storm the newest events
 * beyond {@link #CAPACITY} are dropped and counted — harmless, because the frame loop also polls the current
 * connection state every frame; the queue only carries the moments (drops, resumes, rejections) in between.
 */
public final class LinkEventQueue implements Consumer<LinkEvent> {
    /** Enough for a reconnect that resumes every symbol of a large watchlist within one frame. */
    public static final int CAPACITY = 4_096;

    private final ArrayBlockingQueue<LinkEvent> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final AtomicLong dropped = new AtomicLong();

    /** Any thread; never blocks. */
    @Override
    public void accept(LinkEvent event) {
        if (!queue.offer(event)) {
            dropped.incrementAndGet();
        }
    }

    /** Frame loop: hands every queued event to the consumer, in order. */
    public void drainTo(Consumer<LinkEvent> consumer) {
        LinkEvent event;
        while ((event = queue.poll()) != null) {
            consumer.accept(event);
        }
    }

    public long dropped() {
        return dropped.get();
    }
}
