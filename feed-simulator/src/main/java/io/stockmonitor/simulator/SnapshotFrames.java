package io.stockmonitor.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.stockmonitor.protocol.Message;
import io.stockmonitor.protocol.MessageCodec;
import java.nio.ByteBuffer;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

/**
 * Serializes snapshots on one thread for the whole simulator. A snapshot (an hour of 1 s bars, about 170 KB) takes
 * about 2 ms to write; clients that subscribe to many symbols at once, or re-subscribe in a loop, would otherwise
 * keep every core busy with it and delay the live ticks of everyone else. One thread bounds that work to one core;
 * the per-connection catch-up budget decides how much of it one client may ask for. Connections take turns, one
 * snapshot each, so one that asked for hundreds does not hold up one that asked for a few.
 */
final class SnapshotFrames {
    /** Bytes per bar of a snapshot as written (about 48), rounded up, and room for the rest of the frame. */
    private static final long BYTES_PER_BAR = 50;
    private static final long FRAME_OVERHEAD = 512;

    private final ObjectWriter writer;
    private final ExecutorService thread;

    SnapshotFrames(MessageCodec codec, InternalFailure failure) {
        this.writer = codec.mapper().writerFor(Message.class);
        this.thread = Executors.newSingleThreadExecutor(failure.threads("feed-simulator-snapshots"));
    }

    /** What a snapshot counts against the bounds before it is written. */
    static long estimatedBytes(Message.Snapshot snapshot) {
        return FRAME_OVERHEAD + BYTES_PER_BAR * (snapshot.bars() == null ? 0 : snapshot.bars().size());
    }

    /** What writes {@code snapshot} as a frame (on the snapshot thread, via {@link SendQueue#reserve}). */
    Supplier<ByteBuffer> writer(Message.Snapshot snapshot) {
        return () -> {
            try {
                return ByteBuffer.wrap(writer.writeValueAsBytes(snapshot));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write a snapshot", e);
            }
        };
    }

    /** What completes and writes a v2 history page as a frame (on the snapshot thread). */
    Supplier<ByteBuffer> writer(HistoryPage page) {
        return () -> {
            try {
                return ByteBuffer.wrap(writer.writeValueAsBytes(page.complete()));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write a history page", e);
            }
        };
    }

    /** Runs {@code task} on the snapshot thread, after those already waiting. */
    void submit(Runnable task) {
        try {
            thread.execute(task);
        } catch (RejectedExecutionException shuttingDown) {
            // The simulator is stopping; the connections go with it.
        }
    }

    void shutdown() {
        thread.shutdownNow();
    }
}
