package io.stockmonitor.app;

/** The desktop window (issue 4): being built on the ui branch. */
final class DesktopApp {
    private DesktopApp() {
    }

    static int run(AppOptions options, AppDirs dirs) {
        throw new UnsupportedOperationException("the window is not built yet");
    }
}
