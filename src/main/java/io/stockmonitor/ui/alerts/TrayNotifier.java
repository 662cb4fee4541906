package io.stockmonitor.ui.alerts;

import java.awt.AWTException;
import java.awt.Image;
import java.awt.SystemTray;
import java.awt.TrayIcon;
import java.awt.image.BufferedImage;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Windows: a tray icon whose balloon Windows 10 and 11 show as a toast in the Action Center. AWT is touched only on
 * the notifier's own thread (the JavaFX thread never initialises it).
 */
final class TrayNotifier implements DesktopNotifier {
    private static final Logger LOG = LoggerFactory.getLogger(TrayNotifier.class);
    private final ThreadPoolExecutor worker;
    private TrayIcon icon;
    private boolean failed;

    private TrayNotifier() {
        worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(4), r -> {
            Thread t = new Thread(r, "alert-notify");
            t.setDaemon(true);
            return t;
        }, new ThreadPoolExecutor.DiscardPolicy());
    }

    static DesktopNotifier create() {
        return new TrayNotifier();
    }

    @Override
    public void notify(String title, String body) {
        worker.execute(() -> show(title, body));
    }

    private void show(String title, String body) {
        if (failed) {
            return;
        }
        try {
            if (icon == null) {
                if (!SystemTray.isSupported()) {
                    failed = true;
                    LOG.info("no system tray: desktop notifications are off");
                    return;
                }
                Image image = new BufferedImage(16, 16, BufferedImage.TYPE_INT_ARGB);
                icon = new TrayIcon(image, "Stock Monitor");
                icon.setImageAutoSize(true);
                SystemTray.getSystemTray().add(icon);
            }
            icon.displayMessage(title, body, TrayIcon.MessageType.INFO);
        } catch (AWTException | RuntimeException e) {
            failed = true;
            LOG.info("desktop notifications unavailable: {}", e.toString());
        }
    }

    @Override
    public String mechanism() {
        return "the system tray (Windows notifications)";
    }

    @Override
    public void close() {
        worker.execute(() -> {
            if (icon != null) {
                SystemTray.getSystemTray().remove(icon);
            }
        });
        worker.shutdown();
    }
}
