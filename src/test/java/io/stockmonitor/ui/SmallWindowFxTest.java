package io.stockmonitor.ui;

import static io.stockmonitor.ui.MainWindowTest.onFx;
import static io.stockmonitor.ui.MainWindowTest.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import io.stockmonitor.ui.watchlist.WatchlistColumn;
import io.stockmonitor.ui.watchlist.WatchlistGrid;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Labeled;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

/**
 * The window on a laptop screen (1024 × 640) and at its own minimum size: watchlist columns leave in their stated
 * order and the freshness stays, the interval buttons, the status fields and the chart toolbar never show "…" nor
 * go off the edge, and the Connect dialog keeps its buttons when an error line appears.
 */
@ExtendWith(ApplicationExtension.class)
class SmallWindowFxTest {
    private static final List<String> SYMBOLS = List.of("AAPL", "MSFT", "NVDA", "META", "MU", "TSLA");

    private FakeFeedPort port;
    private MainViewModel model;
    private FrameLoop loop;
    private Stage stage;
    private Parent root;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        port = new FakeFeedPort(SYMBOLS, SYMBOLS, System::currentTimeMillis);
        port.connection = new ConnectionInfo(LinkState.CONNECTED, 0, 0, "wss://stream.example-exchange.com:9443/feed",
                "");
        model = new MainViewModel((choice, symbols, sink) -> port);
        model.watchlist().setSymbols(SYMBOLS);
        ViewLoader.Loaded<MainView> loaded = new ViewLoader(model, () -> { }).load(MainView.class);
        root = loaded.root();
        loop = MainWindowTest.showAndRun(stage, model, root, 1024, 640);
        long now = System.currentTimeMillis();
        for (int i = 0; i < 30; i++) {
            for (String s : SYMBOLS) {
                port.tick(s, 12_345.67 + i * 0.1, now - 30_000 + i * 1_000L);
            }
        }
    }

    @Stop
    void stop() {
        loop.stop();
        model.close();
        // The stage outlives this class: leave it at the size the other window tests open with.
        org.testfx.util.WaitForAsyncUtils.waitFor(org.testfx.util.WaitForAsyncUtils.asyncFx(() -> {
            stage.setWidth(1200);
            stage.setHeight(720);
        }));
    }

    @Test
    void atALaptopSizeNothingThatMattersIsCut(FxRobot robot) {
        robot.interact(() -> model.showNotice("Settings could not be read; defaults in use."));
        waitFor(() -> onFx(() -> root.lookup("#connectionState") instanceof Labeled l
                && "CONNECTED".equals(l.getText())));
        checkNothingCut(robot, 1024, 640);
        assertThat(onFx(() -> grid(robot).squeezedColumns())).as("the sparkline leaves first")
                .contains(WatchlistColumn.SPARKLINE);
    }

    @Test
    void atTheMinimumSizeNothingThatMattersIsCut(FxRobot robot) {
        robot.interact(() -> {
            stage.setWidth(MainView.MIN_WIDTH);
            stage.setHeight(MainView.MIN_HEIGHT);
        });
        checkNothingCut(robot, MainView.MIN_WIDTH, MainView.MIN_HEIGHT);
    }

    @Test
    void aWideWindowShowsEveryColumnAndTheIntervalButtons(FxRobot robot) {
        robot.interact(() -> {
            stage.setWidth(1900);
            stage.setHeight(900);
        });
        waitFor(() -> onFx(() -> grid(robot).squeezedColumns()).isEmpty());
        robot.interact(() -> stage.setWidth(1024));
        waitFor(() -> !onFx(() -> grid(robot).squeezedColumns()).isEmpty());
    }

    @Test
    void theConnectDialogKeepsItsButtonsWhenAnErrorLineAppears(FxRobot robot) {
        robot.clickOn("File").clickOn("Connect…");
        waitFor(() -> robot.lookup("#sourceList").tryQuery().map(Node::isVisible).orElse(false));
        robot.interact(() -> {
            @SuppressWarnings("unchecked")
            javafx.scene.control.ListView<io.stockmonitor.source.SourceKind> list = robot.lookup("#sourceList")
                    .queryAs(javafx.scene.control.ListView.class);
            list.getSelectionModel().select(io.stockmonitor.source.SourceKind.V1);
        });
        robot.clickOn("#serverField").write("not a url, and a long one so that the error wraps onto more lines "
                + "than one: https://example.com/some/very/long/path/that/keeps/going/and/going");
        robot.clickOn("Connect");
        waitFor(() -> !robot.lookup("#connectError").queryLabeled().getText().isEmpty());
        DialogPane pane = robot.lookup(".dialog-pane").queryAs(DialogPane.class);
        Scene scene = onFx(pane::getScene);
        for (String text : List.of("Connect", "Cancel")) {
            Button b = robot.lookup(n -> n instanceof Button x && text.equals(x.getText()) && x.getScene() == scene)
                    .queryAs(Button.class);
            Bounds inScene = onFx(() -> b.localToScene(b.getLayoutBounds()));
            assertThat(inScene.getMaxY()).as(text + " stays inside the dialog").isLessThanOrEqualTo(
                    onFx(scene::getHeight) + 0.5);
            assertThat(onFx(b::isVisible)).isTrue();
        }
        Labeled error = robot.lookup("#connectError").queryLabeled();
        assertThat(onFx(() -> shownText(error))).isEqualTo(onFx(error::getText));
        robot.clickOn("Cancel");
    }

    private void checkNothingCut(FxRobot robot, double width, double height) {
        waitFor(() -> onFx(() -> Math.abs(root.getScene().getWidth() - width) < 1
                && Math.abs(root.getScene().getHeight() - height) < 1));
        WatchlistGrid grid = grid(robot);
        waitFor(() -> onFx(() -> grid.columnWidth(WatchlistColumn.FRESHNESS)) > 0);
        // Every column that stays is at its preferred width or wider; the ones that left, left in the stated order.
        EnumSet<WatchlistColumn> squeezed = EnumSet.noneOf(WatchlistColumn.class);
        squeezed.addAll(onFx(grid::squeezedColumns));
        assertThat(squeezed).doesNotContain(WatchlistColumn.FRESHNESS, WatchlistColumn.SYMBOL, WatchlistColumn.LAST);
        List<WatchlistColumn> order = WatchlistColumn.SQUEEZE_ORDER;
        int lastGone = squeezed.stream().mapToInt(order::indexOf).max().orElse(-1);
        for (int i = 0; i < lastGone; i++) {
            WatchlistColumn before = order.get(i);
            if (onFx(() -> grid.columnWidth(before)) > 0) {
                throw new AssertionError(before + " shows while " + order.get(lastGone) + ", later in the order, left");
            }
        }
        for (String area : List.of("#watchlistTable", ".chart-toolbar", "#statusBar", ".header-bar", ".alerts-toolbar",
                "#tapeView")) {
            Parent parent = robot.lookup(area).queryAs(Parent.class);
            Bounds areaBounds = onFx(() -> parent.localToScene(parent.getLayoutBounds()));
            for (Labeled l : onFx(() -> labeleds(parent))) {
                String what = area + " " + l.getText();
                assertThat(onFx(() -> shownText(l))).as(what + " is whole").isEqualTo(onFx(l::getText));
                Bounds b = onFx(() -> l.localToScene(l.getLayoutBounds()));
                assertThat(b.getMaxX()).as(what + " is inside its area").isLessThanOrEqualTo(
                        Math.min(areaBounds.getMaxX(), width) + 0.5);
            }
        }
        // The empty alerts table says so in words that fit the panel, though its columns are wider than it.
        javafx.scene.control.TableView<?> rules = robot.lookup("#alertRules").queryAs(javafx.scene.control.TableView.class);
        if (onFx(() -> rules.getItems().isEmpty())) {
            Labeled none = onFx(() -> labeleds((Parent) rules.getPlaceholder()).get(0));
            assertThat(onFx(() -> shownText(none))).as("the empty alerts table's line is whole")
                    .isEqualTo(onFx(none::getText));
            Bounds table = onFx(() -> rules.localToScene(rules.getLayoutBounds()));
            Bounds line = onFx(() -> none.localToScene(none.getLayoutBounds()));
            assertThat(line.getMaxX()).as("the empty alerts table's line is inside the table")
                    .isLessThanOrEqualTo(table.getMaxX() + 0.5);
        }
        // The interval stays reachable: the buttons, or the menu that stands in for them.
        Node intervals = robot.lookup(".interval-picker").query();
        assertThat(onFx(() -> intervals.isVisible() && intervals.getLayoutBounds().getWidth() > 0)).isTrue();
        String menu = onFx(() -> robot.lookup("#modeMenu").queryLabeled().getText());
        assertThat(menu).isEqualTo(onFx(() -> model.chart().modeProperty().get().label()));
    }

    /** What a Labeled draws: its skin's text node, which holds "…" when the label was cut. */
    static String shownText(Labeled l) {
        Node text = l.lookup(".text");
        return text instanceof Text t ? t.getText().replace("\n", " ").replaceAll(" +", " ").trim()
                : l.getText();
    }

    static List<Labeled> labeleds(Parent parent) {
        List<Labeled> out = new ArrayList<>();
        collect(parent, out);
        return out;
    }

    private static void collect(Node node, List<Labeled> out) {
        if (!node.isVisible()) {
            return;
        }
        if (node instanceof Labeled l && l.getText() != null && !l.getText().isBlank()) {
            out.add(l);
        }
        if (node instanceof Parent p) {
            for (Node child : p.getChildrenUnmodifiable()) {
                collect(child, out);
            }
        }
    }

    private static WatchlistGrid grid(FxRobot robot) {
        return robot.lookup("#watchlistTable").queryAs(WatchlistGrid.class);
    }
}
