package io.stockmonitor.app;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a window can open here, asked before JavaFX is started: without a display JavaFX fails with a raw
 * {@code Unable to open DISPLAY} stack trace, and a newcomer on a server or in a container deserves one line that
 * says why and points to {@code --headless}.
 */
final class DisplayCheck {
    private DisplayCheck() {
    }

    /**
     * Why no window can open, or empty when one may. Only X11 systems are checked (JavaFX's GTK toolkit needs
     * {@code DISPLAY}, under Wayland too, through XWayland); Windows and macOS always have a display for a logged-in
     * user, and the Monocle toolkit (headless tests) needs none.
     */
    static Optional<String> problem(Map<String, String> env, String osName, String glassPlatform) {
        String os = osName == null ? "" : osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows") || os.startsWith("mac") || "monocle".equalsIgnoreCase(glassPlatform)) {
            return Optional.empty();
        }
        String display = env.get("DISPLAY");
        if (display == null || display.isBlank()) {
            return Optional.of("cannot open a window: there is no display (DISPLAY is not set)");
        }
        return Optional.empty();
    }

    /** The one line shown when the window cannot open, with what to do instead. */
    static String message(String problem) {
        return "stock-monitor: " + problem + ". To connect and record without a window, run with --headless "
                + "(see --help).";
    }

    /** True when JavaFX's start failed because the display could not be opened. */
    static boolean isDisplayFailure(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c.getMessage() != null && c.getMessage().contains("DISPLAY")) {
                return true;
            }
        }
        return false;
    }
}
