package io.stockmonitor.simulator;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.function.Supplier;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.IteratingCallback;
import org.eclipse.jetty.websocket.common.WebSocketSession;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;

/**
 * One connection's outgoing frames: a FIFO bounded in frames and in bytes (its own bound and its share of the
 * server-wide {@link SendBudget}), with at most one non-blocking write in flight. Bytes count until their write
 * completes, not until they are handed to Jetty, so a client that stops reading is charged for what is stuck in
 * its socket's batch too. Frames are
 * shared UTF-8 buffers (a tick is serialized once for all subscribers; each send takes a duplicate view). A write
 * takes every frame queued so far (up to {@link #MAX_BATCH}) as WebSocket frames batched into one flush, so a
 * connection that falls behind catches up with fewer, larger writes. When the queue would exceed a bound the
 * consumer is too slow: {@link #offer} returns false and the queue stops accepting frames.
 *
 * <p>Callers that must order a frame with other state (seqs announced in heartbeats) hold {@link #lock()}.
 */
final class SendQueue extends IteratingCallback {
    private static final int INITIAL_CAPACITY = 64;
    /** Holds a frame's place until {@link #fill} puts it there; sending stops at it. Compared by identity. */
    private static final ByteBuffer PENDING = ByteBuffer.allocate(0);
    /** Most frames handed to Jetty in one flush. */
    static final int MAX_BATCH = 64;

    private final Object lock = new Object();
    private final CoreSession session;
    private final int limit;
    private final TrafficGate gate;
    private final Executor senders;
    private final ByteBuffer[] batch = new ByteBuffer[MAX_BATCH];

    private ByteBuffer[] frames = new ByteBuffer[INITIAL_CAPACITY];
    private long[] enqueuedNanos = new long[INITIAL_CAPACITY];
    private int head;
    private int size;
    /** How many frames have left the queue since it was made: the ticket of the frame at {@code head}. */
    private long headTicket;
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private boolean pendingScheduled;
    /** Bytes queued plus bytes handed to Jetty whose write has not completed. */
    private long bytes;
    private long inFlightBytes;
    /** When the batch now in flight was handed to Jetty; its write not completing means the client is not reading. */
    private long inFlightSinceNanos;
    private final long byteLimit;
    private final SendBudget budget;
    private final InternalFailure failure;
    /** Every byte ever queued: a subscribe's catch-up cost is the difference across it. */
    private long bytesQueuedEver;
    private boolean closed;
    private boolean overflowed;
    private boolean wakeScheduled;
    private boolean sendRequested;
    /** Set by {@link #closeAfterDrain}: no new frames; the close frame follows the last queued one. */
    private boolean draining;
    private int drainCloseCode;
    private String drainCloseReason;

    SendQueue(org.eclipse.jetty.websocket.api.Session session, int limit, long byteLimit, SendBudget budget,
              TrafficGate gate, Executor senders, InternalFailure failure) {
        this.failure = failure;
        this.byteLimit = byteLimit;
        this.budget = budget;
        // The core session lets frames be batched into one write; the API session can only send them one by one.
        this.session = ((WebSocketSession) session).getCoreSession();
        this.limit = limit;
        this.gate = gate;
        this.senders = senders;
    }

    Object lock() {
        return lock;
    }

