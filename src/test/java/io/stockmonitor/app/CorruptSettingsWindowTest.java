package io.stockmonitor.app;

import io.stockmonitor.source.SourceChoice;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stockmonitor.ui.MainViewModel;
import io.stockmonitor.ui.settings.SettingsStore;
import io.stockmonitor.ui.Theme;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import javafx.scene.control.Label;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** Starting the application with a corrupt settings file: a notice, the defaults, and the file moved aside. */
class CorruptSettingsWindowTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String CORRUPT = "{\"theme\": \"light\", \"watchlist\": [\"AAPL\", ";

    private final FxRobot robot = new FxRobot();
    private StockMonitorApplication app;

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            FxToolkit.cleanupApplication(app);
            FxToolkit.cleanupStages();
        }
        StockMonitorApplication.HANDOFF.set(null);
    }

    @Test
    void aCorruptSettingsFileIsMovedAsideAndTheWindowStartsWithDefaultsAndANotice() throws Exception {
        Path home = Path.of(System.getProperty("stockmonitor.home", "target/test-home")).resolve("corrupt-settings");
        AppDirs dirs = AppDirs.underRoot(home);
        Path config = dirs.config();
        clear(config);
        Files.createDirectories(config);
        Files.writeString(config.resolve(SettingsStore.FILE_NAME), CORRUPT, StandardCharsets.UTF_8);

        AppOptions options = new AppOptions(SourceChoice.demo(), List.of(), false, null, null, null);
        StockMonitorApplication.HANDOFF.set(new StockMonitorApplication.Handoff(options, dirs,
                WindowSessions::start));
        FxToolkit.registerPrimaryStage();
        app = (StockMonitorApplication) FxToolkit.setupApplication(StockMonitorApplication::new);
        MainViewModel model = app.model();

        await().atMost(WAIT).until(() -> onFx(() -> robot.lookup("#noticeLabel").queryAs(Label.class).getText())
                .startsWith("Settings were reset"));
        String notice = onFx(() -> robot.lookup("#noticeLabel").queryAs(Label.class).getText());
        assertThat(notice).contains("settings.json.corrupt-");
        assertThat(onFx(() -> model.watchlist().symbols())).isEqualTo(AppOptions.DEFAULT_SYMBOLS);
        assertThat(onFx(() -> model.themeProperty().get())).isEqualTo(Theme.DARK);

        assertThat(config.resolve(SettingsStore.FILE_NAME)).doesNotExist();
        List<Path> aside;
        try (Stream<Path> files = Files.list(config)) {
            aside = files.filter(p -> p.getFileName().toString().startsWith("settings.json.corrupt-")).toList();
        }
        assertThat(aside).hasSize(1);
        assertThat(notice).contains(aside.get(0).getFileName().toString());
        assertThat(Files.readString(aside.get(0), StandardCharsets.UTF_8)).isEqualTo(CORRUPT);
    }

    private static void clear(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
    }

    private static <T> T onFx(Callable<T> call) {
        try {
            return WaitForAsyncUtils.asyncFx(call).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
