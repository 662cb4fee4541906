package io.stockmonitor.simulator;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.util.IteratingCallback;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * One connection's outgoing frames: a bounded FIFO with at most one non-blocking send in flight. Frames are
 * shared Strings (a tick is serialized once for all subscribers). When the queue would exceed its bound the
 * consumer is too slow: {@link #offer} returns false and the queue stops accepting frames.
 *
 * <p>Callers that must order a frame with other state (seqs announced in heartbeats) hold {@link #lock()}.
 */
final class SendQueue extends IteratingCallback {
    private static final int INITIAL_CAPACITY = 64;

    private final Object lock = new Object();
    private final Session session;
    private final int limit;
    private final TrafficGate gate;
    private final Callback writeCallback = Callback.from(this::succeeded, this::failed);

    private String[] frames = new String[INITIAL_CAPACITY];
    private long[] enqueuedNanos = new long[INITIAL_CAPACITY];
    private int head;
    private int size;
    private boolean closed;
    private boolean overflowed;
    private boolean wakeScheduled;

    SendQueue(Session session, int limit, TrafficGate gate) {
        this.session = session;
        this.limit = limit;
        this.gate = gate;
    }

    Object lock() {
        return lock;
    }

    /** Queues a frame and starts sending if idle; false when closed or when the bound overflowed (now closed). */
    boolean offer(String frame) {
        boolean queued = enqueue(frame);
        if (queued) {
            iterate();
        }
        return queued;
    }

    /**
     * Queues a frame without starting a send, for callers holding {@link #lock()}: they call {@link #iterate()}
     * after letting go of it, so Jetty never runs a write (and its failure callbacks) under that lock.
     */
    boolean enqueue(String frame) {
        synchronized (lock) {
            if (closed) {
                return false;
            }
            if (size == limit) {
                overflowed = true;
                closeQueue();
                return false;
            }
            if (size == frames.length) {
                grow();
            }
            int slot = (head + size) % frames.length;
            frames[slot] = frame;
            enqueuedNanos[slot] = System.nanoTime();
            size++;
        }
        return true;
    }

    /** Stops accepting frames and drops the queued ones. */
    void closeQueue() {
        synchronized (lock) {
            closed = true;
            Arrays.fill(frames, null);
            size = 0;
        }
    }

    boolean isQueueClosed() {
        synchronized (lock) {
            return closed;
        }
    }

    /** True once the bound was exceeded (the consumer was too slow). */
    boolean overflowed() {
        synchronized (lock) {
            return overflowed;
        }
    }

    int size() {
        synchronized (lock) {
            return size;
        }
    }

    private void grow() {
        int capacity = (int) Math.min((long) limit, frames.length * 2L);
        String[] f = new String[capacity];
        long[] t = new long[capacity];
        for (int i = 0; i < size; i++) {
            int from = (head + i) % frames.length;
            f[i] = frames[from];
            t[i] = enqueuedNanos[from];
        }
        frames = f;
        enqueuedNanos = t;
        head = 0;
    }

    @Override
    protected Action process() {
        String frame;
        synchronized (lock) {
            if (closed || size == 0) {
                return Action.IDLE;
            }
            long now = System.nanoTime();
            long wait = gate.holdNanos(enqueuedNanos[head], now);
            if (wait > 0) {
                if (!wakeScheduled) {
                    wakeScheduled = true;
                    gate.schedule(this::wake, wait, TimeUnit.NANOSECONDS);
                }
                return Action.IDLE;
            }
            frame = frames[head];
            frames[head] = null;
            head = (head + 1) % frames.length;
            size--;
        }
        session.sendText(frame, writeCallback);
        return Action.SCHEDULED;
    }

    private void wake() {
        synchronized (lock) {
            wakeScheduled = false;
        }
        iterate();
    }

    @Override
    protected void onCompleteFailure(Throwable cause) {
        closeQueue();
    }
}
