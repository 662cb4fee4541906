package io.stockmonitor.app;

import io.stockmonitor.source.Credentials;
import io.stockmonitor.source.SourceChoice;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stockmonitor.market.Freshness;
import io.stockmonitor.simulator.EmbeddedSimulator;
import io.stockmonitor.simulator.SimulatorConfig;
import io.stockmonitor.ui.MainViewModel;
import io.stockmonitor.ui.status.StatusBarViewModel;
import io.stockmonitor.ui.watchlist.WatchRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.scene.control.Label;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The whole window composition (settings, views, frame loop, {@link WindowSessions}, feed client) against the real
 * simulator on loopback, through a dropped connection and a silent feed. Transitions are collected by listeners on
 * the FX thread, so a reconnect faster than any polling is still seen.
 */
class WindowOutageTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final List<String> SYMBOLS = List.of("AAPL", "MSFT", "NVDA");

    private final FxRobot robot = new FxRobot();
    private final List<String> stateTexts = new CopyOnWriteArrayList<>();
    private final List<String> rowStates = new CopyOnWriteArrayList<>();
    private final List<StatusBarViewModel.Cue> cues = new CopyOnWriteArrayList<>();
    private EmbeddedSimulator sim;
    private StockMonitorApplication app;
    private MainViewModel model;

    @BeforeEach
    void start() throws Exception {
        sim = EmbeddedSimulator.start(SimulatorConfig.defaults().withPort(0).withHeartbeatMs(200).withSeed(7));
        Path home = Path.of(System.getProperty("stockmonitor.home", "target/test-home")).resolve("outage-test");
        Files.deleteIfExists(AppDirs.underRoot(home).config().resolve("settings.json"));
        AppOptions options = new AppOptions(SourceChoice.server(sim.uri().toString(), Credentials.NONE), SYMBOLS, false, null, null, "dark");
        StockMonitorApplication.HANDOFF.set(new StockMonitorApplication.Handoff(options, AppDirs.underRoot(home),
                WindowSessions::start));
        FxToolkit.registerPrimaryStage();
        app = (StockMonitorApplication) FxToolkit.setupApplication(StockMonitorApplication::new);
        model = app.model();
        onFx(() -> {
            model.status().stateTextProperty().addListener((obs, old, now) -> stateTexts.add(now));
            model.status().cueProperty().addListener((obs, old, now) -> cues.add(now));
            for (WatchRow row : model.watchlist().rows()) {
                row.freshnessProperty().addListener((obs, old, now) -> rowStates.add(row.symbol() + ":" + now));
            }
            return null;
        });
    }

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            FxToolkit.cleanupApplication(app);
            FxToolkit.cleanupStages();
        }
        if (sim != null) {
            sim.close();
        }
        StockMonitorApplication.HANDOFF.set(null);
    }

    @Test
    void statusBarAndRowsShowADroppedConnectionAndTheResumedRecovery() {
        awaitConnectedAndLive();
        long resumesBefore = resumes();
        stateTexts.clear();
        rowStates.clear();
        cues.clear();

        sim.faults().dropAllConnections();

        await().atMost(WAIT).until(() -> stateTexts.stream().anyMatch(t -> t.startsWith("RECONNECTING · attempt ")));
        awaitConnectedAndLive();
        await().atMost(WAIT).until(() -> resumes() > resumesBefore);
        // Connection events are queued, so both cues show however short the outage was; rows are read per frame,
        // and a reconnect within one (slow) frame may leave them LIVE throughout.
        assertThat(cues).contains(StatusBarViewModel.Cue.DROPPED, StatusBarViewModel.Cue.RESTORED);
        assertThat(text("#recoveriesLabel")).as("reconnects and resumed symbols counted apart")
                .matches("reconnects 1 · resumed [1-9][0-9]* · resyncs 0");
    }

    @Test
    void aSilentFeedIsDetectedAsAStallAndResumedWhenItSpeaksAgain() {
        awaitConnectedAndLive();
        long resumesBefore = resumes();
        stateTexts.clear();
        rowStates.clear();

        sim.faults().silence(Duration.ofSeconds(2));

        // Stall detection (a few heartbeats of silence) aborts the connection: the bar says so, rows go stale.
        await().atMost(WAIT).until(() -> stateTexts.stream()
                .anyMatch(t -> t.startsWith("RECONNECTING · attempt ") || t.startsWith("CONNECTING")));
        await().atMost(WAIT).until(() -> rowStates.stream()
                .anyMatch(s -> s.endsWith(":" + Freshness.STALE) || s.endsWith(":" + Freshness.RESYNCING)));
        awaitConnectedAndLive();
        await().atMost(WAIT).until(() -> resumes() > resumesBefore);
    }

    @Test
    void aFeedDelayedTwoAndAHalfSecondsAFrameIsCalledDelayedInTheStatusBarAndTheRows() {
        awaitConnectedAndLive();
        sim.faults().delayFrames(Duration.ofMillis(2_500));
        await().atMost(WAIT).until(() -> onFx(() -> model.status().stateTextProperty().get()
                .startsWith("CONNECTED · DELAYED")));
        await().atMost(WAIT).until(() -> onFx(() -> model.watchlist().rows().stream()
                .anyMatch(r -> r.freshnessProperty().get() == Freshness.DELAYED
                        && r.freshnessTextProperty().get().startsWith("DELAYED 2."))));
        sim.faults().delayFrames(Duration.ZERO);
        awaitConnectedAndLive();
    }

    private void awaitConnectedAndLive() {
        await().atMost(WAIT).until(() -> onFx(() -> "CONNECTED".equals(model.status().stateTextProperty().get())
                && model.watchlist().rows().size() == SYMBOLS.size()
                && model.watchlist().rows().stream().allMatch(r -> r.freshnessProperty().get() == Freshness.LIVE)));
        await().atMost(WAIT).until(() -> "CONNECTED".equals(text("#connectionState")));
    }

    private long resumes() {
        return onFx(() -> model.port() == null ? 0 : model.port().recoveries().symbolsResumed());
    }

    private String text(String query) {
        return onFx(() -> robot.lookup(query).queryAs(Label.class).getText());
    }

    private static <T> T onFx(Callable<T> call) {
        try {
            return WaitForAsyncUtils.asyncFx(call).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
