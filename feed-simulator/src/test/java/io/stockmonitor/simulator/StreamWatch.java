package io.stockmonitor.simulator;

import io.stockmonitor.protocol.Message;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A well-behaved client that watches one symbol's stream while others misbehave: every tick must be the next seq,
 * none may be missing, and ticks must keep coming (the longest wait between two is kept).
 */
final class StreamWatch implements AutoCloseable {
    private final FeedTestClient client;
    private final Thread reader;
    private final AtomicLong lastSeq = new AtomicLong();
    private volatile String broken;
    private volatile long lastTickNanos = System.nanoTime();
    private volatile long longestWaitNanos;
    private volatile boolean closing;

    private StreamWatch(FeedTestClient client, long snapshotSeq) {
        this.client = client;
        lastSeq.set(snapshotSeq);
        reader = new Thread(this::read, "stream-watch");
        reader.setDaemon(true);
        reader.start();
    }

    static StreamWatch start(EmbeddedSimulator sim, String symbol) throws Exception {
        FeedTestClient c = FeedTestClient.connect(sim.uri());
        c.next(Message.Welcome.class);
        c.send(new Message.Subscribe(1, List.of(symbol), null));
        c.next(Message.Subscribed.class);
        return new StreamWatch(c, c.next(Message.Snapshot.class).seq());
    }

    private void read() {
        while (!closing && broken == null) {
            Message m;
            try {
                m = client.frames.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (m instanceof Message.Tick t) {
                long now = System.nanoTime();
                longestWaitNanos = Math.max(longestWaitNanos, now - lastTickNanos);
                lastTickNanos = now;
                if (t.seq() != lastSeq.get() + 1) {
                    broken = "tick seq " + t.seq() + " after " + lastSeq.get();
                }
                lastSeq.set(t.seq());
            }
            if (client.closeCode.isDone()) {
                broken = "the well-behaved client was closed: " + client.closeCode.getNow(null);
            }
        }
    }

    /** Null while the stream is whole and flowing, else what went wrong. */
    String problem(long maxWaitMs) {
        if (broken != null) {
            return broken;
        }
        long wait = Math.max(longestWaitNanos, System.nanoTime() - lastTickNanos);
        return wait > TimeUnit.MILLISECONDS.toNanos(maxWaitMs)
                ? "no tick for " + TimeUnit.NANOSECONDS.toMillis(wait) + " ms" : null;
    }

    long lastSeq() {
        return lastSeq.get();
    }

    @Override
    public void close() throws InterruptedException {
        closing = true;
        reader.join(2_000);
        client.close();
    }
}
