package io.stockmonitor.app;

import io.stockmonitor.source.Credentials;
import io.stockmonitor.source.Secrets;
import io.stockmonitor.source.SourceChoice;
import io.stockmonitor.source.SourceKind;
import io.stockmonitor.ui.FrameLoop;
import io.stockmonitor.ui.MainView;
import io.stockmonitor.ui.MainViewModel;
import io.stockmonitor.ui.SessionStarter;
import io.stockmonitor.ui.Settings;
import io.stockmonitor.ui.SettingsStore;
import io.stockmonitor.ui.Theme;
import io.stockmonitor.ui.CredentialVault;
import io.stockmonitor.ui.alerts.AlertSaver;
import io.stockmonitor.ui.alerts.AlertSound;
import io.stockmonitor.ui.alerts.AlertStore;
import io.stockmonitor.ui.alerts.AlertsViewModel;
import io.stockmonitor.ui.alerts.DesktopNotifier;
import io.stockmonitor.ui.ViewLoader;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JavaFX application: composes settings, the main view model, the views and the frame loop, and starts the feed
 * session in the background. {@link DesktopApp} hands it the command line's options through {@link #HANDOFF}
 * (JavaFX instantiates this class itself).
 */
public final class StockMonitorApplication extends Application {
    static final double DEFAULT_WIDTH = 1480;
    static final double DEFAULT_HEIGHT = 880;
    private static final Logger LOG = LoggerFactory.getLogger(StockMonitorApplication.class);

    /**
     * What {@link DesktopApp} passes in before {@code Application.launch}; {@code settings} is null when the window
     * should load them itself.
     */
    record Handoff(AppOptions options, AppDirs dirs, SessionStarter starter, SettingsStore.Loaded settings) {
        Handoff(AppOptions options, AppDirs dirs, SessionStarter starter) {
            this(options, dirs, starter, null);
        }
    }

    static final AtomicReference<Handoff> HANDOFF = new AtomicReference<>();

    private SettingsStore store;
    private MainViewModel model;
    private MainView view;
    private FrameLoop frameLoop;
    private AlertSaver alertSaver;
    private AlertSound alertSound;
    private DesktopNotifier notifier;
    private Stage stage;
    private boolean saved;

    @Override
    public void start(Stage primaryStage) {
        Handoff handoff = HANDOFF.get();
        if (handoff == null) {
            throw new IllegalStateException("start the window through DesktopApp.run");
        }
        stage = primaryStage;
        store = new SettingsStore(handoff.dirs().config(), Clock.systemUTC());
        SettingsStore.Loaded loaded = handoff.settings() != null ? handoff.settings() : store.load();
        Settings settings = loaded.settings();
        AppOptions options = handoff.options();

        // Alerts live in their own file next to the settings; sound and notifications run on their own threads.
        AlertStore alertStore = new AlertStore(handoff.dirs().config(), Clock.systemUTC());
        AlertStore.Loaded alerts = alertStore.load();
        alertSaver = new AlertSaver(alertStore);
        alertSound = new AlertSound();
        notifier = DesktopNotifier.forThisPlatform();
        AlertsViewModel alertsModel = new AlertsViewModel(alertSound, notifier);
        alertsModel.restore(alerts, alertSaver);
        model = new MainViewModel(handoff.starter(), CredentialVault.NONE, alertsModel);
        model.restoreFrom(settings, watchlist(options, settings));
        if (options.theme() != null) {
            model.themeProperty().set(Theme.of(options.theme()));
        }
        model.themeProperty().get().install();
        // The session (simulator start, connect, snapshots) runs in the background while the views load.
        model.connect(choice(options, settings));

        ViewLoader loader = new ViewLoader(model, this::quit);
        ViewLoader.Loaded<MainView> main = loader.load(MainView.class);
        view = main.controller();
        // Never larger than the screen: small laptop screens (and Monocle's headless one, which fails to render a
        // larger window) get a window that fits.
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        Scene scene = new Scene(main.root(), Math.min(DEFAULT_WIDTH, screen.getWidth()),
                Math.min(DEFAULT_HEIGHT, screen.getHeight()));
        stage.setScene(scene);
        stage.setTitle("Stock Monitor");
        stage.setMinWidth(900);
        stage.setMinHeight(560);
        place(stage, settings.getWindow());
        stage.setOnCloseRequest(e -> saveSettings());
        stage.show();
        view.restoreLayout(settings);
        if (loaded.hasNotice() || alerts.hasNotice()) {
            model.showNotice(loaded.hasNotice() && alerts.hasNotice() ? loaded.notice() + " " + alerts.notice()
                    : loaded.hasNotice() ? loaded.notice() : alerts.notice());
        }

        frameLoop = new FrameLoop(model);
        frameLoop.start();
    }

