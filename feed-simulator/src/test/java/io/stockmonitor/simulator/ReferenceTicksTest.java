package io.stockmonitor.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stockmonitor.protocol.Message;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The soak's reference recomputes exactly what a running simulator publishes, in every epoch. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ReferenceTicksTest {
    @Test
    void everyPublishedPriceAndSizeIsTheReferences() throws Exception {
        List<String> symbols = List.of("AAPL", "MSFT", "NVDA");
        long seed = 424_242;
        double rate = 150;
        Map<String, Message.Tick> published = new ConcurrentHashMap<>();
        Map<String, Integer> epochIndex = new ConcurrentHashMap<>();
        try (EmbeddedSimulator sim = EmbeddedSimulator.start(SimulatorConfig.defaults().withPort(0)
                .withSymbols(symbols).withSeed(seed).withRate(rate))) {
            epochIndex.put(sim.epoch(), 0);
            sim.addPublishListener((epoch, tick) -> published.put(epoch + "|" + tick.symbol() + "|" + tick.seq(),
                    tick));
            await().atMost(Duration.ofSeconds(30)).until(() -> published.size() >= 300);
            sim.faults().restartWithNewEpoch();
            epochIndex.put(sim.epoch(), 1);
            await().atMost(Duration.ofSeconds(30)).until(() -> published.size() >= 600);
        }
        ReferenceTicks reference = new ReferenceTicks(symbols, seed, rate);
        int checked = 0;
        for (Map.Entry<String, Message.Tick> e : published.entrySet()) {
            String[] key = e.getKey().split("\\|");
            Integer index = epochIndex.get(key[0]);
            if (index == null) {
                continue;
            }
            Message.Tick t = e.getValue();
            assertThat(reference.priceCents(index, t.symbol(), t.seq())).as(e.getKey())
                    .isEqualTo(Math.round(t.price() * 100));
            assertThat(reference.size(index, t.symbol(), t.seq())).as(e.getKey()).isEqualTo(Math.round(t.size()));
            checked++;
        }
        assertThat(checked).isGreaterThan(500);
        assertThat(reference.priceCents(0, "NOPE", 1)).isEqualTo(-1);
    }
}
