package io.stockmonitor.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.stockmonitor.feed.FeedCounters;
import io.stockmonitor.feed.FeedEvent;
import io.stockmonitor.feed.TradeOutput;
import io.stockmonitor.market.FeedLatency;
import io.stockmonitor.market.GapKind;
import io.stockmonitor.market.MarketLimits;
import io.stockmonitor.market.MarketModel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The sequencer's bookkeeping on its own, with a history whose answers the test gives in the order a slow network
 * could (the providers' emulator tests cover the same logic over real sockets; here the interleavings are exact).
 */
class TradeSequencerTest {
    private static final String SYMBOL = "BTCUSDT";

    private final MarketModel market = new MarketModel(MarketLimits.defaults(), System::currentTimeMillis);
    private final List<FeedEvent> events = new ArrayList<>();
    private final List<Long> applied = new ArrayList<>();
    private final Deque<Runnable> answers = new ArrayDeque<>();
    private final List<Trade> history = new ArrayList<>();
    private final TradeSequencer sequencer;

    TradeSequencerTest() {
        TradeOutput output = new TradeOutput(market, new FeedCounters(), new FeedLatency(), events::add);
        output.sink((symbol, epoch, seq, ts, price, size) -> applied.add(seq));
        TradeSequencer.History rest = new TradeSequencer.History() {
            @Override
            public void fetch(String symbol, long afterId, long afterTs, TradeSequencer.Page page) {
                answers.add(() -> page.trades(history.stream().filter(t -> t.id() > afterId).toList(), false));
            }

            @Override
            public void latest(String symbol, TradeSequencer.Page page) {
                answers.add(() -> page.trades(List.of(history.get(history.size() - 1)), false));
            }
        };
        market.addSymbol(SYMBOL);
        sequencer = new TradeSequencer(output, new FeedCounters(), (task, delayMs) -> { }, "binance", rest,
                SourceLimits.defaults());
    }

    @Test
    void liveTradesThatWaitedForTheStartUpCatchUpMakeTheNextDropAGap() {
        trade(9);
        sequencer.add(SYMBOL);
        answerAll();                                   // the latest trade: 9
        sequencer.reconnected();                       // the first connection reads the history from 9 on
        for (long id = 10; id <= 12; id++) {           // live trades arrive before the history answers
            trade(id);
            live(id);
        }
        answerAll();                                   // start-up catch-up done: 10..12 applied from the buffer
        assertThat(applied).containsExactly(9L, 10L, 11L, 12L);
        assertThat(gaps()).as("catching up at start is not a gap").isEmpty();

        for (long id = 13; id <= 15; id++) {           // made while the connection was down
            trade(id);
        }
        sequencer.reconnected();
        trade(16);
        live(16);
        answerAll();

        assertThat(applied).containsExactly(9L, 10L, 11L, 12L, 13L, 14L, 15L, 16L);
        assertThat(gaps()).as("the drop after live trades is a hole, refilled exactly").singleElement()
                .satisfies(g -> {
                    assertThat(g.kind()).isEqualTo(GapKind.EXACT);
                    assertThat(g.fromId()).isEqualTo(13L);
                    assertThat(g.toId()).isEqualTo(15L);
                    assertThat(g.refilled()).isEqualTo(3);
                });
    }

    private void trade(long id) {
        history.add(new Trade(id, 1_700_000_000_000L + id, 65_000 + id, 0.1, true));
    }

    private void live(long id) {
        sequencer.live(SYMBOL, id, 1_700_000_000_000L + id, 65_000 + id, 0.1);
    }

    private void answerAll() {
        while (!answers.isEmpty()) {
            answers.poll().run();
        }
    }

    private List<FeedEvent.GapSettled> gaps() {
        return events.stream().filter(e -> e instanceof FeedEvent.GapSettled).map(e -> (FeedEvent.GapSettled) e)
                .toList();
    }
}
