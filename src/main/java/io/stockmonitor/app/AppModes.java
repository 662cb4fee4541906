package io.stockmonitor.app;

/** The real modes: the JavaFX window and the headless recorder. */
final class AppModes implements AppCommand.Modes {
    @Override
    public int headless(AppOptions options, AppDirs dirs) throws Exception {
        return HeadlessRun.run(options, dirs);
    }

    @Override
    public int window(AppOptions options, AppDirs dirs) {
        return DesktopApp.run(options, dirs);
    }
}
