package io.stockmonitor.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.stockmonitor.feed.testing.ScriptedFeedServer;
import io.stockmonitor.market.MarketLimits;
import io.stockmonitor.market.MarketModel;
import io.stockmonitor.market.QuoteView;
import io.stockmonitor.source.v1.ProtocolSource;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

/**
 * The protocol client against servers that lie, stall the handshake, loop it, flood it or redirect it: each of
 * these was seen to hurt a trader (issue 10); each test failed against the client before its fix.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HostileServerTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String WELCOME = "{\"type\":\"welcome\",\"protocol\":1,\"server\":\"hostile\","
            + "\"epoch\":\"e1\",\"heartbeatMs\":1000,\"historyTicks\":100,\"symbols\":[\"AAPL\"]}";
    private static final String SNAPSHOT = "{\"type\":\"snapshot\",\"symbol\":\"AAPL\",\"epoch\":\"e1\",\"seq\":10,"
            + "\"last\":100.0,\"bid\":99.99,\"ask\":100.01,\"open\":99,\"high\":101,\"low\":98,\"prevClose\":99.5,"
            + "\"volume\":1000,\"bars\":{\"intervalMs\":1000,\"data\":[]}}";

    private static ConnectionSupervisor client(URI uri) {
        return ProtocolSource.client(FeedClientConfig.of(uri, null, List.of("AAPL")).withBackoff(20, 200, 10_000)
                .withTimeouts(3.0, 1_000, 1_000), new MarketModel(MarketLimits.defaults(), System::currentTimeMillis));
    }

    private static String tick(long seq, String price) {
        return "{\"type\":\"tick\",\"symbol\":\"AAPL\",\"seq\":" + seq + ",\"ts\":" + System.currentTimeMillis()
                + ",\"price\":" + price + ",\"size\":100}";
    }

    @Test
    void aServerThatNeverWelcomesCannotKeepTheHandshakeOpenWithHeartbeatsOrGarbage() throws Exception {
        try (ScriptedFeedServer server = new ScriptedFeedServer(0, 0, List.of(), request -> List.of())) {
            server.sendEvery("{\"type\":\"heartbeat\",\"ts\":1,\"seqs\":{}}", 50);
            try (ConnectionSupervisor c = client(server.uri())) {
                List<ConnectionStatus> states = new java.util.concurrent.CopyOnWriteArrayList<>();
                c.addListener(e -> {
                    if (e instanceof FeedEvent.StateChanged s) {
                        states.add(s.status());
                    }
                });
                c.start();
                await().atMost(WAIT).until(() -> states.stream().anyMatch(s -> s.state() == ConnectionState.RECONNECTING
                        && s.detail().contains("handshake not complete")));
                assertThat(states).noneMatch(s -> s.state() == ConnectionState.CONNECTED);
                assertThat(c.stats().badFrames()).as("frames before the welcome are counted").isPositive();
            }
        }
    }

    @Test
    void aConnectionWhoseFramesAreAllUnusableIsDroppedLikeAStalledOne() throws Exception {
        // Welcomed and subscribed, then nothing but frames that are not JSON objects, faster than any silence limit.
        try (ScriptedFeedServer server = new ScriptedFeedServer(0, 0, List.of(WELCOME),
                request -> request.contains("subscribe") ? List.of(SNAPSHOT) : List.of())) {
            server.sendEvery("[\"not\", \"an object\"]", 20);
            try (ConnectionSupervisor c = client(server.uri())) {
                List<ConnectionStatus> states = new java.util.concurrent.CopyOnWriteArrayList<>();
                c.addListener(e -> {
                    if (e instanceof FeedEvent.StateChanged s) {
                        states.add(s.status());
                    }
                });
                c.start();
                await().atMost(WAIT).until(() -> states.stream().anyMatch(s -> s.state() == ConnectionState.CONNECTED));
                await().atMost(WAIT).until(() -> states.stream().anyMatch(s -> s.state() == ConnectionState.RECONNECTING
                        && s.detail().contains("only unusable frames")));
            }
        }
    }

    @Test
    void aTickTheServerReplaysOnEveryResumeCannotMakeAResyncLoop() throws Exception {
        // The server replays, on every (re)subscribe, a tick without a seq that the client must reject, then a
        // valid one that looks like a gap after it. Before the fix: hundreds of resyncs, the symbol frozen.
        AtomicInteger fresh = new AtomicInteger();
        try (ScriptedFeedServer server = new ScriptedFeedServer(0, 0, List.of(WELCOME), request -> {
            if (!request.contains("\"subscribe\"")) {
                return List.of();
            }
            long id = Long.parseLong(request.replaceAll(".*\"id\":(\\d+).*", "$1"));
            if (!request.contains("\"resume\"") && fresh.incrementAndGet() > 1) {
                // A fresh snapshot after the client gave up resuming: the stream restarts after seq 20.
                return List.of("{\"type\":\"subscribed\",\"id\":" + id + ",\"symbol\":\"AAPL\",\"epoch\":\"e1\","
                        + "\"resumed\":false,\"reason\":\"new\"}", SNAPSHOT.replace("\"seq\":10", "\"seq\":20"),
                        tick(21, "101.5"));
            }
            String subscribed = request.contains("\"resume\"")
                    ? "{\"type\":\"subscribed\",\"id\":" + id + ",\"symbol\":\"AAPL\",\"epoch\":\"e1\",\"resumed\":true,"
                            + "\"after\":10}"
                    : "{\"type\":\"subscribed\",\"id\":" + id + ",\"symbol\":\"AAPL\",\"epoch\":\"e1\","
                            + "\"resumed\":false,\"reason\":\"new\"}";
            List<String> out = new ArrayList<>(List.of(subscribed));
            if (!request.contains("\"resume\"")) {
                out.add(SNAPSHOT);
            }
            out.add("{\"type\":\"tick\",\"symbol\":\"AAPL\",\"ts\":1,\"price\":100.5,\"size\":1}");
            out.add(tick(12, "100.6"));
            return out;
        });
             ConnectionSupervisor c = client(server.uri())) {
            c.start();
            await().atMost(WAIT).until(() -> {
                QuoteView q = new QuoteView();
                return c.market().readQuote("AAPL", q) && q.seq() == 21;
            });
            assertThat(server.requests()).as("subscribe, a couple of resumes, then one fresh snapshot")
                    .isLessThanOrEqualTo(5);
            assertThat(c.stats().gapsLost()).as("the restart is shown as a gap").isPositive();
        }
    }

    @Test
    void aBrokenEpochFailsTheConnectionInsteadOfReachingTheRecord() throws Exception {
        for (String epoch : new String[] {"ep\\ud800x", "x".repeat(100_000), "with space", ""}) {
            String welcome = WELCOME.replace("\"epoch\":\"e1\"", "\"epoch\":\"" + epoch + "\"");
            try (ScriptedFeedServer server = new ScriptedFeedServer(0, 0, List.of(welcome), request -> List.of());
                 ConnectionSupervisor c = client(server.uri())) {
                c.start();
                await().atMost(WAIT).until(() -> c.status().state() == ConnectionState.FAILED);
                assertThat(c.status().detail()).contains("invalid epoch").hasSizeLessThan(400);
            }
        }
    }

    @Test
    void aSnapshotThatCannotBeAPriceIsRejectedAndNeverApplied() throws Exception {
        String zero = SNAPSHOT.replace("\"last\":100.0", "\"last\":0");
        String negative = SNAPSHOT.replace("\"last\":100.0", "\"last\":-1");
        AtomicInteger subscribes = new AtomicInteger();
        try (ScriptedFeedServer server = new ScriptedFeedServer(0, 0, List.of(WELCOME), request -> {
            if (!request.contains("\"subscribe\"")) {
                return List.of();
            }
            long id = Long.parseLong(request.replaceAll(".*\"id\":(\\d+).*", "$1"));
            String subscribed = "{\"type\":\"subscribed\",\"id\":" + id + ",\"symbol\":\"AAPL\",\"epoch\":\"e1\","
                    + "\"resumed\":false,\"reason\":\"new\"}";
            int n = subscribes.incrementAndGet();
            return List.of(subscribed, n == 1 ? zero : n == 2 ? negative : SNAPSHOT);
        });
             ConnectionSupervisor c = client(server.uri())) {
            c.start();
            await().atMost(WAIT).until(() -> {
                QuoteView q = new QuoteView();
                return c.market().readQuote("AAPL", q) && q.hasData();
            });
            QuoteView q = new QuoteView();
            c.market().readQuote("AAPL", q);
            assertThat(q.last()).as("only the sane snapshot was applied").isEqualTo(100.0);
            assertThat(c.stats().badFrames()).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void errorFloodsAreEscapedAndRateLimitedInTheLog() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger("io.stockmonitor");
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        root.addAppender(captured);
        String forged = "{\"type\":\"error\",\"id\":null,\"code\":\"bad_request\",\"message\":"
                + "\"oops\\n12:00:00.000 INFO  FORGED LINE \\u001b[31mred\"}";
        List<String> flood = new ArrayList<>();
        flood.add(WELCOME);
        for (int i = 0; i < 2_000; i++) {
            flood.add(forged);
        }
        try (ScriptedFeedServer server = new ScriptedFeedServer(0, 0, flood, request -> List.of());
             ConnectionSupervisor c = client(server.uri())) {
            c.start();
            await().atMost(WAIT).until(() -> c.stats().messagesReceived() >= 2_001);
        } finally {
            root.detachAppender(captured);
        }
        List<String> lines = captured.list.stream().map(ILoggingEvent::getFormattedMessage)
                .filter(m -> m.contains("oops")).toList();
        assertThat(lines).as("2,000 error frames, one line per period").hasSizeBetween(1, 3);
        assertThat(lines).allSatisfy(l -> assertThat(l).doesNotContain("\n").doesNotContain("\u001b"));
    }

    @Test
    void aRedirectIsNotFollowedAndFailsWithAPlainReason() throws Exception {
        AtomicInteger hitsElsewhere = new AtomicInteger();
        try (ScriptedFeedServer elsewhere = new ScriptedFeedServer(0, 0, List.of(WELCOME), request -> {
            hitsElsewhere.incrementAndGet();
            return List.of();
        })) {
            Server redirecting = new Server();
            ServerConnector connector = new ServerConnector(redirecting);
            connector.setHost("127.0.0.1");
            connector.setPort(0);
            redirecting.addConnector(connector);
            redirecting.setHandler(new Handler.Abstract() {
                @Override
                public boolean handle(Request request, Response response, Callback callback) {
                    response.setStatus(302);
                    response.getHeaders().put(HttpHeader.LOCATION, elsewhere.uri().toString());
                    Content.Sink.write(response, true, "moved", callback);
                    return true;
                }
            });
            redirecting.start();
            try (ConnectionSupervisor c = client(URI.create("ws://127.0.0.1:" + connector.getLocalPort() + "/feed"))) {
                c.start();
                await().atMost(WAIT).until(() -> c.status().state() == ConnectionState.FAILED);
                assertThat(c.status().detail()).contains("302", "not followed");
                assertThat(elsewhere.upgrades()).as("never went where it was sent").isZero();
            } finally {
                redirecting.stop();
            }
        }
        assertThat(hitsElsewhere.get()).isZero();
    }
}
