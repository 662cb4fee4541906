package io.stockmonitor.ui;

import static io.stockmonitor.ui.MainWindowTest.onFx;
import static io.stockmonitor.ui.MainWindowTest.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import io.stockmonitor.chart.PriceChart;
import io.stockmonitor.ui.chart.ChartLayout;
import io.stockmonitor.ui.chart.ChartMode;
import io.stockmonitor.ui.chart.ChartView;
import io.stockmonitor.ui.chart.LinkGroup;
import io.stockmonitor.ui.settings.Settings;
import java.util.List;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

/**
 * Layouts of one, two and four charts: each further chart follows the watchlist while linked and keeps its own
 * symbol when not, has its own interval, and the layout with its charts is remembered in the settings.
 */
@ExtendWith(ApplicationExtension.class)
class ChartLayoutFxTest {
    private FakeFeedPort port;
    private MainViewModel model;
    private MainView view;
    private FrameLoop loop;

    @Start
    void start(Stage stage) {
        List<String> symbols = List.of("AAPL", "MSFT", "NVDA");
        port = new FakeFeedPort(symbols, symbols, System::currentTimeMillis);
        model = new MainViewModel((choice, s, sink) -> port);
        model.watchlist().setSymbols(symbols);
        ViewLoader.Loaded<MainView> loaded = new ViewLoader(model, () -> { }).load(MainView.class);
        view = loaded.controller();
        loop = MainWindowTest.showAndRun(stage, model, loaded.root(), 1200, 720);
        MainWindowTest.fillHalfMinute(port);
    }

    @Stop
    void stop() {
        loop.stop();
        model.close();
    }

