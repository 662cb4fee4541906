package io.stockmonitor.app;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The platform's per-user places for settings, data (logs) and caches; never inside the installation.
 *
 * <p>Linux follows the XDG base-directory spec, Windows uses {@code %APPDATA%}/{@code %LOCALAPPDATA%}, macOS
 * {@code ~/Library}. The system property {@code stockmonitor.home} puts all three under one root (tests use it).
 */
public record AppDirs(Path config, Path data, Path cache) {
    static final String APP_DIR = "stock-monitor";
    static final String APP_NAME = "Stock Monitor";

    /** Directories for this process: from {@code stockmonitor.home} if set, else the platform's. */
    public static AppDirs current() {
        String home = System.getProperty("stockmonitor.home");
        if (home != null && !home.isBlank()) {
            return underRoot(Path.of(home));
        }
        return forPlatform(System.getProperty("os.name", ""), System.getenv(),
                Path.of(System.getProperty("user.home", ".")));
    }

    static AppDirs underRoot(Path root) {
        return new AppDirs(root.resolve("config"), root.resolve("data"), root.resolve("cache"));
    }

    static AppDirs forPlatform(String osName, Map<String, String> env, Path userHome) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            Path roaming = envPath(env, "APPDATA", userHome.resolve("AppData").resolve("Roaming"));
            Path local = envPath(env, "LOCALAPPDATA", userHome.resolve("AppData").resolve("Local"));
            return new AppDirs(roaming.resolve(APP_NAME), roaming.resolve(APP_NAME),
                    local.resolve(APP_NAME).resolve("Cache"));
        }
        if (os.startsWith("mac")) {
            Path library = userHome.resolve("Library");
            return new AppDirs(library.resolve("Application Support").resolve(APP_NAME),
                    library.resolve("Logs").resolve(APP_NAME), library.resolve("Caches").resolve(APP_NAME));
        }
        return new AppDirs(
                envPath(env, "XDG_CONFIG_HOME", userHome.resolve(".config")).resolve(APP_DIR),
                envPath(env, "XDG_DATA_HOME", userHome.resolve(".local").resolve("share")).resolve(APP_DIR),
                envPath(env, "XDG_CACHE_HOME", userHome.resolve(".cache")).resolve(APP_DIR));
    }

    /** Where the app writes its log files. */
    public Path logs() {
        return data.resolve("logs");
    }

    /** Where JavaFX unpacks its native libraries (instead of {@code ~/.openjfx}). */
    public Path javafxCache() {
        return cache.resolve("javafx");
    }

    private static Path envPath(Map<String, String> env, String name, Path fallback) {
        String value = env.get(name);
        // XDG: a relative path is invalid and must be ignored.
        if (value == null || value.isBlank() || !Path.of(value).isAbsolute()) {
            return fallback;
        }
        return Path.of(value);
    }
}
