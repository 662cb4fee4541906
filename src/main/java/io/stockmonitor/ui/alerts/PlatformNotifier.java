package io.stockmonitor.ui.alerts;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform's own notification facility, run on one background thread ("alert-notify", a queue of 4, extra
 * notifications dropped; a command that does not finish in 5 s is killed), so a slow notification daemon never holds
 * up the window or the feed:
 * <ul>
 *   <li>Linux and other Unixes: {@code notify-send} (libnotify, present on GNOME, KDE, Xfce, ...) when on the PATH;
 *   <li>macOS: {@code osascript -e 'display notification ...'} (Notification Center);
 *   <li>Windows: a tray icon's balloon (a toast on Windows 10/11) through {@code java.awt.SystemTray}
 *       ({@link TrayNotifier}).
 * </ul>
 * Elsewhere (no libnotify, no tray) there is none, and the setting says so. The text goes to the command as
 * arguments, never through a shell; AppleScript strings are escaped.
 */
final class PlatformNotifier implements DesktopNotifier {
    private static final Logger LOG = LoggerFactory.getLogger(PlatformNotifier.class);
    private static final long COMMAND_TIMEOUT_MS = 5_000;
    /** Text longer than this is cut: a notification is a glance. */
    static final int MAX_TEXT = 240;

    enum Kind { NOTIFY_SEND, OSASCRIPT }

    private final Kind kind;
    private final String command;
    private final ThreadPoolExecutor worker;

    private PlatformNotifier(Kind kind, String command) {
        this.kind = kind;
        this.command = command;
        worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(4), r -> {
            Thread t = new Thread(r, "alert-notify");
            t.setDaemon(true);
            return t;
        }, new ThreadPoolExecutor.DiscardPolicy());
    }

    /** The notifier this machine offers, or {@link DesktopNotifier#NONE}. */
    static DesktopNotifier forThisPlatform() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.startsWith("mac")) {
            String osascript = onPath("osascript");
            return osascript == null ? DesktopNotifier.NONE : new PlatformNotifier(Kind.OSASCRIPT, osascript);
        }
        if (os.startsWith("windows")) {
            return TrayNotifier.create();
        }
        String notifySend = onPath("notify-send");
        return notifySend == null ? DesktopNotifier.NONE : new PlatformNotifier(Kind.NOTIFY_SEND, notifySend);
    }

    static String onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isBlank()) {
                continue;
            }
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        return null;
    }

    @Override
    public String mechanism() {
        return kind == Kind.NOTIFY_SEND ? "notify-send (libnotify)" : "Notification Center (osascript)";
    }

    @Override
    public void notify(String title, String body) {
        List<String> argv = command(kind, command, cut(title), cut(body));
        worker.execute(() -> run(argv));
    }

    /** The command line for one notification (tests check the quoting). */
    static List<String> command(Kind kind, String command, String title, String body) {
        List<String> argv = new ArrayList<>();
        argv.add(command);
        if (kind == Kind.NOTIFY_SEND) {
            argv.add("--app-name=Stock Monitor");
            argv.add("--urgency=normal");
            argv.add("--expire-time=8000");
            // "--" ends the options: a title starting with "-" is not taken for one.
            argv.add("--");
            argv.add(title);
            argv.add(body);
        } else {
            argv.add("-e");
            argv.add("display notification " + appleScript(body) + " with title " + appleScript("Stock Monitor")
                    + " subtitle " + appleScript(title));
        }
        return argv;
    }

    /** An AppleScript string literal. */
    static String appleScript(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\');
            }
            b.append(Character.isISOControl(c) ? ' ' : c);
        }
        return b.append('"').toString();
    }

    private static String cut(String s) {
        String clean = s.replaceAll("\\p{Cntrl}", " ");
        return clean.length() > MAX_TEXT ? clean.substring(0, MAX_TEXT - 1) + "…" : clean;
    }

    private static void run(List<String> argv) {
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(COMMAND_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                LOG.info("{} took longer than {} ms; notification abandoned", argv.get(0), COMMAND_TIMEOUT_MS);
            }
        } catch (IOException e) {
            LOG.info("notification failed: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
