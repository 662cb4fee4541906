package io.stockmonitor.feed;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stockmonitor.feed.testing.ScriptedFeedServer;
import io.stockmonitor.fuzz.FailureWatch;
import io.stockmonitor.fuzz.FuzzFrame;
import io.stockmonitor.fuzz.FuzzRun;
import io.stockmonitor.fuzz.ParallelCases;
import io.stockmonitor.fuzz.PropertyTest;
import io.stockmonitor.fuzz.ProtocolFrames;
import io.stockmonitor.fuzz.Shrinker;
import io.stockmonitor.fuzz.StrictJson;
import io.stockmonitor.fuzz.TickVerdict;
import io.stockmonitor.market.QuoteView;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.junit.jupiter.api.Timeout;

/**
 * Property: whatever a server sends ({@link HostileScript}: valid and mutated frames of every kind), the real protocol
 * client settles within a deadline (connected, or reconnecting or failed with a reason) with its feed thread
 * answering; no thread throws and nothing is logged as failed; every trade it applied is one a valid tick carried,
 * with exactly its values, and every price it shows was sent; frames that cannot be used are counted; and the record
 * it writes is valid JSON Lines. A few servers and clients run at once, one case each at a time.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ServerFrameFuzzTest extends PropertyTest {
    private static final int CASES = 48;
    /** Cases that failed before their fix (seed, case), kept as they were found. */
    private static final long[][] REGRESSIONS = {
        {-2755710871167042549L, 16}, // a trade was applied from a frame no valid tick (trailing content, coerced numbers)
        {-2755710871167042549L, 67} // frames that cannot be used were read as valid ones, uncounted
    };
    private static final int SERVERS = 3;
    private static final long SETTLE_DEADLINE_MS = 10_000;
    private static final long QUIET_MS = 250;
    private static final Set<String> SYMBOLS = Set.copyOf(HostileScript.SYMBOLS);
    /** How the cases ended, for the run's summary line (what the run covered, not what it asserts). */
    private static final java.util.Map<String, java.util.concurrent.atomic.LongAdder> TALLY =
            new java.util.concurrent.ConcurrentSkipListMap<>();

    ServerFrameFuzzTest() {
        super(CASES, REGRESSIONS);
    }

    @Override
    protected void check(FuzzRun run) throws Exception {
        TALLY.clear();
        List<Integer> cases = run.caseIndices();
        WebSocketClient shared = WebSockets.newClient(false);
        shared.start();
        try (FailureWatch failures = new FailureWatch()) {
            ParallelCases.run(cases, SERVERS, 110, mine -> serve(run, mine, shared));
            assertThat(failures.failures()).as("failures logged or uncaught").isEmpty();
        } finally {
            shared.stop();
        }
        System.out.println("ServerFrameFuzzTest covered: " + TALLY);
        run.finish(cases.size());
    }

    private static void tally(String what, long n) {
        TALLY.computeIfAbsent(what, k -> new java.util.concurrent.atomic.LongAdder()).add(n);
    }

    private static void serve(FuzzRun run, List<Integer> cases, WebSocketClient shared) throws Exception {
        AtomicReference<HostileScript> script = new AtomicReference<>();
        try (ScriptedFeedServer server = new ScriptedFeedServer(0, 0, () -> script.get().onOpen(),
                request -> script.get().onRequest(request))) {
            for (int i : cases) {
                HostileScript generated = HostileScript.generate(run.random(i), System.currentTimeMillis());
                String why = violation(server, script, generated, shared);
                if (why != null) {
                    List<String> body = Shrinker.shrink(generated.body,
                            b -> violation(server, script, generated.withBody(b), shared) != null, 6);
                    throw new AssertionError(run.where(i) + ": " + why + "\n  welcome: "
                            + FuzzFrame.valid(generated.welcome).describe() + "\n  shrunk body (" + body.size()
                            + " of " + generated.body.size() + " frames):\n    "
                            + String.join("\n    ", body.stream().map(f -> FuzzFrame.valid(f).describe()).toList()));
                }
            }
        }
    }

    private static String violation(ScriptedFeedServer server, AtomicReference<HostileScript> current,
                                    HostileScript script, WebSocketClient shared) {
        current.set(script);
        int upgradesBefore = server.upgrades();
        RecordedClient client = new RecordedClient(server.uri(), HostileScript.SYMBOLS, shared);
        try {
            String why = settle(client.supervisor, script);
            boolean oneConnectionReadWhole = server.upgrades() - upgradesBefore == 1
                    && client.supervisor.status().state() == ConnectionState.CONNECTED
                    && client.supervisor.stats().messagesReceived() == script.sent().stream()
                            .filter(f -> !f.startsWith(ScriptedFeedServer.BINARY_PREFIX)).count();
            if (why == null && client.supervisor.status().state() == ConnectionState.CONNECTED) {
                why = stillReading(server, client.supervisor);
            }
            tally("ended " + client.supervisor.status().state(), 1);
            client.close(); // nothing changes from here on: what it applied and what was sent can be compared
            List<String> sent = script.sent();
            tally("frames sent", sent.size());
            tally("trades applied", client.applied.size());
            tally("cases read whole", oneConnectionReadWhole ? 1 : 0);
            if (why == null) {
                why = forgedTrade(client, sent);
            }
            if (why == null && oneConnectionReadWhole) {
                why = uncounted(client.supervisor.stats(), sent);
            }
            return why != null ? why : invalidRecord(client);
        } catch (Exception | AssertionError e) {
            return "threw " + e;
        } finally {
            client.close();
        }
    }

    /** Null once the client is settled (a stated state, nothing arriving for a while, its feed thread answering). */
    private static String settle(ConnectionSupervisor c, HostileScript script) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SETTLE_DEADLINE_MS);
        long seen = -1;
        long quietSince = System.nanoTime();
        while (true) {
            long now = System.nanoTime();
            long received = c.stats().messagesReceived();
            if (received != seen) {
                seen = received;
                quietSince = now;
            }
            ConnectionStatus s = c.status();
            boolean stated = s.state() == ConnectionState.FAILED || s.state() == ConnectionState.RECONNECTING
                    || s.state() == ConnectionState.CONNECTED && script.bodyGiven();
            if (stated && now - quietSince >= TimeUnit.MILLISECONDS.toNanos(QUIET_MS)) {
                c.onFeedThread(() -> { }); // throws when the feed thread does not answer within 10 s
                return s.detail() == null || s.detail().isBlank() ? s.state() + " without a reason" : null;
            }
            if (now - deadline > 0) {
                return "not settled within " + SETTLE_DEADLINE_MS + " ms: " + s + ", " + received + " frames";
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    /** Null when a connected client still reads: a heartbeat sent now arrives. */
    private static String stillReading(ScriptedFeedServer server, ConnectionSupervisor c) {
        long before = c.stats().messagesReceived();
        server.sendNow(ProtocolFrames.heartbeat(System.currentTimeMillis(), null, 0).render());
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(QUIET_MS * 8);
        while (c.stats().messagesReceived() == before) {
            if (System.nanoTime() - deadline > 0) {
                return "connected, but a frame sent now was not read within " + QUIET_MS * 8 + " ms";
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
        return null;
    }

    /** Null when every applied trade, and every price shown, is one a frame carried. */
    private static String forgedTrade(RecordedClient client, List<String> sent) {
        long now = System.currentTimeMillis();
        List<TickVerdict> valid = new ArrayList<>();
        Set<Double> shownPrices = new HashSet<>();
        for (String frame : sent) {
            valid.addAll(TickVerdict.candidates(frame, SYMBOLS, now));
            // A snapshot that names a field twice may be read either way (ambiguous, as for ticks): every reading's
            // last price is one the server sent.
            StrictJson.Reading r = StrictJson.read(frame);
            List<JsonNode> readings = r.node() != null ? List.of(r.node()) : StrictJson.readings(frame);
            for (JsonNode node : readings) {
                if (node.path("type").asText().equals("snapshot")) {
                    shownPrices.add(node.path("last").asDouble());
                }
            }
        }
        for (RecordedClient.Applied a : client.applied) {
            shownPrices.add(a.price());
            boolean carried = valid.stream().anyMatch(v -> v.carries(a.symbol(), a.seq(), a.ts(), a.price(), a.size()));
            if (!carried) {
                return "applied a trade no valid tick carried: " + a;
            }
        }
        for (String symbol : SYMBOLS) {
            QuoteView q = new QuoteView();
            if (client.supervisor.market().readQuote(symbol, q) && q.hasData() && !shownPrices.contains(q.last())) {
                return symbol + " shows a price nobody sent: " + q.last();
            }
        }
        return null;
    }

    /** Null when every frame that cannot be used was counted (when every frame sent was read). */
    private static String uncounted(FeedStats stats, List<String> sent) {
        long mustCount = sent.stream().filter(ServerFrameFuzzTest::unusable).count();
        return stats.badFrames() >= mustCount ? null
                : stats.badFrames() + " frames counted as bad, but " + mustCount + " could not be used";
    }

    /** A binary frame, not one JSON object, no or an unknown type, a client's request, a tick that cannot be one. */
    private static boolean unusable(String frame) {
        if (frame.startsWith(ScriptedFeedServer.BINARY_PREFIX)) {
            return true;
        }
        StrictJson.Reading r = StrictJson.read(frame);
        if (r.shape() == StrictJson.Shape.NOT_JSON || r.shape() == StrictJson.Shape.NOT_AN_OBJECT) {
            return true;
        }
        if (r.shape() != StrictJson.Shape.OBJECT || r.depth() > io.stockmonitor.protocol.Protocol.MAX_NESTING_DEPTH) {
            return false;
        }
        JsonNode type = r.node().get("type");
        if (type == null || !type.isTextual() || !io.stockmonitor.fuzz.ProtocolFrames.TYPES.contains(type.textValue())
                || Set.of("subscribe", "unsubscribe", "ping").contains(type.textValue())) {
            return true;
        }
        return type.textValue().equals("tick")
                && TickVerdict.of(frame, SYMBOLS, System.currentTimeMillis()).kind() == TickVerdict.Kind.INVALID;
    }

    /** Null when every line of the record is one JSON object of a known type, a tick line per applied trade. */
    private static String invalidRecord(RecordedClient client) throws java.io.IOException {
        List<String> lines = client.recordLines();
        int ticks = 0;
        for (String line : lines) {
            StrictJson.Reading r = StrictJson.read(line);
            if (r.shape() != StrictJson.Shape.OBJECT) {
                return "a record line that is not one JSON object (" + r.shape() + "): " + line;
            }
            String type = r.node().path("type").asText();
            if (!Set.of("tick", "snapshot", "state", "gap").contains(type)) {
                return "a record line of no known type: " + line;
            }
            if (type.equals("tick")) {
                ticks++;
                JsonNode n = r.node();
                if (!n.path("symbol").isTextual() || !n.path("epoch").isTextual() || !n.path("seq").isIntegralNumber()
                        || !n.path("ts").isIntegralNumber() || !(n.path("price").asDouble() > 0)
                        || !(n.path("size").asDouble() >= 0)) {
                    return "a tick line with a field missing or of the wrong kind: " + line;
                }
            }
        }
        return ticks == client.applied.size() ? null
                : ticks + " tick lines in the record for " + client.applied.size() + " applied trades";
    }
}