    @Test
    void fourChartsFollowTheWatchlistUnlessUnlinkedEachWithItsOwnInterval(FxRobot robot) {
        robot.interact(() -> view.watchlist().select("AAPL"));
        waitFor(() -> "AAPL".equals(onFx(() -> model.chart().symbolProperty().get())));
        robot.interact(() -> model.chartLayoutProperty().set(ChartLayout.FOUR));
        waitFor(() -> onFx(() -> view.charts().size()) == 4);
        List<ChartView> charts = onFx(view::charts);
        assertThat(onFx(() -> robot.lookup("#chartGrid .price-chart").queryAll().size())).isEqualTo(4);
        for (ChartView c : charts) {
            waitFor(() -> "AAPL".equals(onFx(() -> c.model().symbolProperty().get())));
        }
        // Four toolbars in a row of two: what does not fit leaves (zoom, then Follow live); nothing shows "…".
        for (javafx.scene.Node bar : onFx(() -> robot.lookup("#chartGrid .chart-toolbar").queryAll())) {
            javafx.geometry.Bounds barBounds = onFx(() -> bar.localToScene(bar.getLayoutBounds()));
            for (javafx.scene.control.Labeled l : onFx(() -> SmallWindowFxTest.labeleds((javafx.scene.Parent) bar))) {
                assertThat(onFx(() -> SmallWindowFxTest.shownText(l))).as(l.getText()).isEqualTo(onFx(l::getText));
                assertThat(onFx(() -> l.localToScene(l.getLayoutBounds()).getMaxX())).as(l.getText() + " inside")
                        .isLessThanOrEqualTo(barBounds.getMaxX() + 0.5);
            }
        }

        // The second chart keeps its symbol once out of the group; the others follow the new selection.
        assertThat(onFx(() -> charts.get(1).model().groupProperty().get())).isEqualTo(LinkGroup.GREEN);
        robot.clickOn(groupButton(charts.get(1))).clickOn("Own symbol (no group)");
        waitFor(() -> onFx(() -> charts.get(1).model().groupProperty().get()) == LinkGroup.NONE);
        robot.interact(() -> view.watchlist().select("MSFT"));
        waitFor(() -> "MSFT".equals(onFx(() -> charts.get(3).model().symbolProperty().get())));
        assertThat(onFx(() -> charts.get(0).model().symbolProperty().get())).isEqualTo("MSFT");
        assertThat(onFx(() -> charts.get(2).model().symbolProperty().get())).isEqualTo("MSFT");
        assertThat(onFx(() -> charts.get(1).model().symbolProperty().get())).isEqualTo("AAPL");
        PriceChart second = charts.get(1).surface().node();
        waitFor(() -> onFx(() -> second.candles().size() > 0
                && second.candles().close(second.candles().size() - 1) > 190
                && second.candles().close(second.candles().size() - 1) < 200));

        // Each chart its own interval.
        robot.interact(() -> charts.get(2).model().modeProperty().set(ChartMode.M1));
        PriceChart third = charts.get(2).surface().node();
        waitFor(() -> onFx(third::getIntervalMillis) == 60_000L);
        assertThat(onFx(() -> charts.get(0).surface().node().getIntervalMillis())).isEqualTo(1_000L);

        // Remembered: the layout and each further chart's symbol, interval and link.
        Settings saved = Settings.defaults();
        robot.interact(() -> model.saveTo(saved));
        Settings reread = saved.normalized();
        assertThat(reread.getChartLayout()).isEqualTo("FOUR");
        MainViewModel next = new MainViewModel((choice, s, sink) -> port);
        next.restoreFrom(reread, null);
        assertThat(next.chartLayoutProperty().get()).isEqualTo(ChartLayout.FOUR);
        assertThat(next.chart(1).symbolProperty().get()).isEqualTo("AAPL");
        assertThat(next.chart(1).groupProperty().get()).isEqualTo(LinkGroup.NONE);
        assertThat(next.chart(2).modeProperty().get()).isEqualTo(ChartMode.M1);
        assertThat(next.chart(3).groupProperty().get()).isEqualTo(LinkGroup.GREEN);
        next.close();

        robot.interact(() -> model.chartLayoutProperty().set(ChartLayout.TWO_STACKED));
        waitFor(() -> onFx(() -> robot.lookup("#chartGrid .price-chart").queryAll().size()) == 2);
        double[] ys = onFx(() -> new double[] {charts.get(0).surface().node().localToScene(0, 0).getY(),
                charts.get(1).surface().node().localToScene(0, 0).getY()});
        assertThat(ys[1]).as("stacked").isGreaterThan(ys[0] + 50);
        robot.interact(() -> model.chartLayoutProperty().set(ChartLayout.ONE));
        waitFor(() -> onFx(() -> robot.lookup("#chartGrid .price-chart").queryAll().size()) == 1);
    }

    @Test
    void theViewMenuSwitchesTheLayout(FxRobot robot) {
        robot.clickOn("View").clickOn("Charts");
        clickWhenShown(robot, "Two side by side");
        waitFor(() -> onFx(() -> model.chartLayoutProperty().get()) == ChartLayout.TWO_SIDE_BY_SIDE);
        waitFor(() -> onFx(() -> robot.lookup("#chartGrid .price-chart").queryAll().size()) == 2);
        List<ChartView> charts = onFx(view::charts);
        double[] xs = onFx(() -> new double[] {charts.get(0).surface().node().localToScene(0, 0).getX(),
                charts.get(1).surface().node().localToScene(0, 0).getX()});
        assertThat(xs[1]).as("side by side").isGreaterThan(xs[0] + 50);
        robot.clickOn("View").clickOn("Charts");
        clickWhenShown(robot, "One chart");
        waitFor(() -> onFx(() -> model.chartLayoutProperty().get()) == ChartLayout.ONE);
    }

