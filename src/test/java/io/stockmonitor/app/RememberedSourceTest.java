package io.stockmonitor.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stockmonitor.simulator.EmbeddedSimulator;
import io.stockmonitor.simulator.SimulatorConfig;
import io.stockmonitor.source.Credentials;
import io.stockmonitor.source.SourceChoice;
import io.stockmonitor.ui.MainViewModel;
import io.stockmonitor.ui.Settings;
import io.stockmonitor.ui.SettingsStore;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Which feed a window remembers for the next plain launch: only one that connected. A URL that never worked must
 * not greet every later start with FAILED (the README promises that no options means the demo).
 */
class RememberedSourceTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private StockMonitorApplication app;
    private EmbeddedSimulator sim;

    @AfterEach
    void stop() throws Exception {
        closeWindow();
        if (sim != null) {
            sim.close();
        }
        StockMonitorApplication.HANDOFF.set(null);
    }

    @Test
    void aServerThatNeverConnectedIsNotRemembered() throws Exception {
        AppDirs dirs = freshDirs("remember-never");
        String closed = "ws://127.0.0.1:" + closedPort() + "/feed";
        MainViewModel model = open(dirs, SourceChoice.server(closed, Credentials.NONE));
        await().atMost(WAIT).until(() -> onFx(() -> model.status().stateTextProperty().get())
                .matches("(?s).*(RECONNECTING|FAILED).*"));
        closeWindow();

        Settings saved = new SettingsStore(dirs.config(), Clock.systemUTC()).load().settings();
        assertThat(saved.getServer()).isNull();
        assertThat(saved.rememberedChoice()).isNull();
    }

    @Test
    void aServerThatConnectedIsRememberedWithoutItsToken() throws Exception {
        sim = EmbeddedSimulator.start(SimulatorConfig.defaults().withPort(0).withSeed(3));
        AppDirs dirs = freshDirs("remember-connected");
        String url = sim.uri().toString();
        MainViewModel model = open(dirs, SourceChoice.server(url, Credentials.NONE));
        await().atMost(WAIT).until(() -> onFx(() -> model.status().stateTextProperty().get())
                .startsWith("CONNECTED"));
        closeWindow();

        Settings saved = new SettingsStore(dirs.config(), Clock.systemUTC()).load().settings();
        assertThat(saved.getServer()).isEqualTo(url);
        assertThat(saved.rememberedChoice()).isEqualTo(SourceChoice.server(url, Credentials.NONE));
    }

    private MainViewModel open(AppDirs dirs, SourceChoice choice) throws Exception {
        AppOptions options = new AppOptions(choice, List.of("AAPL"), false, null, null, "dark");
        StockMonitorApplication.HANDOFF.set(new StockMonitorApplication.Handoff(options, dirs, WindowSessions::start));
        FxToolkit.registerPrimaryStage();
        app = (StockMonitorApplication) FxToolkit.setupApplication(StockMonitorApplication::new);
        return app.model();
    }

    /** Closing the window is what writes the settings. */
    private void closeWindow() throws Exception {
        if (app != null) {
            FxToolkit.cleanupApplication(app);
            FxToolkit.cleanupStages();
            app = null;
        }
    }

    private static AppDirs freshDirs(String name) throws Exception {
        Path home = Path.of(System.getProperty("stockmonitor.home", "target/test-home")).resolve(name);
        AppDirs dirs = AppDirs.underRoot(home);
        Files.deleteIfExists(dirs.config().resolve(SettingsStore.FILE_NAME));
        return dirs;
    }

    /** A loopback port nothing listens on (bound, then released). */
    private static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
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
