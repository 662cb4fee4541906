package io.stockmonitor.app;

import io.stockmonitor.ui.ProcessStart;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** The real modes: the JavaFX window and the headless recorder. */
final class AppModes implements AppCommand.Modes {
    /** Exit code when no window can open (no display); bad arguments are 2, a feed that never connected 3. */
    static final int NO_DISPLAY = 1;
    private final String[] args;

    /** @param args the command line as given, for the window's relaunch with JavaFX on the module path */
    AppModes(String[] args) {
        this.args = args.clone();
    }

    @Override
    public int headless(AppOptions options, AppDirs dirs) throws Exception {
        return HeadlessRun.run(options, dirs);
    }

    @Override
    public int window(AppOptions options, AppDirs dirs) throws Exception {
        Optional<String> problem = DisplayCheck.problem(System.getenv(), System.getProperty("os.name"),
                System.getProperty("glass.platform"));
        if (problem.isPresent()) {
            System.err.println(DisplayCheck.message(problem.get()));
            return NO_DISPLAY;
        }
        Optional<List<String>> relaunch = JavaFxModuleLaunch.command(args, ProcessStart.epochMillis());
        if (relaunch.isPresent()) {
            OptionalInt code = JavaFxModuleLaunch.run(relaunch.get());
            if (code.isPresent()) {
                return code.getAsInt();
            }
        }
        return DesktopApp.run(options, dirs);
    }
}
