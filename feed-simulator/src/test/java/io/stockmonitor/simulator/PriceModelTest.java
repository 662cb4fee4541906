package io.stockmonitor.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stockmonitor.protocol.Message;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class PriceModelTest {
    /** A window of seqs well after start: the listener is added just after the publisher starts. */
    private static final long FIRST = 200;
    private static final int TICKS = 60;

    @Test
    void sameSeedGivesSameTicksPerSymbolHoweverSymbolsInterleave() throws Exception {
        Map<String, Message.Tick> a = record(SimulatorConfig.defaults().withSymbols(List.of("AAPL", "MSFT", "TSLA")));
        Map<String, Message.Tick> b = record(SimulatorConfig.defaults().withSymbols(List.of("TSLA", "AAPL", "MSFT")));
        for (String symbol : List.of("AAPL", "MSFT", "TSLA")) {
            for (long seq = FIRST; seq < FIRST + TICKS; seq++) {
                Message.Tick x = a.get(symbol + "#" + seq);
                Message.Tick y = b.get(symbol + "#" + seq);
                assertThat(y.price()).as("%s seq %d", symbol, seq).isEqualTo(x.price());
                assertThat(y.size()).isEqualTo(x.size());
                assertThat(y.bid()).isEqualTo(x.bid());
                assertThat(y.ask()).isEqualTo(x.ask());
            }
        }
        Map<String, Message.Tick> other = record(SimulatorConfig.defaults().withSeed(7)
                .withSymbols(List.of("AAPL", "MSFT", "TSLA")));
        long differing = 0;
        for (long seq = FIRST; seq < FIRST + TICKS; seq++) {
            if (other.get("AAPL#" + seq).price() != a.get("AAPL#" + seq).price()
                    || other.get("AAPL#" + seq).size() != a.get("AAPL#" + seq).size()) {
                differing++;
            }
        }
        assertThat(differing).isPositive();
    }

    private static Map<String, Message.Tick> record(SimulatorConfig config) throws Exception {
        Map<String, Message.Tick> ticks = new ConcurrentHashMap<>();
        try (EmbeddedSimulator sim = EmbeddedSimulator.start(config.withPort(0).withRate(300))) {
            sim.addPublishListener((epoch, t) -> {
                if (t.seq() >= FIRST && t.seq() < FIRST + TICKS) {
                    ticks.put(t.symbol() + "#" + t.seq(), t);
                }
            });
            await().atMost(Duration.ofSeconds(30)).until(() -> ticks.size() == 3 * TICKS);
        }
        return ticks;
    }

    @Test
    void ticksArePennyPricedWithBidBelowAskAndRoundAndOddLots() {
        SymbolSpec spec = DefaultUniverse.resolve(List.of("NVDA")).get(0);
        PriceModel model = new PriceModel(spec, 1, 0, 5.0);
        int round = 0;
        int odd = 0;
        double min = Double.MAX_VALUE;
        double max = 0;
        for (int i = 0; i < 20_000; i++) {
            model.next(i + 1);
            assertThat(model.bidCents()).isLessThan(model.askCents());
            assertThat(model.bidCents()).isLessThanOrEqualTo(model.priceCents());
            assertThat(model.askCents()).isGreaterThanOrEqualTo(model.priceCents());
            assertThat(model.size()).isPositive();
            if (model.size() % 100 == 0) {
                round++;
            } else {
                odd++;
            }
            min = Math.min(min, model.priceCents());
            max = Math.max(max, model.priceCents());
        }
        assertThat(round).isGreaterThan(1000);
        assertThat(odd).isGreaterThan(1000);
        // It moves, but stays plausible over an hour of ticks.
        assertThat(max).isGreaterThan(min);
        assertThat(max / min).isLessThan(2.0);
    }

    @Test
    void aModelRestoredFromATicksStateGoesOnWithTheSameTicks() {
        SymbolSpec spec = DefaultUniverse.resolve(List.of("AAPL")).get(0);
        PriceModel straight = new PriceModel(spec, 7, 2, 5.0);
        double stateAt100 = 0;
        for (int seq = 1; seq <= 150; seq++) {
            straight.next(seq);
            if (seq == 100) {
                stateAt100 = straight.state();
            }
        }
        PriceModel takenOver = new PriceModel(spec, 7, 2, 5.0);
        takenOver.restore(stateAt100);
        for (int seq = 101; seq <= 150; seq++) {
            takenOver.next(seq);
        }
        assertThat(takenOver.priceCents()).isEqualTo(straight.priceCents());
        assertThat(takenOver.size()).isEqualTo(straight.size());
        assertThat(takenOver.bidCents()).isEqualTo(straight.bidCents());
        assertThat(takenOver.state()).isEqualTo(straight.state());
    }

    @Test
    void defaultUniverseHasAtLeastTwentyWellKnownTickers() {
        assertThat(DefaultUniverse.defaultSymbols()).hasSizeGreaterThanOrEqualTo(20)
                .contains("AAPL", "MSFT", "NVDA", "GOOGL", "AMZN").doesNotHaveDuplicates();
        assertThat(DefaultUniverse.resolve(List.of()))
                .allSatisfy(s -> assertThat(s.startCents()).isBetween(100L, 1_000_000L));
    }

    @Test
    void historyRingKeepsTheLastTicksByComputedSlot() {
        TickHistory h = new TickHistory(3);
        assertThat(h.firstSeq()).isEqualTo(1);
        assertThat(h.lastSeq()).isZero();
        for (int i = 1; i <= 5; i++) {
            h.append(1000 + i, 1.0 * i, i, 0.99 * i, 1.01 * i, null);
        }
        assertThat(h.firstSeq()).isEqualTo(3);
        assertThat(h.lastSeq()).isEqualTo(5);
        assertThat(h.price(3)).isEqualTo(3.0);
        assertThat(h.ts(5)).isEqualTo(1005);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> h.price(2))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void secondBarsAggregateOhlcvPerSecond() {
        SecondBars bars = new SecondBars();
        bars.add(10_000, 5.00, 100);
        bars.add(10_400, 5.20, 10);
        bars.add(10_900, 4.90, 5);
        bars.add(11_100, 4.95, 1);
        var out = bars.lastHour(11_500);
        assertThat(out.size()).isEqualTo(2);
        assertThat(out.time(0)).isEqualTo(10_000);
        assertThat(out.open(0)).isEqualTo(5.00);
        assertThat(out.high(0)).isEqualTo(5.20);
        assertThat(out.low(0)).isEqualTo(4.90);
        assertThat(out.close(0)).isEqualTo(4.90);
        assertThat(out.volume(0)).isEqualTo(115);
        assertThat(out.close(1)).isEqualTo(4.95);
    }
}