    @Test
    void theCrosshairFollowsThePointerInTimeAcrossLinkedChartsAndLeavesWithIt(FxRobot robot) {
        robot.interact(() -> view.watchlist().select("AAPL"));
        robot.interact(() -> model.chartLayoutProperty().set(ChartLayout.TWO_SIDE_BY_SIDE));
        waitFor(() -> onFx(() -> view.charts().size()) == 2);
        List<ChartView> charts = onFx(view::charts);
        PriceChart first = charts.get(0).surface().node();
        PriceChart second = charts.get(1).surface().node();
        for (PriceChart c : List.of(first, second)) {
            waitFor(() -> onFx(() -> c.candles().size() > 0 && c.getWidth() > 100));
        }
        javafx.geometry.Bounds b = onFx(() -> first.localToScreen(first.getLayoutBounds()));
        robot.moveTo(b.getMinX() + b.getWidth() * 0.4, b.getMinY() + b.getHeight() * 0.4);
        waitFor(() -> onFx(() -> first.hoveredTimeProperty().get()) != PriceChart.NO_TIME);
        long hovered = onFx(() -> first.hoveredTimeProperty().get());
        double column = onFx(() -> first.getVisibleSpanMillis() / first.getWidth());
        waitFor(() -> onFx(second::getLinkedCrosshairTime) != PriceChart.NO_TIME);
        assertThat((double) onFx(second::getLinkedCrosshairTime)).isCloseTo((double) hovered,
                org.assertj.core.data.Offset.offset(column));
        assertThat(onFx(first::getLinkedCrosshairTime)).as("not its own").isEqualTo(PriceChart.NO_TIME);

        // The pointer leaves: the line leaves every chart.
        javafx.geometry.Bounds list = onFx(() -> robot.lookup("#watchlistTable").query()
                .localToScreen(robot.lookup("#watchlistTable").query().getLayoutBounds()));
        robot.moveTo(list.getMinX() + list.getWidth() / 2, list.getMinY() + list.getHeight() / 2);
        waitFor(() -> onFx(() -> first.hoveredTimeProperty().get()) == PriceChart.NO_TIME);
        waitFor(() -> onFx(second::getLinkedCrosshairTime) == PriceChart.NO_TIME);
        assertThat(onFx(first::getLinkedCrosshairTime)).isEqualTo(PriceChart.NO_TIME);

        // A chart keeping its own symbol is not in the group: the line does not reach it.
        robot.interact(() -> charts.get(1).model().groupProperty().set(LinkGroup.NONE));
        robot.moveTo(b.getMinX() + b.getWidth() * 0.3, b.getMinY() + b.getHeight() * 0.4);
        waitFor(() -> onFx(() -> first.hoveredTimeProperty().get()) != PriceChart.NO_TIME);
        assertThat(onFx(second::getLinkedCrosshairTime)).isEqualTo(PriceChart.NO_TIME);
        // The other way round too: the second chart's pointer reaches no one.
        javafx.geometry.Bounds b2 = onFx(() -> second.localToScreen(second.getLayoutBounds()));
        robot.moveTo(b2.getMinX() + b2.getWidth() * 0.3, b2.getMinY() + b2.getHeight() * 0.4);
        waitFor(() -> onFx(() -> second.hoveredTimeProperty().get()) != PriceChart.NO_TIME);
        assertThat(onFx(() -> first.hoveredTimeProperty().get())).isEqualTo(PriceChart.NO_TIME);
        assertThat(onFx(first::getLinkedCrosshairTime)).isEqualTo(PriceChart.NO_TIME);
    }

    /** The chart's link-group button (its coloured dot). */
    private static javafx.scene.Node groupButton(ChartView chart) {
        return onFx(() -> chart.surface().node().getParent().getParent().lookup(".link-group"));
    }

    /**
     * Clicks the menu entry with this text once its submenu shows (it opens on hover, a moment later), moving
     * sideways into the submenu first: a diagonal would cross the next entry of the parent menu and open its submenu.
     */
    static void clickWhenShown(FxRobot robot, String text) {
        waitFor(() -> onFx(() -> robot.lookup(text).tryQuery().isPresent()));
        robot.clickOn(text, org.testfx.robot.Motion.HORIZONTAL_FIRST);
    }

