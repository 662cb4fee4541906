package io.stockmonitor.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stockmonitor.cluster.ClusterSettings;
import io.stockmonitor.cluster.testing.TestRedis;
import io.stockmonitor.feed.FeedEvent;
import io.stockmonitor.protocol.Message;
import io.stockmonitor.protocol.ResyncReason;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Feed servers sharing one history in a real Redis (embedded-redis's redis-server on a free loopback port), real
 * Jetty servers and the real desktop client behind a TCP "load balancer": the same epoch and seqs on every node, a
 * client resuming on another node exactly, a producer killed and replaced with continuous seqs, Redis restarted with
 * and without its data.
 */
@Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SharedHistoryTest {
    private static final List<String> SYMBOLS = List.of("AAPL", "MSFT", "NVDA");
    private static final Duration WAIT = Duration.ofSeconds(30);

    private TestRedis redis;
    private final List<EmbeddedSimulator> nodes = new ArrayList<>();
    private SharedFeedClient client;

    @AfterEach
    void stop() throws Exception {
        if (client != null) {
            client.close();
        }
        for (EmbeddedSimulator n : nodes) {
            n.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    private EmbeddedSimulator node(String id) throws Exception {
        SimulatorConfig config = SimulatorConfig.defaults().withPort(0).withSymbols(SYMBOLS).withRate(20)
                .withSeed(42).withHistoryTicks(5_000).withHeartbeatMs(200);
        EmbeddedSimulator n = EmbeddedSimulator.start(config, null,
                ClusterSettings.parse(redis.url(), null, "test", id));
        nodes.add(n);
        await().atMost(WAIT).until(n::serving);
        return n;
    }

    private static EmbeddedSimulator producer(List<EmbeddedSimulator> candidates) {
        await().atMost(WAIT).until(() -> candidates.stream().filter(SharedHistoryTest::producing).count() == 1);
        return candidates.stream().filter(SharedHistoryTest::producing).findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static boolean producing(EmbeddedSimulator n) {
        return Boolean.TRUE.equals(((Map<String, Object>) n.hub().status().get("history")).get("producing"));
    }

    @Test
    void twoNodesServeTheSameEpochAndTheSameTicksAndOneProduces() throws Exception {
        redis = TestRedis.start(false);
        EmbeddedSimulator a = node("a");
        EmbeddedSimulator b = node("b");
        Map<String, Message.Tick> seenByA = new ConcurrentHashMap<>();
        Map<String, Message.Tick> seenByB = new ConcurrentHashMap<>();
        a.addPublishListener((epoch, t) -> seenByA.put(epoch + "/" + t.symbol() + "/" + t.seq(), t));
        b.addPublishListener((epoch, t) -> seenByB.put(epoch + "/" + t.symbol() + "/" + t.seq(), t));
        await().atMost(WAIT).until(() -> seenByA.size() > 60 && seenByB.size() > 60);
        assertThat(a.epoch()).isEqualTo(b.epoch());
        producer(List.of(a, b));
        int compared = 0;
        for (Map.Entry<String, Message.Tick> e : seenByA.entrySet()) {
            Message.Tick other = seenByB.get(e.getKey());
            if (other != null) {
                assertThat(other).as("tick %s on both nodes", e.getKey()).isEqualTo(e.getValue());
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(30);
        assertThat(health(a)).contains("\"status\":\"serving\"").contains("\"epoch\":\"" + a.epoch() + "\"");
    }

    @Test
    void aClientOfAKilledNodeResumesOnAnotherWithNoGapAndNoDuplicate() throws Exception {
        redis = TestRedis.start(false);
        EmbeddedSimulator a = node("a");
        EmbeddedSimulator b = node("b");
        client = new SharedFeedClient(SYMBOLS, List.of(a, b));
        client.start();
        client.awaitTicksOnEverySymbol(10);
        a.halt();
        client.awaitTicksOnEverySymbol(20);
        assertThat(client.checkStreams(EnumSet.noneOf(ResyncReason.class))).isGreaterThan(60);
        assertThat(client.events()).filteredOn(e -> e instanceof FeedEvent.Resumed).hasSizeGreaterThanOrEqualTo(
                SYMBOLS.size());
        assertThat(client.balancer.acceptedConnections()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void theProducerKilledMidStreamIsReplacedWithinSecondsAndTheSeqsGoOn() throws Exception {
        redis = TestRedis.start(false);
        EmbeddedSimulator a = node("a");
        EmbeddedSimulator b = node("b");
        EmbeddedSimulator victim = producer(List.of(a, b));
        EmbeddedSimulator survivor = victim == a ? b : a;
        client = new SharedFeedClient(SYMBOLS, List.of(survivor));
        client.listen(victim);
        client.start();
        client.awaitTicksOnEverySymbol(10);
        long killedAt = System.nanoTime();
        victim.halt();
        client.awaitTicksOnEverySymbol(5);
        long recoveredMs = (System.nanoTime() - killedAt) / 1_000_000;
        assertThat(recoveredMs).as("every symbol ticking again after the producer died").isLessThan(5_000);
        assertThat(producing(survivor)).isTrue();
        assertThat(client.checkStreams(EnumSet.noneOf(ResyncReason.class))).isGreaterThan(40);
        // The new producer went on from the model's state in Redis: the ticks are the ones the seed makes.
        for (String s : SYMBOLS) {
            assertThat(client.ticks(s)).isPositive();
        }
    }

    /**
     * Redis ({@code durable} or not), two nodes and a client that has had ten ticks of every symbol; then Redis
     * restarts (keeping its data when durable). Returns the epoch served before.
     */
    private String restartRedisUnderTwoNodesAndAClient(boolean durable) throws Exception {
        redis = TestRedis.start(durable);
        String epoch = node("a").epoch();
        node("b");
        client = new SharedFeedClient(SYMBOLS, List.copyOf(nodes));
        client.start();
        client.awaitTicksOnEverySymbol(10);
        redis.restart(durable);
        return epoch;
    }

    @Test
    void redisRestartedWithItsDataKeepsTheEpochAndTheClientsStreams() throws Exception {
        String epoch = restartRedisUnderTwoNodesAndAClient(true);
        EmbeddedSimulator a = nodes.get(0);
        EmbeddedSimulator b = nodes.get(1);
        await().atMost(WAIT).until(() -> a.serving() && b.serving());
        client.awaitTicksOnEverySymbol(10);
        assertThat(a.epoch()).isEqualTo(epoch);
        assertThat(b.epoch()).isEqualTo(epoch);
        assertThat(client.checkStreams(EnumSet.noneOf(ResyncReason.class))).isGreaterThan(60);
    }

    @Test
    void redisRestartedWithoutItsDataStartsANewEpochOnEveryNodeAndClientsAreToldSo() throws Exception {
        String epoch = restartRedisUnderTwoNodesAndAClient(false);
        EmbeddedSimulator a = nodes.get(0);
        EmbeddedSimulator b = nodes.get(1);
        await().atMost(WAIT).until(() -> a.serving() && b.serving() && !a.epoch().equals(epoch)
                && a.epoch().equals(b.epoch()));
        client.awaitTicksOnEverySymbol(10);
        assertThat(client.checkStreams(EnumSet.of(ResyncReason.EPOCH_CHANGED))).isGreaterThan(30);
        assertThat(client.events()).filteredOn(e -> e instanceof FeedEvent.SnapshotApplied s
                && s.reason() == ResyncReason.EPOCH_CHANGED).hasSizeGreaterThanOrEqualTo(SYMBOLS.size());
    }

    @Test
    void aNodeCutOffFromRedisSaysSoAndSendsItsClientsElsewhere() throws Exception {
        redis = TestRedis.start(false);
        EmbeddedSimulator a = node("a");
        client = new SharedFeedClient(SYMBOLS, List.of(a));
        client.start();
        client.awaitTicksOnEverySymbol(5);
        redis.stop();
        await().atMost(WAIT).until(() -> !a.serving());
        assertThat(health(a)).contains("\"status\":\"not_serving\"");
        await().atMost(WAIT).until(() -> a.connectionCount() == 0);
    }

    private static String health(EmbeddedSimulator n) throws Exception {
        URI u = URI.create("http://127.0.0.1:" + n.uri().getPort() + "/healthz");
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(u).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(r.body().contains("\"status\":\"serving\"") ? 200 : 503);
        return r.body();
    }
}
