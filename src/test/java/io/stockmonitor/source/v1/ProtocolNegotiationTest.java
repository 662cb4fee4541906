package io.stockmonitor.source.v1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stockmonitor.feed.ConnectionState;
import io.stockmonitor.feed.ConnectionSupervisor;
import io.stockmonitor.feed.FeedClientConfig;
import io.stockmonitor.market.BarBuffer;
import io.stockmonitor.market.BarInterval;
import io.stockmonitor.market.HistoryState;
import io.stockmonitor.market.MarketLimits;
import io.stockmonitor.market.MarketModel;
import io.stockmonitor.simulator.EmbeddedSimulator;
import io.stockmonitor.simulator.SimulatorConfig;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The client asks for v2 and gets history on demand; behind a server that does not answer v2 it speaks v1. */
class ProtocolNegotiationTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final List<String> SYMBOLS = List.of("AAPL", "MSFT");

    private EmbeddedSimulator sim;
    private ConnectionSupervisor client;
    private final MarketModel market = new MarketModel(MarketLimits.defaults(), System::currentTimeMillis);

    @AfterEach
    void tearDown() {
        if (client != null) {
            client.close();
        }
        if (sim != null) {
            sim.close();
        }
    }

    private void connect(URI uri) {
        client = ProtocolSource.client(FeedClientConfig.of(uri, null, SYMBOLS), market);
        client.start();
        await().atMost(WAIT).until(() -> client.status().state() == ConnectionState.CONNECTED
                && market.readBars("AAPL", BarInterval.S1, Long.MIN_VALUE, new BarBuffer(4)) > 0);
    }

    private int bars(BarInterval interval) {
        return market.readBars("AAPL", interval, Long.MIN_VALUE, new BarBuffer(10_000));
    }

    @Test
    void onV2SnapshotsBringNoBarsAndHistoryComesPageByPage() throws Exception {
        sim = EmbeddedSimulator.start(SimulatorConfig.defaults().withPort(0).withSymbols(SYMBOLS).withRate(20));
        connect(sim.uri());
        assertThat(client.status().detail()).contains("(v2)");
        assertThat(bars(BarInterval.S1)).as("live bars only, no hour from the snapshot").isLessThan(600);

        long now = System.currentTimeMillis();
        client.loadHistory("AAPL", BarInterval.H1, Long.MAX_VALUE);
        await().atMost(WAIT).until(() -> market.historyState("AAPL", BarInterval.H1).oldestMs() != Long.MAX_VALUE
                && !market.historyState("AAPL", BarInterval.H1).loading());
        HistoryState first = market.historyState("AAPL", BarInterval.H1);
        assertThat(first.exhausted()).as("a year of hours is more than a page").isFalse();
        assertThat(first.oldestMs()).isLessThan(now - (ConnectionSupervisor.HISTORY_PAGE_BARS - 2) * 3_600_000L);
        int afterFirst = bars(BarInterval.H1);
        assertThat(afterFirst).isGreaterThanOrEqualTo(ConnectionSupervisor.HISTORY_PAGE_BARS);

        client.loadHistory("AAPL", BarInterval.H1, first.oldestMs());
        await().atMost(WAIT).until(() -> market.historyState("AAPL", BarInterval.H1).oldestMs() < first.oldestMs()
                && !market.historyState("AAPL", BarInterval.H1).loading());
        assertThat(bars(BarInterval.H1)).isGreaterThan(afterFirst);

        client.loadHistory("AAPL", BarInterval.D1, Long.MAX_VALUE);
        await().atMost(WAIT).until(() -> market.historyState("AAPL", BarInterval.D1).exhausted());
        assertThat(bars(BarInterval.D1)).as("a year of days").isGreaterThanOrEqualTo(SimulatorConfig.DERIVED_HISTORY_DAYS);
    }

    @Test
    void behindAServerThatDoesNotAnswerV2ItSpeaksV1WithTheSnapshotsHour() throws Exception {
        sim = EmbeddedSimulator.start(SimulatorConfig.defaults().withPort(0).withSymbols(SYMBOLS).withRate(20));
        try (V1OnlyProxy proxy = new V1OnlyProxy(sim.uri())) {
            connect(proxy.uriFor(sim.uri()));
            assertThat(client.status().detail()).doesNotContain("(v2)");
            assertThat(bars(BarInterval.S1)).as("the snapshot's hour of 1 s bars").isGreaterThanOrEqualTo(3_599);
            client.loadHistory("AAPL", BarInterval.H1, Long.MAX_VALUE);
            await().atMost(WAIT).until(() -> market.historyState("AAPL", BarInterval.H1).exhausted());
            assertThat(market.historyState("AAPL", BarInterval.H1).oldestMs()).isEqualTo(Long.MAX_VALUE);
        }
    }
}