    /** The entry of the open menu with this text (the watchlist shows the same words). */
    private static javafx.scene.Node menuEntry(FxRobot robot, String text) {
        waitFor(() -> onFx(() -> robot.lookup(".context-menu").lookup((javafx.scene.Node n) -> n instanceof
                javafx.scene.control.Labeled l && text.equals(l.getText())).tryQuery().isPresent()));
        return onFx(() -> robot.lookup(".context-menu").lookup((javafx.scene.Node n) -> n instanceof
                javafx.scene.control.Labeled l && text.equals(l.getText())).query());
    }

    private static javafx.scene.Node symbolLabel(ChartView chart) {
        return onFx(() -> chart.surface().node().getParent().getParent().lookup("#chartSymbol"));
    }

    @Test
    void chartsOfOneColourChangeSymbolTogetherAndTheWatchlistDrivesTheFirstChartsGroup(FxRobot robot) {
        robot.interact(() -> view.watchlist().select("AAPL"));
        robot.interact(() -> model.chartLayoutProperty().set(ChartLayout.FOUR));
        waitFor(() -> onFx(() -> view.charts().size()) == 4);
        List<ChartView> charts = onFx(view::charts);
        for (ChartView c : charts) {
            waitFor(() -> "AAPL".equals(onFx(() -> c.model().symbolProperty().get())));
        }
        // The second and third charts go blue (from the coloured dot's menu); the fourth stays with the first.
        robot.clickOn(groupButton(charts.get(1))).clickOn("Blue group");
        waitFor(() -> onFx(() -> charts.get(1).model().groupProperty().get()) == LinkGroup.BLUE);
        robot.clickOn(groupButton(charts.get(2))).clickOn("Blue group");
        waitFor(() -> onFx(() -> charts.get(2).model().groupProperty().get()) == LinkGroup.BLUE);
        assertThat(onFx(() -> groupButton(charts.get(1)).lookup(".link-marker").getPseudoClassStates().stream()
                .map(javafx.css.PseudoClass::getPseudoClassName).toList())).contains("blue");

        // A symbol chosen in one blue chart shows in the other blue one only.
        robot.clickOn(symbolLabel(charts.get(1))).clickOn(menuEntry(robot, "NVDA"));
        waitFor(() -> "NVDA".equals(onFx(() -> charts.get(2).model().symbolProperty().get())));
        assertThat(onFx(() -> charts.get(1).model().symbolProperty().get())).isEqualTo("NVDA");
        assertThat(onFx(() -> charts.get(0).model().symbolProperty().get())).isEqualTo("AAPL");
        assertThat(onFx(() -> charts.get(3).model().symbolProperty().get())).isEqualTo("AAPL");
        // Typed in the other blue chart's toolbar: both blue charts follow.
        robot.clickOn(symbolLabel(charts.get(2)));
        waitFor(() -> onFx(() -> robot.lookup("#chartSymbolField").tryQuery().isPresent()));
        robot.clickOn("#chartSymbolField").write("msft").type(javafx.scene.input.KeyCode.ENTER);
        waitFor(() -> "MSFT".equals(onFx(() -> charts.get(1).model().symbolProperty().get())));
        assertThat(onFx(() -> charts.get(2).model().symbolProperty().get())).isEqualTo("MSFT");
        assertThat(onFx(() -> charts.get(3).model().symbolProperty().get())).isEqualTo("AAPL");

        // The watchlist drives the first chart's (green) group, not the blue one.
        robot.interact(() -> view.watchlist().select("NVDA"));
        waitFor(() -> "NVDA".equals(onFx(() -> charts.get(3).model().symbolProperty().get())));
        assertThat(onFx(() -> charts.get(1).model().symbolProperty().get())).isEqualTo("MSFT");
        // A symbol chosen in the fourth (green) chart moves the first one too.
        robot.clickOn(symbolLabel(charts.get(3))).clickOn(menuEntry(robot, "AAPL"));
        waitFor(() -> "AAPL".equals(onFx(() -> charts.get(0).model().symbolProperty().get())));
        assertThat(onFx(() -> charts.get(2).model().symbolProperty().get())).isEqualTo("MSFT");

        // The crosshair's time reaches the charts of the same colour only.
        for (ChartView c : charts) {
            waitFor(() -> onFx(() -> c.surface().node().candles().size() > 0));
        }
        PriceChart blue = charts.get(1).surface().node();
        javafx.geometry.Bounds b = onFx(() -> blue.localToScreen(blue.getLayoutBounds()));
        robot.moveTo(b.getMinX() + b.getWidth() * 0.3, b.getMinY() + b.getHeight() * 0.5);
        waitFor(() -> onFx(() -> blue.hoveredTimeProperty().get()) != PriceChart.NO_TIME);
        waitFor(() -> onFx(charts.get(2).surface().node()::getLinkedCrosshairTime) != PriceChart.NO_TIME);
        assertThat(onFx(charts.get(3).surface().node()::getLinkedCrosshairTime)).isEqualTo(PriceChart.NO_TIME);
        assertThat(onFx(charts.get(0).surface().node()::getLinkedCrosshairTime)).isEqualTo(PriceChart.NO_TIME);

        // A chart joining a group takes its symbol.
        robot.interact(() -> charts.get(3).model().groupProperty().set(LinkGroup.BLUE));
        assertThat(onFx(() -> charts.get(3).model().symbolProperty().get())).isEqualTo("MSFT");
        robot.interact(() -> charts.get(3).model().groupProperty().set(LinkGroup.GREEN));
        assertThat(onFx(() -> charts.get(3).model().symbolProperty().get())).isEqualTo("AAPL");

        // Remembered: every chart's group, the first one's too.
        robot.interact(() -> charts.get(0).model().groupProperty().set(LinkGroup.ORANGE));
        Settings saved = Settings.defaults();
        robot.interact(() -> model.saveTo(saved));
        Settings reread = saved.normalized();
        MainViewModel next = new MainViewModel((choice, s, sink) -> port);
        next.restoreFrom(reread, null);
        assertThat(next.chart().groupProperty().get()).isEqualTo(LinkGroup.ORANGE);
        assertThat(next.chart(1).groupProperty().get()).isEqualTo(LinkGroup.BLUE);
        assertThat(next.chart(1).symbolProperty().get()).isEqualTo("MSFT");
        assertThat(next.chart(3).groupProperty().get()).isEqualTo(LinkGroup.GREEN);
        next.close();
    }

