package io.stockmonitor.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stockmonitor.feed.testing.FeedHarness;
import io.stockmonitor.protocol.Protocol;
import io.stockmonitor.protocol.ResyncReason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A watchlist larger than one request may name, and a burst of adds faster than the server's request limit: every
 * symbol still gets data, resumes across a drop, and the server never answers too_many_symbols or rate_limited.
 */
@Timeout(value = 90, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ManySymbolsTest {

    @Test
    void moreSymbolsThanOneRequestAllowsAndABurstOfAdds() throws Exception {
        int total = Protocol.MAX_SYMBOLS_PER_REQUEST * 2 + 30;
        int atStart = Protocol.MAX_SYMBOLS_PER_REQUEST + 50;
        List<String> symbols = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            symbols.add(String.format("S%03d", i));
        }
        try (FeedHarness h = new FeedHarness(symbols, 2, 7, FeedHarness.HEARTBEAT_MS,
                c -> c.withSymbols(symbols.subList(0, atStart)))) {
            h.awaitConnected();
            // More adds, one call each, faster than MAX_REQUESTS_PER_SECOND.
            symbols.subList(atStart, total).forEach(h.client::subscribe);
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> symbols.stream().allMatch(s -> !h.appliedCopy(s).isEmpty()));

            long reconnects = h.client.stats().reconnects();
            h.sim.faults().dropAllConnections();
            await().atMost(Duration.ofSeconds(30)).until(() -> h.client.stats().reconnects() > reconnects);
            h.awaitConnected();
            h.awaitCaughtUp();

            assertThat(h.events()).noneMatch(e -> e instanceof FeedEvent.ServerError
                    || e instanceof FeedEvent.SymbolRejected);
            assertThat(h.client.stats().symbolsResumed()).isGreaterThanOrEqualTo(total);
            assertThat(h.checkStreams(FeedHarness.only(ResyncReason.NEW))).isPositive();
        }
    }
}
