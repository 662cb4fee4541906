package io.stockmonitor.ui.watchlist;

import io.stockmonitor.ui.FakeFeedPort;

import static org.assertj.core.api.Assertions.assertThat;

import io.stockmonitor.market.Freshness;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WatchlistViewModelTest {
    private final AtomicLong clock = new AtomicLong(1_700_000_000_000L);
    private FakeFeedPort port;
    private WatchlistViewModel model;

    @BeforeEach
    void setUp() {
        port = new FakeFeedPort(List.of("AAPL", "MSFT", "META", "MU", "NVDA"), List.of("AAPL", "MSFT"), clock::get);
        model = new WatchlistViewModel();
        model.setSymbols(List.of("AAPL", "MSFT"));
        model.connect(port::serverSymbols, port::subscribe, port::unsubscribe);
    }

    @Test
    void addsAKnownSymbolAndSubscribesIt() {
        WatchRow row = model.add(" nvda ");
        assertThat(row).isNotNull();
        assertThat(model.symbols()).containsExactly("AAPL", "MSFT", "NVDA");
        assertThat(port.subscribed).containsExactly("NVDA");
        assertThat(model.addErrorProperty().get()).isEmpty();
    }

    @Test
    void refusesUnknownDuplicateAndMalformedSymbolsInline() {
        assertThat(model.add("ZZZZ")).isNull();
        assertThat(model.addErrorProperty().get()).isEqualTo("Unknown symbol: ZZZZ");
        assertThat(model.add("aapl")).isNull();
        assertThat(model.addErrorProperty().get()).contains("already");
        assertThat(model.add("12$")).isNull();
        assertThat(model.addErrorProperty().get()).contains("not a symbol");
        assertThat(model.symbols()).containsExactly("AAPL", "MSFT");
        assertThat(port.subscribed).isEmpty();
    }

    @Test
    void removesAndUnsubscribes() {
        model.remove("AAPL");
        assertThat(model.symbols()).containsExactly("MSFT");
        assertThat(port.unsubscribed).containsExactly("AAPL");
    }

    @Test
    void aSymbolTheServerRejectsLeavesWithTheReason() {
        model.add("META");
        model.rejected("META", "not entitled");
        assertThat(model.symbols()).doesNotContain("META");
        assertThat(model.addErrorProperty().get()).isEqualTo("META: not entitled");
    }

    @Test
    void suggestsServerSymbolsByPrefixLeavingOutListedOnes() {
        assertThat(model.suggestions("m")).containsExactly("META", "MU");
        assertThat(model.suggestions("")).isEmpty();
    }

    @Test
    void copiesQuotesIntoRowsAndFlashesThenFades() {
        long now = clock.get();
        port.tick("AAPL", 100.0, now);
        model.refresh(port.market, now);
        WatchRow aapl = model.rows().get(0);
        assertThat(aapl.lastProperty().get()).isEqualTo(100.0);
        assertThat(aapl.freshnessProperty().get()).isEqualTo(Freshness.LIVE);
        assertThat(aapl.freshnessTextProperty().get()).isEqualTo("LIVE");
        assertThat(aapl.flashProperty().get()).isZero();

        port.tick("AAPL", 101.5, now + 10);
        model.refresh(port.market, now + 10);
        assertThat(aapl.flashProperty().get()).isEqualTo(WatchRow.FLASH_LEVELS);
        model.fade(now + 10 + WatchRow.FLASH_MS / 2);
        assertThat(aapl.flashProperty().get()).isBetween(1, WatchRow.FLASH_LEVELS - 1);
        model.fade(now + 10 + WatchRow.FLASH_MS);
        assertThat(aapl.flashProperty().get()).isZero();

        port.tick("AAPL", 99.0, now + 1_000);
        model.refresh(port.market, now + 1_000);
        assertThat(aapl.flashProperty().get()).isEqualTo(-WatchRow.FLASH_LEVELS);
    }

    @Test
    void flashesOnlyVisibleChangesAndPausesBetweenFlashesInTheSameDirection() {
        long now = clock.get();
        port.tick("AAPL", 100.00, now);
        model.refresh(port.market, now);
        WatchRow aapl = model.rows().get(0);

        port.tick("AAPL", 100.000000001, now + 10);
        model.refresh(port.market, now + 10);
        assertThat(aapl.flashProperty().get()).as("a change below the last digit shown does not flash").isZero();
        assertThat(aapl.priceDecimals()).isEqualTo(WatchRow.MIN_DECIMALS);

        port.tick("AAPL", 100.10, now + 20);
        model.refresh(port.market, now + 20);
        assertThat(aapl.flashProperty().get()).isEqualTo(WatchRow.FLASH_LEVELS);
        long faded = now + 20 + WatchRow.FLASH_MS;
        model.fade(faded);
        assertThat(aapl.flashProperty().get()).isZero();

        port.tick("AAPL", 100.20, faded + 10);
        model.refresh(port.market, faded + 10);
        assertThat(aapl.flashProperty().get()).as("same direction, within the quiet time").isZero();

        port.tick("AAPL", 100.05, faded + 20);
        model.refresh(port.market, faded + 20);
        assertThat(aapl.flashProperty().get()).as("a turn flashes at once").isEqualTo(-WatchRow.FLASH_LEVELS);

        long quietOver = faded + 20 + WatchRow.FLASH_MS + WatchRow.FLASH_QUIET_MS;
        model.fade(quietOver);
        port.tick("AAPL", 99.90, quietOver);
        model.refresh(port.market, quietOver);
        assertThat(aapl.flashProperty().get()).isEqualTo(-WatchRow.FLASH_LEVELS);
    }

    @Test
    void aSilentSymbolTurnsStaleWithItsAge() {
        long now = clock.get();
        port.tick("MSFT", 50.0, now);
        model.refresh(port.market, now);
        long later = now + port.market.limits().staleAfterMs() + 5_000;
        clock.set(later);
        model.refresh(port.market, later);
        WatchRow msft = model.rows().get(1);
        assertThat(msft.freshnessProperty().get()).isEqualTo(Freshness.STALE);
        assertThat(msft.freshnessTextProperty().get()).startsWith("STALE ").endsWith("s");
    }

    @Test
    void sparklineFollowsTheSecondBars() {
        long now = clock.get();
        for (int i = 0; i < 5; i++) {
            port.tick("AAPL", 100 + i, now + i * 1_000L);
        }
        model.refresh(port.market, now + 5_000);
        WatchRow aapl = model.rows().get(0);
        assertThat(aapl.sparkCount()).isEqualTo(5);
        assertThat(aapl.spark()[4]).isEqualTo(104.0);
    }

    @Test
    void formatsAges() {
        assertThat(WatchRow.formatAge(7)).isEqualTo("7s");
        assertThat(WatchRow.formatAge(125)).isEqualTo("2m05s");
        assertThat(WatchRow.formatAge(3_700)).isEqualTo("1h01m");
    }
}