    @Test
    void settingsOfTheLinkedOwnToggleStillLoad() {
        Settings old = Settings.defaults();
        old.setChartGroup(null);
        old.setChartLayout("FOUR");
        old.setChartPanes(List.of("AAPL M1 linked", "MSFT S5 own", "NVDA S1"));
        Settings reread = old.normalized();
        MainViewModel next = new MainViewModel((choice, s, sink) -> port);
        next.restoreFrom(reread, null);
        assertThat(next.chart().groupProperty().get()).isEqualTo(LinkGroup.GREEN);
        assertThat(next.chart(1).groupProperty().get()).isEqualTo(LinkGroup.GREEN);
        assertThat(next.chart(1).modeProperty().get()).isEqualTo(ChartMode.M1);
        assertThat(next.chart(2).groupProperty().get()).isEqualTo(LinkGroup.NONE);
        assertThat(next.chart(2).symbolProperty().get()).isEqualTo("MSFT");
        assertThat(next.chart(3).groupProperty().get()).isEqualTo(LinkGroup.GREEN);
        next.select("NVDA");
        assertThat(next.chart(1).symbolProperty().get()).isEqualTo("NVDA");
        assertThat(next.chart(2).symbolProperty().get()).isEqualTo("MSFT");
        next.close();
    }

