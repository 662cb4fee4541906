package io.stockmonitor.ui.tape;

import static org.assertj.core.api.Assertions.assertThat;

import io.stockmonitor.market.GapKind;
import io.stockmonitor.market.MarketLimits;
import io.stockmonitor.market.MarketModel;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The tape's rows from the model's ring, its marks, and the canvas drawing only the new rows. */
@ExtendWith(ApplicationExtension.class)
class TapeTest {
    private final AtomicLong clock = new AtomicLong(1_800_000_000_000L);
    private final MarketModel market = new MarketModel(new MarketLimits(4_096, 600, 600, 16, 8, 15_000), clock::get);
    private final TapeViewModel tape = new TapeViewModel();
    private long seq;

    @Start
    void start(Stage stage) {
        // The canvas is laid out by hand: the toolkit is all it needs.
    }

    private void trade(String symbol, double price, double size) {
        clock.addAndGet(10);
        market.applyTick(symbol, ++seq, clock.get(), price, size, price - 0.01, price + 0.01, clock.get());
    }

    private TapeRows rows() {
        return tape.rows();
    }

    @Test
    void appendsExactlyTheNewTradesWithDirectionAndSide() {
        market.addSymbol("AAPL");
        trade("AAPL", 100, 100);
        trade("AAPL", 100.5, 200);
        tape.symbolProperty().set("AAPL");
        tape.refresh(market, clock.get());
        assertThat(rows().size()).isEqualTo(2);
        assertThat(rows().price(0)).isEqualTo(100.5);
        // Three trades in the same millisecond: all three appear, once each.
        market.applyTick("AAPL", ++seq, clock.get(), 100.4, 10, 100.39, 100.41, clock.get());
        market.applyTick("AAPL", ++seq, clock.get(), 100.41, 20, 100.39, 100.41, clock.get());
        market.applyTick("AAPL", ++seq, clock.get(), 100.39, 5_000, 100.39, 100.41, clock.get());
        tape.refresh(market, clock.get());
        tape.refresh(market, clock.get());
        assertThat(rows().size()).isEqualTo(5);
        assertThat(rows().size(0)).isEqualTo(5_000);
        assertThat(rows().direction(0)).isEqualTo(TapeRows.DOWN);
        assertThat(rows().side(0)).isEqualTo(TapeRows.AT_BID);
        assertThat(rows().direction(1)).isEqualTo(TapeRows.UP);
        assertThat(rows().side(1)).isEqualTo(TapeRows.AT_ASK);
        assertThat(rows().direction(2)).isEqualTo(TapeRows.DOWN);
    }

    @Test
    void gapsAndRefillsAreMarkedWhereTheyBeganUnderTheTradesThatFilledThem() {
        market.addSymbol("AAPL");
        tape.symbolProperty().set("AAPL");
        trade("AAPL", 100, 1);
        tape.refresh(market, clock.get());
        market.markRefilling("AAPL", clock.get(), clock.get());
        trade("AAPL", 100.1, 1);
        trade("AAPL", 100.2, 1);
        market.settleGaps("AAPL", GapKind.EXACT, 0, 37, clock.get());
        trade("AAPL", 100.3, 1);
        tape.refresh(market, clock.get());
        assertThat(rows().price(0)).isEqualTo(100.3);
        assertThat(rows().price(2)).isEqualTo(100.1);
        assertThat(rows().mark(3)).isEqualTo("— 37 trades refilled —");
        assertThat(rows().price(4)).isEqualTo(100);

        long down = clock.get();
        market.connectionLost(down);
        clock.addAndGet(4_200);
        market.connectionRestored(clock.get());
        market.settleGaps("AAPL", GapKind.EXACT, 0, 0, clock.get());
        tape.refresh(market, clock.get());
        assertThat(rows().mark(0)).isEqualTo("— connection lost 4.2 s · resumed, nothing lost —");

        market.markRefilling("AAPL", clock.get(), clock.get());
        market.settleGaps("AAPL", GapKind.LOST, 12, 0, clock.get());
        clock.addAndGet(1_000);
        tape.refresh(market, clock.get());
        assertThat(rows().mark(0)).isEqualTo("— 12 trades lost —");
        int before = rows().size();
        tape.refresh(market, clock.get() + 5_000);
        assertThat(rows().size()).as("each mark once").isEqualTo(before);
    }

    @Test
    void pausedRowsWaitAndTheStatusCountsThem() {
        market.addSymbol("AAPL");
        tape.symbolProperty().set("AAPL");
        tape.refresh(market, clock.get());
        tape.pausedProperty().set(true);
        trade("AAPL", 100, 1);
        trade("AAPL", 101, 1);
        tape.refresh(market, clock.get());
        assertThat(tape.statusProperty().get()).isEqualTo("Paused · 2 new");
        tape.pausedProperty().set(false);
        assertThat(tape.statusProperty().get()).isEmpty();
    }

    @Test
    void anotherSymbolReloadsFromItsRing() {
        market.addSymbol("AAPL");
        market.addSymbol("MSFT");
        trade("AAPL", 100, 1);
        trade("MSFT", 400, 1);
        trade("MSFT", 401, 1);
        tape.symbolProperty().set("AAPL");
        tape.refresh(market, clock.get());
        assertThat(rows().size()).isEqualTo(1);
        tape.symbolProperty().set("MSFT");
        tape.refresh(market, clock.get());
        assertThat(rows().size()).isEqualTo(2);
        assertThat(rows().price(0)).isEqualTo(401);
    }

    @Test
    void theCanvasDrawsANewTradeOnceAndRedrawsOnlyForAFilter() {
        market.addSymbol("AAPL");
        for (int i = 0; i < 60; i++) {
            trade("AAPL", 100 + i * 0.01, i % 2 == 0 ? 100 : 5);
        }
        tape.symbolProperty().set("AAPL");
        tape.refresh(market, clock.get());
        TapeCanvas canvas = onFx(() -> {
            TapeCanvas c = new TapeCanvas(tape);
            c.resize(280, 360);
            c.layout();
            return c;
        });
        long first = onFx(canvas::rowsDrawn);
        assertThat(first).as("the visible rows, not all 60").isBetween(20L, 24L);
        trade("AAPL", 101, 100);
        tape.refresh(market, clock.get());
        assertThat(onFx(() -> {
            canvas.update();
            return canvas.rowsDrawn();
        }) - first).isEqualTo(1);
        long before = onFx(canvas::rowsDrawn);
        tape.minSizeProperty().set(50);
        assertThat(onFx(() -> {
            canvas.update();
            return canvas.rowsDrawn();
        }) - before).as("a new filter draws the visible rows again").isBetween(20L, 24L);
        tape.pausedProperty().set(true);
        trade("AAPL", 102, 100);
        tape.refresh(market, clock.get());
        long paused = onFx(() -> {
            canvas.update();
            return canvas.rowsDrawn();
        });
        assertThat(paused).as("nothing drawn while paused").isEqualTo(onFx(canvas::rowsDrawn));
    }

    static <T> T onFx(Callable<T> call) {
        return WaitForAsyncUtils.waitFor(WaitForAsyncUtils.asyncFx(call));
    }
}
