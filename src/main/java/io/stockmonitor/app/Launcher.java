package io.stockmonitor.app;

import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * Entry point of {@code stock-monitor.jar} and of the installed launcher.
 *
 * <p>Deliberately not a JavaFX {@code Application}: the JavaFX jars run from the class path, and the per-user log and
 * native-library directories must be set before logging or JavaFX start.
 */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) {
        System.exit(run(args, new AppModes(args)));
    }

    /** Runs the command line; returns the exit code (2 for bad arguments, as picocli does). */
    static int run(String[] args, AppCommand.Modes modes) {
        AppDirs dirs = AppDirs.current();
        setIfAbsent("stockmonitor.logDir", dirs.logs().toString());
        setIfAbsent("javafx.cachedir", dirs.javafxCache().toString());
        CommandLine commandLine = new CommandLine(new AppCommand(modes, dirs));
        commandLine.setParameterExceptionHandler(Launcher::oneLineError);
        return commandLine.execute(args);
    }

    /** A bad argument gets one line on stderr (and a pointer to --help), not the whole usage text. */
    static int oneLineError(CommandLine.ParameterException e, String[] args) {
        PrintWriter err = e.getCommandLine().getErr();
        err.println("stock-monitor: " + e.getMessage() + " (see --help)");
        err.flush();
        return CommandLine.ExitCode.USAGE;
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
