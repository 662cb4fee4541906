package io.stockmonitor.app;

import io.stockmonitor.ui.Settings;
import io.stockmonitor.ui.SettingsStore;
import java.time.Clock;
import java.util.List;
import java.util.stream.Collectors;
import javafx.application.Application;

/** The desktop window (issue 4): launches {@link StockMonitorApplication} and blocks until it closes. */
final class DesktopApp {
    private DesktopApp() {
    }

    /** Returns the exit code once the window is closed. */
    static int run(AppOptions options, AppDirs dirs) {
        // Settings are read once, here, so the session can start while JavaFX does (the window gets both).
        SettingsStore.Loaded loaded = new SettingsStore(dirs.config(), Clock.systemUTC()).load();
        Settings settings = loaded.settings();
        List<String> symbols = StockMonitorApplication.watchlist(options, settings).stream().distinct()
                .collect(Collectors.toList());
        EarlySessionStarter starter = new EarlySessionStarter(WindowSessions::start,
                StockMonitorApplication.choice(options, settings), symbols);
        StockMonitorApplication.HANDOFF.set(new StockMonitorApplication.Handoff(options, dirs, starter, loaded));
        try {
            Application.launch(StockMonitorApplication.class);
        } catch (RuntimeException e) {
            if (!DisplayCheck.isDisplayFailure(e)) {
                throw e;
            }
            // DISPLAY was set but names no display this process can open (a closed X server, a stale variable).
            System.err.println(DisplayCheck.message("cannot open a window: the display " + System.getenv("DISPLAY")
                    + " cannot be opened (" + e.getMessage() + ")"));
            return AppModes.NO_DISPLAY;
        }
        return 0;
    }
}
