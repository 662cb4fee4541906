package io.stockmonitor.ui.alerts;

/**
 * Shows an operating-system notification. Implementations never block their caller: they hand the work to a
 * background thread and drop it when that thread is busy.
 */
public interface DesktopNotifier extends AutoCloseable {
    /** Nothing to show with (or notifications off). */
    DesktopNotifier NONE = new DesktopNotifier() {
        @Override
        public void notify(String title, String body) {
        }

        @Override
        public String mechanism() {
            return "none";
        }
    };

    void notify(String title, String body);

    /** This machine's facility: notify-send on Linux, osascript on macOS, the tray on Windows, else none. */
    static DesktopNotifier forThisPlatform() {
        return PlatformNotifier.forThisPlatform();
    }

    /** What this platform gets, for the tooltip of the setting: "notify-send", "osascript", ... */
    String mechanism();

    @Override
    default void close() {
    }
}
