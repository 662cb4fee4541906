package io.stockmonitor.feed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stockmonitor.feed.testing.ScriptedFeedServer;
import io.stockmonitor.fuzz.FrameMutator;
import io.stockmonitor.fuzz.FuzzFrame;
import io.stockmonitor.fuzz.JsonDraft;
import io.stockmonitor.fuzz.ProtocolFrames;
import io.stockmonitor.protocol.Protocol;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One test case's hostile server, made up front from a random source: a welcome and first snapshots (mostly valid),
 * then, after the client's first subscribe, a body of frames of every kind (ticks in sequence, heartbeats, pongs,
 * errors, replies nobody asked for, a second welcome, client requests, garbage), a third of them mutated. Later
 * subscribes (resyncs) get a valid snapshot; pings their pong. Everything sent is kept, to judge what the client did.
 */
final class HostileScript {
    static final String EPOCH = "e1";
    static final List<String> SYMBOLS = List.of("AAPL", "MSFT");
    private static final ProtocolFrames FRAMES = new ProtocolFrames(SYMBOLS);
    private static final FrameMutator MUTATOR = new FrameMutator(ProtocolFrames.TYPES,
            Protocol.MAX_SERVER_FRAME_BYTES);
    private static final ObjectMapper JSON = new ObjectMapper();

    final String welcome;
    final Map<String, String> firstSnapshots;
    final List<String> body;
    private final List<String> sent = new CopyOnWriteArrayList<>();
    private final AtomicBoolean bodyGiven = new AtomicBoolean();
    private final AtomicLong resyncSeq = new AtomicLong(1_000_000);
    private final long nowMs;

    private HostileScript(String welcome, Map<String, String> firstSnapshots, List<String> body, long nowMs) {
        this.welcome = welcome;
        this.firstSnapshots = firstSnapshots;
        this.body = List.copyOf(body);
        this.nowMs = nowMs;
    }

    static HostileScript generate(SplittableRandom r, long nowMs) {
        String welcome = maybeMutated(r, FRAMES.welcome(EPOCH, 500), 10);
        Map<String, String> snapshots = new HashMap<>();
        Map<String, Long> next = new HashMap<>();
        for (String s : SYMBOLS) {
            long seq = r.nextLong(0, 1_000);
            snapshots.put(s, maybeMutated(r, ProtocolFrames.snapshot(r, s, EPOCH, seq, r.nextLong(100, 100_000), nowMs),
                    10));
            next.put(s, seq + 1);
        }
        List<String> body = new ArrayList<>();
        for (int i = 10 + r.nextInt(30); i > 0; i--) {
            body.add(maybeMutated(r, bodyFrame(r, next, nowMs), 35));
        }
        return new HostileScript(welcome, snapshots, body, nowMs);
    }

    private static JsonDraft.Obj bodyFrame(SplittableRandom r, Map<String, Long> next, long nowMs) {
        String symbol = SYMBOLS.get(r.nextInt(SYMBOLS.size()));
        int k = r.nextInt(100);
        if (k < 55) {
            String named = r.nextInt(20) == 0 ? "ZZZZ" : symbol;
            long seq = r.nextInt(30) == 0 ? next.get(symbol) + r.nextInt(1, 4) : next.get(symbol);
            next.put(symbol, seq + 1);
            return ProtocolFrames.tick(r, named, seq, nowMs - r.nextInt(5_000), r.nextLong(100, 100_000));
        }
        if (k < 67) {
            return ProtocolFrames.heartbeat(nowMs, symbol, next.get(symbol) - 1 + (r.nextInt(12) == 0 ? 3 : 0));
        }
        if (k < 72) {
            return ProtocolFrames.pong(r.nextLong(1, 50), nowMs);
        }
        if (k < 78) {
            return ProtocolFrames.error(r, r.nextBoolean() ? null : symbol);
        }
        if (k < 81) {
            return ProtocolFrames.unsubscribed(r.nextLong(1, 50), symbol);
        }
        if (k < 85) {
            return ProtocolFrames.subscribedNew(r.nextLong(1, 50), symbol, EPOCH);
        }
        if (k < 89) {
            return ProtocolFrames.snapshot(r, symbol, EPOCH, next.get(symbol) + 5, r.nextLong(100, 100_000), nowMs);
        }
        if (k < 92) {
            return FRAMES.welcome(EPOCH, 500);
        }
        return FRAMES.request(r, r.nextLong(1, 50));
    }

    private static String maybeMutated(SplittableRandom r, JsonDraft.Obj frame, int percent) {
        if (r.nextInt(100) >= percent) {
            return frame.render();
        }
        FuzzFrame f = MUTATOR.apply(frame, MUTATOR.pick(r));
        return f.binary() ? ScriptedFeedServer.BINARY_PREFIX + f.text() : f.text();
    }

    /** The same script with another body (shrinking). */
    HostileScript withBody(List<String> newBody) {
        return new HostileScript(welcome, firstSnapshots, newBody, nowMs);
    }

    List<String> onOpen() {
        return record(List.of(welcome));
    }

    List<String> onRequest(String request) {
        JsonNode n;
        try {
            n = JSON.readTree(request);
        } catch (Exception e) {
            return List.of();
        }
        String type = n.path("type").asText();
        long id = n.path("id").asLong();
        List<String> out = new ArrayList<>();
        if (type.equals("ping")) {
            out.add(ProtocolFrames.pong(id, System.currentTimeMillis()).render());
        } else if (type.equals("unsubscribe")) {
            n.path("symbols").forEach(s -> out.add(ProtocolFrames.unsubscribed(id, s.asText()).render()));
        } else if (type.equals("subscribe")) {
            boolean first = bodyGiven.compareAndSet(false, true);
            for (JsonNode s : n.path("symbols")) {
                String symbol = s.asText();
                out.add(ProtocolFrames.subscribedNew(id, symbol, EPOCH).render());
                out.add(first && firstSnapshots.containsKey(symbol) ? firstSnapshots.get(symbol)
                        : ProtocolFrames.snapshot(new SplittableRandom(id), symbol, EPOCH,
                                resyncSeq.incrementAndGet(), 12_345, nowMs).render());
            }
            if (first) {
                out.addAll(body);
            }
        }
        return record(out);
    }

    private List<String> record(List<String> frames) {
        sent.addAll(frames);
        return frames;
    }

    /** Every frame sent so far, in order. */
    List<String> sent() {
        return List.copyOf(sent);
    }

    /** The body went out (after the first subscribe). */
    boolean bodyGiven() {
        return bodyGiven.get();
    }
}
