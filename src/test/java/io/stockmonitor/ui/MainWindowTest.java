package io.stockmonitor.ui;

import io.stockmonitor.ui.chart.ChartMode;
import io.stockmonitor.ui.settings.Settings;
import io.stockmonitor.ui.watchlist.WatchRow;
import io.stockmonitor.ui.watchlist.WatchlistColumn;
import io.stockmonitor.ui.watchlist.WatchlistGrid;

import io.stockmonitor.source.SourceChoice;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stockmonitor.chart.PriceChart;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;

/** The main window against a market model the test fills directly (the outage test uses the real simulator). */
@ExtendWith(ApplicationExtension.class)
public class MainWindowTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final List<String> UNIVERSE = List.of("AAPL", "MSFT", "NVDA", "META", "MU", "TSLA");

    private FakeFeedPort port;
    private MainViewModel model;
    private MainView view;
    private FrameLoop loop;
    private Node root;
    private Stage stage;

    @Start
    void start(Stage stage) {
        port = new FakeFeedPort(UNIVERSE, List.of("AAPL", "MSFT", "NVDA"), System::currentTimeMillis);
        model = new MainViewModel((choice, symbols, sink) -> port);
        model.watchlist().setSymbols(List.of("AAPL", "MSFT", "NVDA"));
        ViewLoader.Loaded<MainView> loaded = new ViewLoader(model, () -> { }).load(MainView.class);
        view = loaded.controller();
        root = loaded.root();
        this.stage = stage;
        loop = showAndRun(stage, model, loaded.root(), 1200, 720);
        fillHalfMinute(port);
    }

    /** Thirty seconds of AAPL rising from 190 and MSFT falling from 410, a tick a second, ending now. */
    public static void fillHalfMinute(FakeFeedPort port) {
        long now = System.currentTimeMillis();
        for (int i = 0; i < 30; i++) {
            port.tick("AAPL", 190 + i * 0.1, now - 30_000 + i * 1_000L);
            port.tick("MSFT", 410 - i * 0.1, now - 30_000 + i * 1_000L);
        }
    }

    @Stop
    void stop() {
        loop.stop();
        model.close();
    }

    @Test
    void anAlertFiresOnATickWithAToastALogEntryAndAMarkedRow(FxRobot robot) {
        robot.interact(() -> model.alerts().addPriceAlert("MSFT", 420, 407.1));
        waitFor(() -> onFx(() -> model.alerts().rules().size()) == 1);
        long now = System.currentTimeMillis();
        // The engine sees the rule on the next trade; the first one sets the side, the second crosses.
        port.tick("MSFT", 419.5, now);
        port.tick("MSFT", 420.5, now + 1);
        waitFor(() -> onFx(() -> model.alerts().log().size()) == 1);
        assertThat(onFx(() -> model.alerts().log().get(0).price())).isEqualTo(420.5);
        waitFor(() -> onFx(() -> robot.lookup("#toastLayer").queryAs(javafx.scene.layout.VBox.class)
                .getChildren().size()) == 1);
        waitFor(() -> onFx(() -> model.watchlist().rows().get(1).alertedProperty().get()));
        assertThat(onFx(() -> model.alerts().rules().get(0).paused())).as("a one-shot alert is done").isTrue();
        robot.clickOn(".toast");
        waitFor(() -> onFx(() -> robot.lookup("#alertLog").queryTableView().isVisible()));
        assertThat(onFx(() -> robot.lookup("#alertLog").queryTableView().getItems().size())).isEqualTo(1);
    }

    @Test
    void aRightClickOnTheChartMakesAnAlertAtThatPrice(FxRobot robot) {
        robot.clickOn(cell("AAPL"));
        PriceChart chart = robot.lookup("#priceChart").queryAs(PriceChart.class);
        waitFor(() -> onFx(() -> chart.candles().size()) >= 30);
        contextMenu(robot, chart, robot.point(chart).query());
        robot.clickOn(menuItem(robot, "Alert when AAPL"));
        waitFor(() -> onFx(() -> model.alerts().rules().size()) == 1);
        io.stockmonitor.alerts.AlertRule rule = onFx(() -> model.alerts().rules().get(0));
        assertThat(rule.symbol()).isEqualTo("AAPL");
        assertThat(rule.kind().isPrice()).isTrue();
        assertThat(rule.level()).isBetween(185.0, 200.0);
    }

    @Test
    void theAlertEditorMakesARuleFromTheSelectedRow(FxRobot robot) {
        robot.clickOn(cell("NVDA"));
        javafx.scene.Parent grid = robot.lookup("#watchlistTable").queryAs(javafx.scene.Parent.class);
        Node canvas = onFx(() -> grid.getChildrenUnmodifiable().stream()
                .filter(n -> n instanceof javafx.scene.canvas.Canvas).findFirst().orElseThrow());
        contextMenu(robot, canvas, cell("NVDA"));
        robot.clickOn(menuItem(robot, "New alert on NVDA"));
        waitFor(() -> robot.lookup("#alertLevel").tryQuery().isPresent());
        robot.doubleClickOn("#alertLevel").eraseText(12).write("abc");
        robot.clickOn("Add alert");
        waitFor(() -> !robot.lookup("#alertError").queryLabeled().getText().isEmpty());
        assertThat(onFx(() -> model.alerts().rules().size())).isZero();
        robot.doubleClickOn("#alertLevel").eraseText(12).write("150.25");
        robot.clickOn("Add alert");
        waitFor(() -> onFx(() -> model.alerts().rules().size()) == 1);
        assertThat(onFx(() -> model.alerts().rules().get(0).text())).isEqualTo("NVDA>150.25");
    }

    @Test
    void theTapeShowsTheSelectedSymbolsTradesAndPausesUnderTheMouse(FxRobot robot) {
        robot.clickOn(cell("AAPL"));
        waitFor(() -> "AAPL".equals(robot.lookup("#tapeSymbol").queryLabeled().getText()));
        io.stockmonitor.ui.tape.TapeCanvas canvas = robot.lookup("#tapeCanvas")
                .queryAs(io.stockmonitor.ui.tape.TapeCanvas.class);
        waitFor(() -> onFx(canvas::rowsDrawn) >= 25);
        robot.moveTo(canvas);
        waitFor(() -> onFx(() -> model.tape().pausedProperty().get()));
        port.tick("AAPL", 199, System.currentTimeMillis());
        waitFor(() -> robot.lookup("#tapeStatus").queryLabeled().getText().equals("Paused · 1 new"));
        robot.moveTo("#addField");
        waitFor(() -> robot.lookup("#tapeStatus").queryLabeled().getText().isEmpty());
    }

    @Test
    void namedWatchlistsAreTabsAndAColumnCanBeShown(FxRobot robot) {
        // Room for the extra column (a narrow watchlist leaves columns out, the sparkline first).
        wideWatchlist(robot);
        robot.interact(() -> model.watchlist().newList("Tech"));
        waitFor(() -> onFx(() -> model.watchlist().symbols().isEmpty()));
        robot.clickOn("#addField").write("MU").type(KeyCode.ENTER);
        waitFor(() -> onFx(() -> model.watchlist().symbols()).equals(List.of("MU")));
        robot.clickOn("Main");
        waitFor(() -> onFx(() -> model.watchlist().symbols()).equals(List.of("AAPL", "MSFT", "NVDA")));
        assertThat(onFx(() -> model.watchlist().allSymbols())).contains("MU");
        robot.interact(() -> view.watchlist().showColumnChooser());
        robot.clickOn("#column-HIGH");
        waitFor(() -> onFx(() -> robot.lookup(".watchlist-column-header").queryAll().stream()
                .anyMatch(n -> n.isVisible() && "High".equals(((Label) n).getText()))));
    }

    @Test
    void addsAndRemovesSymbols(FxRobot robot) {
        robot.clickOn("#addField").write("meta").type(KeyCode.ENTER);
        waitFor(() -> model.watchlist().symbols().contains("META"));
        assertThat(port.subscribed).contains("META");
        assertThat(robot.lookup("#addField").queryTextInputControl().getText()).isEmpty();

        robot.clickOn(cell("META"));
        robot.type(KeyCode.DELETE);
        waitFor(() -> !model.watchlist().symbols().contains("META"));
        assertThat(port.unsubscribed).contains("META");
    }

    @Test
    void anUnknownSymbolGetsAnInlineError(FxRobot robot) {
        robot.clickOn("#addField").write("ZZZQ").type(KeyCode.ENTER);
        Label error = robot.lookup("#addError").queryAs(Label.class);
        waitFor(() -> error.isVisible() && error.getText().equals("Unknown symbol: ZZZQ"));
        assertThat(model.watchlist().symbols()).containsExactly("AAPL", "MSFT", "NVDA");
        assertThat(robot.listWindows()).hasSize(1);
    }

    @Test
    void selectingARowShowsThatSymbolInTheChart(FxRobot robot) {
        robot.clickOn(cell("MSFT"));
        PriceChart chart = robot.lookup("#priceChart").queryAs(PriceChart.class);
        waitFor(() -> "MSFT".equals(robot.lookup("#chartSymbol").queryLabeled().getText())
                && onFx(() -> chart.candles().size()) >= 30
                && onFx(() -> chart.candles().close(chart.candles().size() - 1)) < 408);
        robot.clickOn(cell("AAPL"));
        waitFor(() -> onFx(() -> chart.candles().size() > 0
                && chart.candles().close(chart.candles().size() - 1) > 190));
        assertThat(robot.lookup("#chartSymbol").queryLabeled().getText()).isEqualTo("AAPL");
    }

    @Test
    void switchesIntervalsAndTheTickLine(FxRobot robot) {
        robot.clickOn(cell("AAPL"));
        PriceChart chart = robot.lookup("#priceChart").queryAs(PriceChart.class);
        // A wide chart has a button per interval.
        splitAt(robot, 0.2, 0.95);
        waitFor(() -> onFx(() -> view.chart().intervals().showsButtons()));
        robot.clickOn("#mode-M1");
        waitFor(() -> onFx(() -> chart.getIntervalMillis()) == 60_000L && onFx(() -> chart.candles().size()) >= 1);
        assertThat(model.chart().modeProperty().get()).isEqualTo(ChartMode.M1);
        assertThat(onFx(() -> chart.candles().size())).isLessThan(30);

        robot.clickOn("#mode-TICKS");
        waitFor(() -> onFx(() -> chart.getMode()) == io.stockmonitor.chart.ChartMode.TICK_LINE
                && onFx(() -> chart.ticks().size()) == 30);

        for (ChartMode mode : ChartMode.values()) {
            javafx.scene.control.ToggleButton b = robot.lookup("#mode-" + mode.name()).queryAs(
                    javafx.scene.control.ToggleButton.class);
            assertThat(b.getText()).as("the whole label, never cut").isEqualTo(mode.label());
            assertThat(onFx(() -> b.getWidth())).as(mode.label()).isGreaterThanOrEqualTo(onFx(() -> b.prefWidth(-1)));
        }

        // A narrow one has a menu naming the interval instead.
        splitAt(robot, Settings.DEFAULT_DIVIDER, 0.7);
        waitFor(() -> onFx(() -> !view.chart().intervals().showsButtons()));
        assertThat(robot.lookup("#modeMenu").queryLabeled().getText()).isEqualTo("Ticks");
        robot.clickOn("#modeMenu").clickOn("#menu-mode-S5");
        waitFor(() -> onFx(() -> chart.getMode()) == io.stockmonitor.chart.ChartMode.CANDLES
                && onFx(() -> chart.getIntervalMillis()) == 5_000L);

        robot.clickOn("#modeMenu").clickOn("#menu-mode-H4");
        waitFor(() -> onFx(() -> chart.getIntervalMillis()) == 4 * 3_600_000L);
        assertThat(model.chart().modeProperty().get()).isEqualTo(ChartMode.H4);
        assertThat(robot.lookup("#modeMenu").queryLabeled().getText()).isEqualTo("4h");
    }

    /** A window wide enough for every default column and one more. */
    private void wideWatchlist(FxRobot robot) {
        robot.interact(() -> stage.setWidth(1700));
        splitAt(robot, 0.6, 0.9);
    }

    /** Moves the main split's dividers (watchlist | chart | tape). */
    private static void splitAt(FxRobot robot, double watchlist, double tape) {
        javafx.scene.control.SplitPane split = robot.lookup("#mainSplit").queryAs(javafx.scene.control.SplitPane.class);
        robot.interact(() -> split.setDividerPositions(watchlist, tape));
    }

    @Test
    void switchesTheTheme(FxRobot robot) {
        assertThat(root.getStyleClass()).contains("dark");
        robot.clickOn("#themeToggle");
        waitFor(() -> root.getStyleClass().contains("light") && !root.getStyleClass().contains("dark"));
        assertThat(Application.getUserAgentStylesheet()).contains("primer-light");
        assertThat(model.themeProperty().get()).isEqualTo(Theme.LIGHT);
        Settings saved = Settings.defaults();
        model.saveTo(saved);
        assertThat(saved.getTheme()).isEqualTo("light");
        robot.clickOn("#themeToggle");
        waitFor(() -> root.getStyleClass().contains("dark"));
        assertThat(Application.getUserAgentStylesheet()).contains("primer-dark");
    }

    @Test
    void keyboardAddsJumpsAndZooms(FxRobot robot) {
        robot.clickOn(cell("AAPL"));
        robot.press(KeyCode.CONTROL).press(KeyCode.N).release(KeyCode.N).release(KeyCode.CONTROL);
        waitFor(() -> robot.lookup("#addField").query().isFocused());

        WatchlistGrid table = grid(robot);
        robot.clickOn(cell("AAPL"));
        robot.write("N");
        waitFor(() -> "NVDA".equals(String.valueOf(onFx(table::getSelectedRow))));
        robot.type(KeyCode.UP);
        waitFor(() -> "MSFT".equals(String.valueOf(onFx(table::getSelectedRow))));
        robot.type(KeyCode.END);
        waitFor(() -> "NVDA".equals(String.valueOf(onFx(table::getSelectedRow))));

        PriceChart chart = robot.lookup("#priceChart").queryAs(PriceChart.class);
        waitFor(() -> onFx(() -> chart.candles().size()) == 0 || onFx(chart::getVisibleSpanMillis) > 0);
        double before = onFx(chart::getVisibleSpanMillis);
        robot.write("+");
        waitFor(() -> onFx(chart::getVisibleSpanMillis) < before);
        robot.write("-");
        waitFor(() -> onFx(chart::getVisibleSpanMillis) >= before * 0.99);
    }

    @Test
    void liveRowsFlashAndTheStatusBarShowsTheConnection(FxRobot robot) {
        waitFor(() -> robot.lookup("#connectionState").queryLabeled().getText().equals("CONNECTED"));
        assertThat(robot.lookup("#sourceBadge").query().isVisible()).isTrue();
        // The flash lasts a few hundred ms; a busy machine can poll right past it, so count how often it was drawn.
        WatchlistGrid table = grid(robot);
        // The rows take the model's changes a few times a second: the first price a row shows never flashes, so
        // the tick below must come after it.
        waitFor(() -> onFx(() -> !Double.isNaN(table.displayedRows().get(0).lastProperty().get())));
        long flashesBefore = onFx(table::flashUpPaints);
        robot.interact(() -> port.tick("AAPL", 250, System.currentTimeMillis()));
        waitFor(() -> onFx(table::flashUpPaints) > flashesBefore);
        WatchRow aapl = onFx(() -> table.displayedRows().get(0));
        waitFor(() -> onFx(() -> aapl.flashProperty().get()) == 0 && onFx(() -> aapl.lastProperty().get()) == 250);
        waitFor(() -> "LIVE".equals(onFx(() -> aapl.freshnessTextProperty().get())));
    }

    @Test
    void cellsAreRedrawnAFewTimesASecondHoweverFastTheTicks(FxRobot robot) throws Exception {
        java.util.concurrent.atomic.AtomicInteger redraws = new java.util.concurrent.atomic.AtomicInteger();
        robot.interact(() -> model.watchlist().rowsVersionProperty().addListener((o, a, b) -> redraws.incrementAndGet()));
        long start = System.currentTimeMillis();
        double price = 200;
        // About 200 ticks a second for two seconds: many per frame.
        while (System.currentTimeMillis() - start < 2_000) {
            price += 0.01;
            port.tick("AAPL", price, System.currentTimeMillis());
            Thread.sleep(5);
        }
        long spanMs = System.currentTimeMillis() - start;
        int seen = redraws.get();
        double last = price;
        waitFor(() -> onFx(() -> model.watchlist().rows().get(0).lastProperty().get()) == last);
        assertThat(seen).as("watchlist repaints in %d ms", spanMs)
                .isLessThanOrEqualTo((int) (spanMs / MainViewModel.CELL_REFRESH_MS) + 2);
    }

    @Test
    void headerClicksSortAscendingDescendingThenTheUsersOrder(FxRobot robot) {
        WatchlistGrid table = grid(robot);
        waitFor(() -> onFx(() -> table.displayedRows().size()) == 3);
        robot.clickOn(header(robot, "Symbol"));
        robot.clickOn(header(robot, "Symbol ▲"));
        waitFor(() -> onFx(() -> symbols(table)).equals(List.of("NVDA", "MSFT", "AAPL")));
        robot.clickOn(header(robot, "Symbol ▼"));
        waitFor(() -> onFx(() -> symbols(table)).equals(List.of("AAPL", "MSFT", "NVDA")));
        assertThat(onFx(table::sort)).isNull();
        // The user's order is the model's, untouched by sorting.
        assertThat(model.watchlist().symbols()).containsExactly("AAPL", "MSFT", "NVDA");
    }

    @Test
    void draggingATitlesEdgeResizesTheColumnWithoutSorting(FxRobot robot) {
        WatchlistGrid table = grid(robot);
        Label last = (Label) header(robot, "Last");
        double before = onFx(() -> table.columnWidth(WatchlistColumn.LAST));
        javafx.geometry.Point2D edge = onFx(() -> last.localToScreen(last.getWidth() - 1, last.getHeight() / 2));
        robot.moveTo(edge).press(javafx.scene.input.MouseButton.PRIMARY).moveBy(20, 0).moveBy(20, 0)
                .release(javafx.scene.input.MouseButton.PRIMARY);
        waitFor(() -> onFx(() -> table.columnWidth(WatchlistColumn.LAST)) >= before + 30);
        assertThat(onFx(table::sort)).as("a resize is not a click on the title").isNull();
    }

    @Test
    void columnWidthsAndTheSortAreRememberedInTheSettings(FxRobot robot) {
        wideWatchlist(robot);
        WatchlistGrid table = grid(robot);
        robot.interact(() -> {
            table.resizeColumn(WatchlistColumn.VOLUME, 140);
            table.cycleSort(WatchlistColumn.CHANGE_PERCENT);
            table.cycleSort(WatchlistColumn.CHANGE_PERCENT);
        });
        Settings saved = Settings.defaults();
        robot.interact(() -> view.saveLayout(saved, null));
        assertThat(saved.getWatchlistColumnWidths()).containsExactly(java.util.Map.entry("VOLUME", 140.0));
        assertThat(saved.getWatchlistSort()).isEqualTo("CHANGE_PERCENT:desc");

        robot.interact(() -> {
            table.sortBy(null);
            table.resizeColumn(WatchlistColumn.VOLUME, 96);
        });
        robot.interact(() -> view.restoreLayout(saved.normalized()));
        waitFor(() -> onFx(() -> table.columnWidth(WatchlistColumn.VOLUME)) == 140.0
                && onFx(() -> table.sort() != null && table.sort().format().equals("CHANGE_PERCENT:desc")));
    }

    private static List<String> symbols(WatchlistGrid table) {
        return table.displayedRows().stream().map(WatchRow::symbol).toList();
    }

    private static Node header(FxRobot robot, String text) {
        return robot.lookup(".watchlist-column-header").queryAll().stream()
                .filter(n -> n instanceof Label l && text.equals(l.getText()))
                .findFirst().orElseThrow(() -> new AssertionError("no column header " + text));
    }

    private static WatchlistGrid grid(FxRobot robot) {
        return robot.lookup("#watchlistTable").queryAs(WatchlistGrid.class);
    }

    /** A point on the row showing {@code symbol} (the rows are drawn, not nodes). */
    private javafx.geometry.Point2D cell(String symbol) {
        WatchlistGrid table = root.lookup("#watchlistTable") instanceof WatchlistGrid g ? g : null;
        waitFor(() -> table != null && onFx(() -> !Double.isNaN(rowY(table, symbol))));
        return onFx(() -> table.localToScreen(40, rowY(table, symbol)));
    }

    private static double rowY(WatchlistGrid table, String symbol) {
        return table.displayedRows().stream().filter(r -> r.symbol().equals(symbol)).findFirst()
                .map(table::rowCenterY).orElse(Double.NaN);
    }

    /** The menu key's event at a screen point (Monocle's robot right-clicks without one). */
    private static void contextMenu(FxRobot robot, Node target, javafx.geometry.Point2D screen) {
        robot.interact(() -> {
            javafx.geometry.Point2D local = target.screenToLocal(screen);
            javafx.event.Event.fireEvent(target, new javafx.scene.input.ContextMenuEvent(
                    javafx.scene.input.ContextMenuEvent.CONTEXT_MENU_REQUESTED, local.getX(), local.getY(),
                    screen.getX(), screen.getY(), false, null));
        });
    }

    /** A context menu's item by the start of its text (menu items have no node ids to look up). */
    private static Node menuItem(FxRobot robot, String textStart) {
        WaitForAsyncUtils.waitForFxEvents();
        return robot.lookup(n -> n instanceof javafx.scene.control.Labeled l && l.getText() != null
                && l.getText().startsWith(textStart) && n.isVisible()).query();
    }

    /**
     * Shows {@code root} in the stage at {@code width} × {@code height} (TestFX keeps one stage for every test, so a
     * size an earlier test set goes), starts the frame loop and connects to the demo; returns the loop to stop.
     */
    public static FrameLoop showAndRun(Stage stage, MainViewModel model, javafx.scene.Parent root, double width,
            double height) {
        stage.setScene(new Scene(root, width, height));
        stage.setWidth(width);
        stage.setHeight(height);
        stage.show();
        FrameLoop loop = new FrameLoop(model);
        loop.start();
        model.connect(SourceChoice.demo());
        return loop;
    }

    public static <T> T onFx(Callable<T> call) {
        return WaitForAsyncUtils.waitFor(WaitForAsyncUtils.asyncFx(call));
    }

    public static void waitFor(Callable<Boolean> condition) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(() -> {
            WaitForAsyncUtils.waitForFxEvents();
            return condition.call();
        });
    }
}