    /** The window's state once {@link #start} ran (tests look at it). */
    MainViewModel model() {
        return model;
    }

    /** The watchlist to open with: --symbols, else the remembered one for the source, else its defaults. */
    static List<String> watchlist(AppOptions options, Settings settings) {
        if (!options.symbols().isEmpty()) {
            return options.symbols();
        }
        SourceChoice choice = choice(options, settings);
        List<String> forSource = settings.getWatchlists().get(choice.kind().id());
        if (forSource != null && !forSource.isEmpty()) {
            return forSource;
        }
        SourceChoice remembered = settings.rememberedChoice();
        SourceKind rememberedKind = remembered == null ? SourceKind.DEMO : remembered.kind();
        if (rememberedKind == choice.kind() && !settings.getWatchlist().isEmpty()) {
            return settings.getWatchlist();
        }
        return choice.defaultSymbols();
    }

    /**
     * The command line's source wins, then the remembered one (that connected before), else demo mode. Credentials
     * are never remembered in the settings: a keyed source takes them from the environment.
     */
    static SourceChoice choice(AppOptions options, Settings settings) {
        return choice(options, settings, System.getenv());
    }

    static SourceChoice choice(AppOptions options, Settings settings, java.util.Map<String, String> env) {
        if (options.choice() != null) {
            return options.choice();
        }
        SourceChoice remembered = settings.rememberedChoice();
        if (remembered == null) {
            return SourceChoice.demo();
        }
        Credentials fromEnv = switch (remembered.kind()) {
            case ALPACA -> Secrets.keyFromEnv(env);
            case FINNHUB, V1 -> {
                String token = Secrets.tokenFromEnv(env);
                yield token == null ? null : new Credentials(token, null);
            }
            default -> null;
        };
        return fromEnv == null ? remembered : remembered.withCredentials(fromEnv);
    }

    private static void place(Stage stage, Settings.WindowPlacement placement) {
        if (placement == null) {
            return;
        }
        Rectangle2D wanted = new Rectangle2D(placement.x(), placement.y(), placement.width(), placement.height());
        boolean visible = Screen.getScreens().stream().anyMatch(s -> s.getVisualBounds().intersects(wanted));
        // A window remembered from a larger screen is shrunk to fit the largest one now attached.
        double maxWidth = Screen.getScreens().stream().mapToDouble(s -> s.getVisualBounds().getWidth()).max()
                .orElse(placement.width());
        double maxHeight = Screen.getScreens().stream().mapToDouble(s -> s.getVisualBounds().getHeight()).max()
                .orElse(placement.height());
        stage.setWidth(Math.min(placement.width(), maxWidth));
        stage.setHeight(Math.min(placement.height(), maxHeight));
        if (visible) {
            stage.setX(placement.x());
            stage.setY(placement.y());
        }
        stage.setMaximized(placement.maximized());
    }

    private void quit() {
        saveSettings();
        stage.close();
        Platform.exit();
    }

    private void saveSettings() {
        if (saved || model == null) {
            return;
        }
        saved = true;
        Settings settings = Settings.defaults();
        model.saveTo(settings);
        view.saveLayout(settings, stage);
        try {
            store.save(settings);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not save the settings to {}: {}", store.file(), e.toString());
        }
    }

    @Override
    public void stop() {
        saveSettings();
        if (frameLoop != null) {
            frameLoop.stop();
        }
        if (model != null) {
            model.close();
        }
        if (alertSaver != null) {
            alertSaver.close();
        }
        if (alertSound != null) {
            alertSound.close();
        }
        if (notifier != null) {
            notifier.close();
        }
    }
}