    @Test
    void namedWorkspacesAreSavedAndSwitchedFromTheViewMenuAndRemembered(FxRobot robot) {
        robot.interact(() -> view.watchlist().select("AAPL"));
        robot.interact(() -> model.chartLayoutProperty().set(ChartLayout.FOUR));
        waitFor(() -> onFx(() -> view.charts().size()) == 4);
        robot.interact(() -> {
            model.chart(1).groupProperty().set(LinkGroup.BLUE);
            model.showInChart(model.chart(1), "MSFT");
            model.chart(2).modeProperty().set(ChartMode.M1);
            model.chart(3).groupProperty().set(LinkGroup.NONE);
        });
        robot.clickOn("View").clickOn("Workspaces");
        clickWhenShown(robot, "Save workspace as…");
        waitFor(() -> onFx(() -> robot.lookup("#workspaceName").tryQuery().isPresent()));
        robot.clickOn("#workspaceName").write("Desk").type(javafx.scene.input.KeyCode.ENTER);
        waitFor(() -> onFx(() -> model.workspaceNames().contains("Desk")));

        // Something else on screen, then back to the saved workspace from the menu.
        robot.clickOn("View").clickOn("Charts");
        clickWhenShown(robot, "One chart");
        waitFor(() -> onFx(() -> model.chartLayoutProperty().get()) == ChartLayout.ONE);
        robot.interact(() -> {
            model.chart(1).groupProperty().set(LinkGroup.GREEN);
            model.chart(2).modeProperty().set(ChartMode.S1);
            model.chart(3).groupProperty().set(LinkGroup.GREEN);
        });
        assertThat(onFx(() -> model.chart(1).symbolProperty().get())).isEqualTo("AAPL");
        robot.clickOn("View").clickOn("Workspaces");
        clickWhenShown(robot, "Desk");
        waitFor(() -> onFx(() -> model.chartLayoutProperty().get()) == ChartLayout.FOUR);
        waitFor(() -> onFx(() -> robot.lookup("#chartGrid .price-chart").queryAll().size()) == 4);
        assertThat(onFx(() -> model.chart(1).groupProperty().get())).isEqualTo(LinkGroup.BLUE);
        assertThat(onFx(() -> model.chart(1).symbolProperty().get())).isEqualTo("MSFT");
        assertThat(onFx(() -> model.chart(2).modeProperty().get())).isEqualTo(ChartMode.M1);
        assertThat(onFx(() -> model.chart(2).symbolProperty().get())).as("green: the watchlist's").isEqualTo("AAPL");
        assertThat(onFx(() -> model.chart(3).groupProperty().get())).isEqualTo(LinkGroup.NONE);
        assertThat(onFx(() -> model.chart().symbolProperty().get())).isEqualTo("AAPL");

        // Remembered in the settings; bad names are refused.
        assertThat(onFx(() -> model.saveWorkspace("  "))).isFalse();
        Settings saved = Settings.defaults();
        robot.interact(() -> model.saveTo(saved));
        Settings reread = saved.normalized();
        MainViewModel next = new MainViewModel((choice, s, sink) -> port);
        next.restoreFrom(reread, null);
        assertThat(next.workspaceNames()).containsExactly("Desk");
        assertThat(next.switchWorkspace("Desk")).isTrue();
        assertThat(next.chartLayoutProperty().get()).isEqualTo(ChartLayout.FOUR);
        assertThat(next.chart(2).modeProperty().get()).isEqualTo(ChartMode.M1);
        assertThat(next.chart(1).symbolProperty().get()).isEqualTo("MSFT");
        next.close();

        robot.clickOn("View").clickOn("Workspaces");
        clickWhenShown(robot, "Delete “Desk”");
        waitFor(() -> onFx(() -> model.workspaceNames().isEmpty()));
    }
}
