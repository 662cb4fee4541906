package io.stockmonitor.feed;

import io.stockmonitor.source.v1.ProtocolSource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stockmonitor.feed.testing.ScriptedFeedServer;
import io.stockmonitor.market.MarketLimits;
import io.stockmonitor.market.MarketModel;
import io.stockmonitor.market.QuoteView;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A server that misbehaves: bad frames are counted and dropped, never shown; some failures are final. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class BadServerTest {
    private static final String WELCOME = "{\"type\":\"welcome\",\"protocol\":1,\"server\":\"scripted\",\"epoch\":\"e1\","
            + "\"heartbeatMs\":1000,\"historyTicks\":100,\"symbols\":[\"AAPL\"]}";
    private static final String SUBSCRIBED = "{\"type\":\"subscribed\",\"id\":1,\"symbol\":\"AAPL\",\"epoch\":\"e1\","
            + "\"resumed\":false,\"reason\":\"new\"}";
    private static final String SNAPSHOT = "{\"type\":\"snapshot\",\"symbol\":\"AAPL\",\"epoch\":\"e1\",\"seq\":10,"
            + "\"last\":100.0,\"bid\":99.99,\"ask\":100.01,\"open\":99,\"high\":101,\"low\":98,\"prevClose\":99.5,"
            + "\"volume\":1000,\"bars\":{\"intervalMs\":1000,\"data\":[]}}";

    private static String tick(String symbol, long seq, String price) {
        return "{\"type\":\"tick\",\"symbol\":\"" + symbol + "\",\"seq\":" + seq + ",\"ts\":" + System.currentTimeMillis()
                + ",\"price\":" + price + ",\"size\":100,\"bid\":99.98,\"ask\":100.02}";
    }

    /**
     * Bad frames are counted and dropped, never applied; a tick that is the next of its stream but cannot be right
     * (a negative price, no price, an infinite one) is one lost tick, and the stream goes on after it without a
     * resync (which would only bring the same tick back).
     */
    @Test
    void badFramesAreCountedAndDroppedNeverApplied() throws Exception {
        List<String> script = new ArrayList<>(List.of(SUBSCRIBED, SNAPSHOT,
                "not json at all",
                "{\"type\":\"quote\",\"symbol\":\"AAPL\"}",
                tick("ZZZZ", 11, "5.0"),
                tick("AAPL", 11, "-3.5"),
                "{\"type\":\"tick\",\"symbol\":\"AAPL\",\"seq\":12,\"ts\":1,\"size\":1,\"bid\":1,\"ask\":2}",
                tick("AAPL", 13, "1e400"),
                tick("AAPL", 14, "100.25")));
        try (ScriptedFeedServer server = new ScriptedFeedServer(0, 0, List.of(WELCOME),
                request -> request.contains("\"subscribe\"") ? script : List.of());
             ConnectionSupervisor client = ProtocolSource.client(FeedClientConfig.of(server.uri(), null, List.of("AAPL")),
                     new MarketModel(MarketLimits.defaults(), System::currentTimeMillis))) {
            client.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> client.stats().ticksApplied() == 1);
            assertThat(client.stats().badFrames()).isEqualTo(6);
            assertThat(client.status().state()).isEqualTo(ConnectionState.CONNECTED);
            QuoteView q = new QuoteView();
            assertThat(client.market().readQuote("AAPL", q)).isTrue();
            assertThat(q.last()).isEqualTo(100.25);
            assertThat(q.seq()).isEqualTo(14);
            assertThat(client.market().readQuote("ZZZZ", q)).isFalse();
            assertThat(client.stats().gapsLost()).as("three unusable ticks, each lost and counted").isEqualTo(3);
            assertThat(client.stats().tradesLost()).isEqualTo(3);
            assertThat(server.requests()).as("no resync: it would only bring the same ticks back").isEqualTo(1);
        }
    }

    @Test
    void protocolMismatchFailsForGood() throws Exception {
        try (ScriptedFeedServer server = new ScriptedFeedServer(0, 0, List.of(WELCOME.replace("\"protocol\":1",
                "\"protocol\":2")), request -> List.of());
             ConnectionSupervisor client = ProtocolSource.client(FeedClientConfig.of(server.uri(), null, List.of("AAPL")),
                     new MarketModel(MarketLimits.defaults(), System::currentTimeMillis))) {
            client.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> client.status().state() == ConnectionState.FAILED);
            assertThat(client.status().detail()).contains("protocol version mismatch");
            assertThat(server.upgrades()).isEqualTo(1);
        }
    }

    @Test
    void http503AtTheUpgradeIsRetriedUntilItWorks() throws Exception {
        try (ScriptedFeedServer server = new ScriptedFeedServer(3, 503, List.of(WELCOME),
                request -> request.contains("\"subscribe\"") ? List.of(SUBSCRIBED, SNAPSHOT) : List.of());
             ConnectionSupervisor client = ProtocolSource.client(FeedClientConfig.of(server.uri(), null, List.of("AAPL"))
                     .withBackoff(20, 100, 10_000), new MarketModel(MarketLimits.defaults(), System::currentTimeMillis))) {
            List<ConnectionStatus> states = new CopyOnWriteArrayList<>();
            client.addListener(e -> {
                if (e instanceof FeedEvent.StateChanged s) {
                    states.add(s.status());
                }
            });
            client.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> client.status().state() == ConnectionState.CONNECTED);
            assertThat(server.upgrades()).isEqualTo(4);
            assertThat(states).extracting(ConnectionStatus::state).containsExactly(ConnectionState.CONNECTING,
                    ConnectionState.RECONNECTING, ConnectionState.RECONNECTING, ConnectionState.RECONNECTING,
                    ConnectionState.CONNECTED);
            assertThat(states).filteredOn(s -> s.state() == ConnectionState.RECONNECTING)
                    .extracting(ConnectionStatus::attempt).containsExactly(1, 2, 3);
            assertThat(states.get(1).detail()).contains("503");
        }
    }
}
