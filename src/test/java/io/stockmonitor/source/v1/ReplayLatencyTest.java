package io.stockmonitor.source.v1;

import static org.assertj.core.api.Assertions.assertThat;

import io.stockmonitor.feed.FeedCounters;
import io.stockmonitor.feed.SymbolTable;
import io.stockmonitor.feed.TradeOutput;
import io.stockmonitor.market.FeedLatency;
import io.stockmonitor.market.MarketLimits;
import io.stockmonitor.market.MarketModel;
import io.stockmonitor.protocol.Message;
import org.junit.jupiter.api.Test;

/** Ticks replayed after a resume are history: applied to the model, but not counted as feed latency. */
class ReplayLatencyTest {

    @Test
    void replayedTicksAreAppliedButOnlyLiveOnesCountAsLatency() {
        long now = System.currentTimeMillis();
        MarketModel market = new MarketModel(MarketLimits.defaults(), System::currentTimeMillis);
        market.addSymbol("AAPL");
        SymbolTable table = new SymbolTable();
        table.add("AAPL");
        ResumeTracker tracker = new ResumeTracker();
        ResumeTracker.Position p = tracker.add("AAPL");
        tracker.subscribeRequests(java.util.List.of(p), () -> 1);
        tracker.onSubscribed(p, new Message.Subscribed(1, "AAPL", "e", true, 0L, null));
        p.liveFromMs = now - 1_000;
        FeedLatency latency = new FeedLatency();
        FeedCounters counters = new FeedCounters();
        TradeOutput output = new TradeOutput(market, counters, latency, e -> { });
        TickIngest ingest = new TickIngest(table, tracker, counters, output, new TickIngest.Escalation() {
            @Override
            public void gap(ResumeTracker.Position position, long seenSeq) {
                throw new AssertionError("gap at " + seenSeq);
            }

            @Override
            public void bad(String kind, String detail) {
                throw new AssertionError(kind + ": " + detail);
            }

            @Override
            public void unusable(ResumeTracker.Position position, long seq, long ts, String problem) {
                throw new AssertionError(problem);
            }
        });

        // Published a minute ago, replayed now: applied, not a latency sample.
        assertThat(ingest.tryTick(tick(1, now - 60_000))).isTrue();
        assertThat(counters.ticksApplied()).isEqualTo(1);
        assertThat(latency.totalSnapshot().ticks()).isZero();

        // Published after the resume: a latency sample.
        assertThat(ingest.tryTick(tick(2, System.currentTimeMillis()))).isTrue();
        assertThat(counters.ticksApplied()).isEqualTo(2);
        assertThat(latency.totalSnapshot().ticks()).isEqualTo(1);
        assertThat(latency.totalSnapshot().maxMs()).isLessThan(60_000);
    }

    private static String tick(long seq, long ts) {
        return "{\"type\":\"tick\",\"symbol\":\"AAPL\",\"seq\":" + seq + ",\"ts\":" + ts
                + ",\"price\":189.23,\"size\":100,\"bid\":189.22,\"ask\":189.24}";
    }
}
