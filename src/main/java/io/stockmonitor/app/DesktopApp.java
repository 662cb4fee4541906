package io.stockmonitor.app;

import javafx.application.Application;

/** The desktop window (issue 4): launches {@link StockMonitorApplication} and blocks until it closes. */
final class DesktopApp {
    private DesktopApp() {
    }

    /** Returns the exit code once the window is closed. */
    static int run(AppOptions options, AppDirs dirs) {
        StockMonitorApplication.HANDOFF.set(
                new StockMonitorApplication.Handoff(options, dirs, WindowSessions::start));
        Application.launch(StockMonitorApplication.class);
        return 0;
    }
}