    /** Queues a frame and starts sending if idle; false when closed or when the bound overflowed (now closed). */
    boolean offer(ByteBuffer frame) {
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
    boolean enqueue(ByteBuffer frame) {
        synchronized (lock) {
            if (closed || draining) {
                return false;
            }
            int length = frame.remaining();
            if (size == limit || bytes + length > byteLimit || !budget.tryTake(bytes, length)) {
                overflowed = true;
                closeQueue();
                return false;
            }
            if (size == frames.length) {
                grow();
            }
            int slot = (head + size) % frames.length;
            bytes += length;
            bytesQueuedEver += length;
            frames[slot] = frame;
            enqueuedNanos[slot] = System.nanoTime();
            size++;
        }
        return true;
    }

    /**
     * Keeps the next place in the queue for a frame that {@code writer} makes later, on the snapshot thread and
     * outside the caller's locks (a snapshot of a few hundred KB must not hold the symbol's lock). Frames queued
     * after it wait for it. {@code estimatedBytes} counts against the bounds until the real frame is there. False
     * when the queue is closed or a bound is passed (then as {@link #enqueue}). Call
     * {@link #requestPendingWrites} after letting go of the caller's locks.
     */
    boolean reserve(long estimatedBytes, Supplier<ByteBuffer> writer) {
        synchronized (lock) {
            if (closed || draining) {
                return false;
            }
            if (size == limit || bytes + estimatedBytes > byteLimit || !budget.tryTake(bytes, estimatedBytes)) {
                overflowed = true;
                closeQueue();
                return false;
            }
            if (size == frames.length) {
                grow();
            }
            int slot = (head + size) % frames.length;
            frames[slot] = PENDING;
            enqueuedNanos[slot] = System.nanoTime();
            bytes += estimatedBytes;
            bytesQueuedEver += estimatedBytes;
            size++;
            pending.add(new Pending(headTicket + size - 1, estimatedBytes, writer));
            return true;
        }
    }

    /**
     * Has {@code frames}' thread write this queue's pending frames, one per turn, so that connections with many take
     * turns with those with few. Pending frames are held here, not in that thread's queue, so a closed connection's
     * are dropped with it.
     */
    void requestPendingWrites(SnapshotFrames writerThread) {
        synchronized (lock) {
            if (pendingScheduled || pending.isEmpty() || closed) {
                return;
            }
            pendingScheduled = true;
        }
        writerThread.submit(() -> writeOnePending(writerThread));
    }

    private void writeOnePending(SnapshotFrames writerThread) {
        Pending p;
        synchronized (lock) {
            p = closed ? null : pending.poll();
            if (p == null) {
                pendingScheduled = false;
                return;
            }
        }
        fill(p, p.writer().get());
        synchronized (lock) {
            if (closed || pending.isEmpty()) {
                pendingScheduled = false;
                return;
            }
        }
        writerThread.submit(() -> writeOnePending(writerThread));
    }

    /** Puts the written frame in the place {@code p} kept; a frame over a bound closes the queue as overflowed. */
    private void fill(Pending p, ByteBuffer frame) {
        synchronized (lock) {
            if (closed) {
                return;
            }
            long index = p.ticket() - headTicket;
            if (index < 0 || index >= size) {
                throw new IllegalStateException("no kept place " + p.ticket());
            }
            int slot = (int) ((head + index) % frames.length);
            long more = frame.remaining() - p.estimate();
            if (more > 0 && (bytes + more > byteLimit || !budget.tryTake(bytes, more))) {
                overflowed = true;
                closeQueue();
                return;
            }
            if (more < 0) {
                budget.give(-more);
            }
            bytes += more;
            bytesQueuedEver += more;
            frames[slot] = frame;
        }
        iterate();
    }

    /** A frame whose place is kept in the queue: its ticket, what it counts until written, and what writes it. */
    private record Pending(long ticket, long estimate, Supplier<ByteBuffer> writer) {
    }

    /** Stops accepting frames and drops the queued ones. */
    void closeQueue() {
        synchronized (lock) {
            closed = true;
            pending.clear();
            Arrays.fill(frames, null);
            size = 0;
            budget.give(bytes);
            bytes = 0;
            inFlightBytes = 0;
        }
    }

    /**
     * Stops accepting frames, sends the ones already queued and then closes the connection with {@code code}, so
     * a frame queued just before (the error that explains the close) is not lost. A consumer that does not take
     * them within {@code graceMillis} is closed at once without them. Later calls do nothing.
     */
    void closeAfterDrain(int code, String reason, long graceMillis) {
        synchronized (lock) {
            if (closed || draining) {
                return;
            }
            draining = true;
            drainCloseCode = code;
            drainCloseReason = reason;
        }
        gate.schedule(this::closeDrainingNow, graceMillis, TimeUnit.MILLISECONDS);
        iterate();
    }

    private void closeDrainingNow() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closeQueue();
        }
        session.close(drainCloseCode, drainCloseReason, Callback.NOOP);
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

