package io.stockmonitor.ui;

import static io.stockmonitor.ui.MainWindowTest.onFx;
import static io.stockmonitor.ui.MainWindowTest.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import io.stockmonitor.source.SourceChoice;
import io.stockmonitor.source.SourceKind;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

/**
 * File → Connect… as a user drives it: a provider chosen from the list with a replaced endpoint switches the window
 * to that source (its badge, its own watchlist), and what cannot work is an inline error that keeps the dialog open.
 */
@ExtendWith(ApplicationExtension.class)
class ConnectionDialogTest {
    @TempDir
    Path dir;
    private FakeFeedPort port;
    private MainViewModel model;
    private FrameLoop loop;

    @Start
    void start(Stage stage) {
        port = new FakeFeedPort(List.of("AAPL", "MSFT"), List.of("AAPL"), System::currentTimeMillis);
        model = new MainViewModel((choice, symbols, sink) -> port);
        model.watchlist().setSymbols(List.of("AAPL"));
        ViewLoader.Loaded<MainView> loaded = new ViewLoader(model, () -> { }).load(MainView.class);
        stage.setScene(new Scene(loaded.root(), 1200, 720));
        stage.show();
        loop = new FrameLoop(model);
        loop.start();
        model.connect(SourceChoice.demo());
    }

    @Stop
    void stop() {
        loop.stop();
        model.close();
    }

    @Test
    void choosingBinanceWithAnEmulatorEndpointSwitchesTheSourceAndItsBadge(FxRobot robot) {
        assertThat(onFx(() -> robot.lookup("#sourceBadge").queryAs(Label.class).getText()))
                .isEqualTo(SourceKind.DEMO.badge());
        openDialog(robot);
        choose(robot, SourceKind.BINANCE);
        waitFor(() -> robot.lookup("#sourceGuarantee").queryAs(Label.class).getText()
                .equals(SourceKind.BINANCE.guarantee()));
        assertThat(onFx(() -> robot.lookup("#tokenField").query().isVisible())).isFalse();
        robot.clickOn("#wsField").write("ws://127.0.0.1:9443");
        robot.clickOn("Connect");

        waitFor(() -> model.choiceProperty().get().kind() == SourceKind.BINANCE);
        assertThat(model.choiceProperty().get().ws()).isEqualTo(URI.create("ws://127.0.0.1:9443"));
        waitFor(() -> robot.lookup("#sourceBadge").queryAs(Label.class).getText()
                .equals(SourceKind.BINANCE.badge()));
        // Binance spells symbols its own way: the demo's list stays with the demo.
        assertThat(onFx(() -> model.watchlist().symbols())).isEqualTo(SourceChoice.provider(SourceKind.BINANCE,
                null, null, null).defaultSymbols());
    }

    @Test
    void aBadUrlOrCertificateIsAnInlineErrorAndTheDialogStaysOpen(FxRobot robot) throws Exception {
        openDialog(robot);
        choose(robot, SourceKind.V1);
        robot.clickOn("#serverField").write("notaurl");
        robot.clickOn("Connect");
        waitFor(() -> !robot.lookup("#connectError").queryAs(Label.class).getText().isEmpty());
        assertThat(onFx(() -> robot.lookup("#connectError").queryAs(Label.class).getText()))
                .startsWith("The URL must start with ws:// or wss://");

        Path junk = Files.writeString(dir.resolve("junk.pem"), "not a certificate");
        onFx(() -> {
            robot.lookup("#serverField").queryAs(TextField.class).setText("wss://127.0.0.1:9443/feed");
            robot.lookup("#trustField").queryAs(TextField.class).setText(junk.toString());
            return null;
        });
        robot.clickOn("Connect");
        waitFor(() -> robot.lookup("#connectError").queryAs(Label.class).getText().startsWith("Certificate:"));
        assertThat(onFx(() -> robot.lookup("#connectError").queryAs(Label.class).getText())).contains("junk.pem");
        assertThat(model.choiceProperty().get().isDemo()).as("nothing changed").isTrue();
        robot.clickOn("Cancel");
        waitFor(() -> robot.lookup("#sourceList").tryQuery().isEmpty());
    }

    @SuppressWarnings("unchecked")
    private static void choose(FxRobot robot, SourceKind kind) {
        onFx(() -> {
            javafx.scene.control.ListView<SourceKind> list = robot.lookup("#sourceList").queryAs(
                    javafx.scene.control.ListView.class);
            list.scrollTo(kind);
            list.getSelectionModel().select(kind);
            return null;
        });
    }

    private static void openDialog(FxRobot robot) {
        robot.clickOn("File").clickOn("Connect…");
        waitFor(() -> robot.lookup("#sourceList").tryQuery().map(Node::isVisible).orElse(false));
    }
}
