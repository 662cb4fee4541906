package io.stockmonitor.simulator;

import io.stockmonitor.fuzz.FuzzFrame;
import io.stockmonitor.fuzz.ProtocolFrames;
import io.stockmonitor.protocol.Message;
import io.stockmonitor.protocol.MessageCodec;
import io.stockmonitor.protocol.ProtocolException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A real WebSocket client for request fuzzing: sends one frame, then a ping, and returns every frame the server sent
 * until that ping's pong (replies come in order, so everything the frame caused is in there). Paced below the
 * server's request limit, so a refusal is about the frame, never about the rate; reconnects after a close.
 */
final class PacedFuzzClient implements AutoCloseable {
    /** Two requests per case at most 40 a second: under the limit of 50 whatever the window's phase. */
    private static final long REQUEST_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(26);
    static final long REPLY_DEADLINE_MS = 10_000;
    private static final MessageCodec CODEC = new MessageCodec();

    /** What the server did with one frame. */
    record Outcome(List<Message> replies, int closeCode, String problem) {
        static Outcome failed(String problem) {
            return new Outcome(List.of(), -1, problem);
        }
    }

    private final URI uri;
    private FeedTestClient client;
    private long nextSendNanos = System.nanoTime();

    PacedFuzzClient(URI uri) throws Exception {
        this.uri = uri;
        reconnect();
    }

    private void reconnect() throws Exception {
        if (client != null) {
            client.close();
        }
        client = FeedTestClient.connect(uri);
        client.next(Message.Welcome.class);
    }

    /** Sends {@code frame} then a ping with {@code pingId}, and reads up to its pong, a close, or the deadline. */
    Outcome exchange(FuzzFrame frame, long pingId) throws Exception {
        client.rawFrames.clear();
        pace();
        if (frame.binary()) {
            client.session().sendBinary(ByteBuffer.wrap(frame.text().getBytes(StandardCharsets.UTF_8)),
                    org.eclipse.jetty.websocket.api.Callback.NOOP);
        } else {
            client.send(frame.text());
        }
        pace();
        client.send(ProtocolFrames.ping(pingId).render());
        List<Message> replies = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(REPLY_DEADLINE_MS);
        while (System.nanoTime() - deadline < 0) {
            String raw = client.rawFrames.poll(50, TimeUnit.MILLISECONDS);
            if (raw == null) {
                if (client.closeCode.isDone()) {
                    int code = client.closeCode.get();
                    reconnect();
                    return new Outcome(replies, code, null);
                }
                continue;
            }
            Message m;
            try {
                m = CODEC.decode(raw);
            } catch (ProtocolException e) {
                return Outcome.failed("the server sent a frame that is not protocol v1: " + raw);
            }
            if (m instanceof Message.Pong p && p.id() == pingId) {
                return new Outcome(replies, 0, null);
            }
            if (m instanceof Message.Error || m instanceof Message.Subscribed || m instanceof Message.Unsubscribed
                    || m instanceof Message.Pong) {
                replies.add(m);
            }
        }
        return Outcome.failed("no pong within " + REPLY_DEADLINE_MS + " ms after the frame: the connection hangs");
    }

    private void pace() {
        long wait = nextSendNanos - System.nanoTime();
        if (wait > 0) {
            LockSupport.parkNanos(wait);
        }
        nextSendNanos = Math.max(System.nanoTime(), nextSendNanos) + REQUEST_INTERVAL_NANOS;
    }

    @Override
    public void close() {
        client.close();
    }
}
