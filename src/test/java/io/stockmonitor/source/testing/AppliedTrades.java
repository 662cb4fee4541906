package io.stockmonitor.source.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.stockmonitor.feed.ConnectionSupervisor;
import io.stockmonitor.feed.FeedEvent;
import io.stockmonitor.market.GapKind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What a source under test applied, per symbol, in order: every trade through the client's tick sink, every event
 * through a listener. {@link #assertExact} compares a symbol's applied trades with the emulator's trade list: the
 * same ids, each once, in order, with the same time, price and size.
 */
public final class AppliedTrades {
    /** One applied trade. */
    public record Applied(String epoch, long id, long ts, double price, double size) {
    }

    private final Map<String, List<Applied>> bySymbol = new ConcurrentHashMap<>();
    private final List<FeedEvent> events = new CopyOnWriteArrayList<>();

    /** Attaches to {@code client} before it starts. */
    public AppliedTrades(ConnectionSupervisor client) {
        client.setTickSink((symbol, epoch, seq, ts, price, size) -> bySymbol
                .computeIfAbsent(symbol, k -> Collections.synchronizedList(new ArrayList<>()))
                .add(new Applied(epoch, seq, ts, price, size)));
        client.addListener(events::add);
    }

    public List<Applied> of(String symbol) {
        List<Applied> list = bySymbol.get(symbol);
        if (list == null) {
            return List.of();
        }
        synchronized (list) {
            return List.copyOf(list);
        }
    }

    /** The newest applied id of the symbol, or -1. */
    public long lastId(String symbol) {
        List<Applied> list = of(symbol);
        return list.isEmpty() ? -1 : list.get(list.size() - 1).id();
    }

    public List<FeedEvent> events() {
        return List.copyOf(events);
    }

    public List<FeedEvent.GapSettled> gaps(String symbol) {
        List<FeedEvent.GapSettled> gaps = new ArrayList<>();
        for (FeedEvent e : events) {
            if (e instanceof FeedEvent.GapSettled g && g.symbol().equals(symbol)) {
                gaps.add(g);
            }
        }
        return gaps;
    }

    /**
     * The symbol's applied trades are exactly the emulator's from the first applied one to the emulator's newest:
     * no id missing, none twice, in order, each with its time, price and size. Returns how many were compared.
     */
    public int assertExact(String symbol, List<EmulatedTrade> truth) {
        List<Applied> applied = of(symbol);
        assertThat(applied).as("trades applied for %s", symbol).isNotEmpty();
        long first = applied.get(0).id();
        List<EmulatedTrade> expected = truth.stream().filter(t -> t.id() >= first).toList();
        assertThat(applied).as("%s: applied trades against the provider's list", symbol).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            EmulatedTrade t = expected.get(i);
            Applied a = applied.get(i);
            assertThat(a.id()).as("%s trade #%d", symbol, i).isEqualTo(t.id());
            assertThat(a.ts()).as("%s time of id %d", symbol, t.id()).isEqualTo(t.timeMs());
            assertThat(a.price()).as("%s price of id %d", symbol, t.id()).isEqualTo(t.price().doubleValue());
            assertThat(a.size()).as("%s size of id %d", symbol, t.id()).isEqualTo(t.size().doubleValue());
        }
        return expected.size();
    }

    /** Every gap the symbol settled was exact. */
    public void assertNoLoss(String symbol) {
        assertThat(gaps(symbol)).as("gaps of %s", symbol).allSatisfy(g -> assertThat(g.kind())
                .isEqualTo(GapKind.EXACT));
    }
}
