package io.stockmonitor.app;

/** Headless mode (issue 3): being built on the feed branch. */
final class HeadlessRun {
    private HeadlessRun() {
    }

    static int run(AppOptions options, AppDirs dirs) {
        throw new UnsupportedOperationException("headless mode is not built yet");
    }
}
