package io.stockmonitor.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.Callable;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The drawn watchlist redraws only the cells whose values changed; the frame is driven by hand here. */
@ExtendWith(ApplicationExtension.class)
class WatchlistGridTest {
    private static final int COLUMNS = WatchlistColumn.defaultShown().size();

    private final long start = 1_700_000_000_000L;
    private FakeFeedPort port;
    private WatchlistViewModel model;
    private WatchlistGrid grid;

    @Start
    void start(Stage stage) {
        // The grid is laid out by hand, outside a window: the toolkit is all it needs.
    }

    @BeforeEach
    void setUp() {
        port = new FakeFeedPort(List.of("AAPL", "MSFT", "NVDA"), List.of("AAPL", "MSFT", "NVDA"), () -> start);
        model = new WatchlistViewModel();
        model.setSymbols(List.of("AAPL", "MSFT", "NVDA"));
        port.tick("AAPL", 190.0, start);
        port.tick("MSFT", 410.0, start);
        model.refresh(port.market(), start);
        model.fade(start);
        grid = onFx(() -> {
            WatchlistGrid g = new WatchlistGrid();
            g.setItems(model.rows());
            g.resize(900, 400);
            g.layout();
            return g;
        });
    }

    @Test
    void firstPaintDrawsEveryCellOfEveryRowThenNothingWhileNothingChanges() {
        assertThat(onFx(grid::cellsPainted)).isEqualTo(3L * COLUMNS);
        assertThat(onFx(() -> {
            grid.repaint();
            grid.repaint();
            return grid.cellsPainted();
        })).isEqualTo(3L * COLUMNS);
    }

    @Test
    void aTickRedrawsOnlyThatRowsChangedCells() {
        long before = onFx(grid::cellsPainted);
        port.tick("MSFT", 411.0, start + 100);
        long drawn = onFx(() -> {
            model.refresh(port.market(), start + 100);
            model.fade(start + 100);
            grid.repaint();
            return grid.cellsPainted() - before;
        });
        // Last, change, change %, bid, ask, volume: at most those six, and never a whole row.
        assertThat(drawn).isBetween(1L, 6L);
        assertThat(onFx(grid::flashUpPaints)).isEqualTo(1);
    }

    @Test
    void selectionRedrawsTheRowsItLeavesAndEntersAndSortingRedrawsAll() {
        long before = onFx(grid::cellsPainted);
        WatchRow msft = model.rows().get(1);
        long drawn = onFx(() -> {
            grid.select(msft);
            return grid.cellsPainted() - before;
        });
        assertThat(drawn).isEqualTo(COLUMNS);
        long moved = onFx(() -> {
            long b = grid.cellsPainted();
            grid.select(model.rows().get(2));
            return grid.cellsPainted() - b;
        });
        assertThat(moved).isEqualTo(2L * COLUMNS);

        long sorted = onFx(() -> {
            long b = grid.cellsPainted();
            grid.cycleSort(WatchlistColumn.LAST);
            grid.cycleSort(WatchlistColumn.LAST);
            grid.layout();
            return grid.cellsPainted() - b;
        });
        assertThat(onFx(() -> grid.displayedRows().stream().map(WatchRow::symbol).toList()))
                .as("descending by last price; a row without one goes last")
                .containsExactly("MSFT", "AAPL", "NVDA");
        assertThat(sorted).isGreaterThanOrEqualTo(3L * COLUMNS);
    }

    @Test
    void aSortedListFollowsChangingValuesAtMostOnceASecond() {
        onFx(() -> {
            grid.cycleSort(WatchlistColumn.LAST);
            grid.cycleSort(WatchlistColumn.LAST);
            grid.layout();
            return null;
        });
        assertThat(onFx(() -> symbols())).containsExactly("MSFT", "AAPL", "NVDA");
        port.tick("AAPL", 500.0, start + 100);
        long now = System.nanoTime();
        onFx(() -> {
            model.refresh(port.market(), start + 100);
            grid.resortIfDue(now);
            return null;
        });
        assertThat(onFx(() -> symbols())).as("not yet: the last sort was just now").containsExactly("MSFT", "AAPL",
                "NVDA");
        long before = onFx(grid::cellsPainted);
        onFx(() -> {
            grid.resortIfDue(now + WatchlistGrid.RESORT_INTERVAL_NANOS);
            grid.repaint();
            return null;
        });
        assertThat(onFx(() -> symbols())).containsExactly("AAPL", "MSFT", "NVDA");
        assertThat(onFx(grid::cellsPainted) - before).as("the two rows that swapped, redrawn whole")
                .isEqualTo(2L * COLUMNS);
    }

    private List<String> symbols() {
        return grid.displayedRows().stream().map(WatchRow::symbol).toList();
    }

    @Test
    void rowsBeyondTheViewAreNotDrawnAndScrollingBringsThemIn() {
        List<String> many = new java.util.ArrayList<>();
        for (int i = 0; i < 60; i++) {
            many.add("S" + i);
        }
        onFx(() -> {
            model.setSymbols(many);
            grid.layout();
            return null;
        });
        int fits = (int) Math.ceil(onFx(() -> grid.getHeight()) / 36.0);
        long drawnForAll = onFx(grid::cellsPainted);
        assertThat(drawnForAll).isLessThanOrEqualTo(3L * COLUMNS + (long) fits * COLUMNS);
        WatchRow last = onFx(() -> grid.displayedRows().get(59));
        assertThat(onFx(() -> grid.rowCenterY(last))).isNaN();
        onFx(() -> {
            grid.select(last);
            return null;
        });
        assertThat(onFx(() -> grid.rowCenterY(last))).isBetween(0.0, onFx(() -> grid.getHeight()));
    }

    private static <T> T onFx(Callable<T> call) {
        return WaitForAsyncUtils.waitFor(WaitForAsyncUtils.asyncFx(call));
    }
}