    /** True when a write has been pending for longer than {@code nanos}: the client has stopped reading. */
    boolean stalledLongerThan(long nanos, long nowNanos) {
        synchronized (lock) {
            return !closed && inFlightBytes > 0 && nowNanos - inFlightSinceNanos > nanos;
        }
    }

    /** Closes the queue as overflowed: the consumer is too slow by another measure (a stalled write). */
    void failSlow() {
        synchronized (lock) {
            if (!closed) {
                overflowed = true;
                closeQueue();
            }
        }
    }

    /** Bytes queued plus those handed to Jetty whose write has not completed. */
    long bytes() {
        synchronized (lock) {
            return bytes;
        }
    }

    long bytesQueuedEver() {
        synchronized (lock) {
            return bytesQueuedEver;
        }
    }

    /**
     * Starts sending on a sender thread (at most one request outstanding), so the publisher only queues: frames
     * that arrive while a request waits go out in the same batch.
     */
    void requestSend() {
        synchronized (lock) {
            if (sendRequested || closed) {
                return;
            }
            sendRequested = true;
        }
        try {
            senders.execute(this::runSend);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            closeQueue();
        }
    }

    private void runSend() {
        synchronized (lock) {
            sendRequested = false;
        }
        iterate();
    }

    private void grow() {
        int capacity = (int) Math.min((long) limit, frames.length * 2L);
        ByteBuffer[] f = new ByteBuffer[capacity];
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
        int n = 0;
        boolean drainedForClose;
        synchronized (lock) {
            if (closed) {
                return Action.IDLE;
            }
            // process() runs again only once the previous batch's write completed: its bytes are gone.
            bytes -= inFlightBytes;
            budget.give(inFlightBytes);
            inFlightBytes = 0;
            long now = System.nanoTime();
            inFlightSinceNanos = now;
            while (size > 0 && n < MAX_BATCH && frames[head] != PENDING) {
                long wait = gate.holdNanos(enqueuedNanos[head], now);
                if (wait > 0) {
                    if (!wakeScheduled) {
                        wakeScheduled = true;
                        gate.schedule(this::wake, wait, TimeUnit.NANOSECONDS);
                    }
                    break;
                }
                batch[n++] = frames[head];
                inFlightBytes += frames[head].remaining();
                frames[head] = null;
                head = (head + 1) % frames.length;
                headTicket++;
                size--;
            }
            drainedForClose = n == 0 && draining && size == 0;
        }
        if (n == 0) {
            if (drainedForClose) {
                closeDrainingNow();
            }
            return Action.IDLE;
        }
        for (int i = 0; i < n; i++) {
            session.sendFrame(new Frame(OpCode.TEXT, true, batch[i].duplicate()), Callback.NOOP, true);
            batch[i] = null;
        }
        session.flush(this);
        return Action.SCHEDULED;
    }

    private void wake() {
        synchronized (lock) {
            wakeScheduled = false;
        }
        iterate();
    }

    /**
     * A write failed (the peer went away) or sending threw. The connection is dropped either way, so it is never
     * left open with nothing flowing; an Error (say OutOfMemoryError) is fatal for the simulator. Only an Error:
     * Jetty fails the writes of a connection closed under permessage-deflate with a plain Throwable ("Closed",
     * its WebSocketFlusher's sentinel), which is the peer going away like any other.
     */
    @Override
    protected void onCompleteFailure(Throwable cause) {
        closeQueue();
        if (cause instanceof Error) {
            failure.report("sender", cause);
        }
        gate.schedule(session::abort, 0, TimeUnit.NANOSECONDS);
    }
}
