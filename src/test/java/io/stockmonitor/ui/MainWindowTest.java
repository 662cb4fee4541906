package io.stockmonitor.ui;

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
class MainWindowTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final List<String> UNIVERSE = List.of("AAPL", "MSFT", "NVDA", "META", "MU", "TSLA");

    private FakeFeedPort port;
    private MainViewModel model;
    private MainView view;
    private FrameLoop loop;
    private Node root;

    @Start
    void start(Stage stage) {
        port = new FakeFeedPort(UNIVERSE, List.of("AAPL", "MSFT", "NVDA"), System::currentTimeMillis);
        model = new MainViewModel((choice, symbols, sink) -> port);
        model.watchlist().setSymbols(List.of("AAPL", "MSFT", "NVDA"));
        ViewLoader.Loaded<MainView> loaded = new ViewLoader(model, () -> { }).load(MainView.class);
        view = loaded.controller();
        root = loaded.root();
        stage.setScene(new Scene(loaded.root(), 1200, 720));
        stage.show();
        loop = new FrameLoop(model);
        loop.start();
        model.connect(SourceChoice.demo());
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
        robot.clickOn("#mode-M1");
        waitFor(() -> onFx(() -> chart.getIntervalMillis()) == 60_000L && onFx(() -> chart.candles().size()) >= 1);
        assertThat(model.chart().modeProperty().get()).isEqualTo(ChartMode.M1);
        assertThat(onFx(() -> chart.candles().size())).isLessThan(30);

        robot.clickOn("#mode-TICKS");
        waitFor(() -> onFx(() -> chart.getMode()) == io.stockmonitor.chart.ChartMode.TICK_LINE
                && onFx(() -> chart.ticks().size()) == 30);

        robot.clickOn("#mode-S5");
        waitFor(() -> onFx(() -> chart.getMode()) == io.stockmonitor.chart.ChartMode.CANDLES
                && onFx(() -> chart.getIntervalMillis()) == 5_000L);

        robot.clickOn("#mode-H4");
        waitFor(() -> onFx(() -> chart.getIntervalMillis()) == 4 * 3_600_000L);
        assertThat(model.chart().modeProperty().get()).isEqualTo(ChartMode.H4);
        for (ChartMode mode : ChartMode.values()) {
            javafx.scene.control.ToggleButton b = robot.lookup("#mode-" + mode.name()).queryAs(
                    javafx.scene.control.ToggleButton.class);
            assertThat(b.getText()).as("the whole label, never cut").isEqualTo(mode.label());
            assertThat(onFx(() -> b.getWidth())).as(mode.label()).isGreaterThanOrEqualTo(onFx(() -> b.prefWidth(-1)));
        }
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
        long flashesBefore = onFx(table::flashUpPaints);
        robot.interact(() -> port.tick("AAPL", 250, System.currentTimeMillis()));
        waitFor(() -> onFx(table::flashUpPaints) > flashesBefore);
        WatchRow aapl = onFx(() -> table.displayedRows().get(0));
        waitFor(() -> onFx(() -> aapl.flashProperty().get()) == 0 && onFx(() -> aapl.lastProperty().get()) == 250);
        waitFor(() -> "LIVE".equals(onFx(() -> aapl.freshnessTextProperty().get())));
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

    static <T> T onFx(Callable<T> call) {
        return WaitForAsyncUtils.waitFor(WaitForAsyncUtils.asyncFx(call));
    }

    static void waitFor(Callable<Boolean> condition) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(() -> {
            WaitForAsyncUtils.waitForFxEvents();
            return condition.call();
        });
    }
}
