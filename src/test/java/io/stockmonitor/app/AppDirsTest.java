package io.stockmonitor.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AppDirsTest {
    private final Path home = Path.of("/home/trader");

    @Test
    void linuxFollowsXdgWithFallbacks() {
        AppDirs dirs = AppDirs.forPlatform("Linux", Map.of(), home);
        assertThat(dirs.config()).isEqualTo(Path.of("/home/trader/.config/stock-monitor"));
        assertThat(dirs.logs()).isEqualTo(Path.of("/home/trader/.local/share/stock-monitor/logs"));
        assertThat(dirs.javafxCache()).isEqualTo(Path.of("/home/trader/.cache/stock-monitor/javafx"));

        AppDirs xdg = AppDirs.forPlatform("Linux",
                Map.of("XDG_CONFIG_HOME", "/cfg", "XDG_DATA_HOME", "/data", "XDG_CACHE_HOME", "relative/ignored"),
                home);
        assertThat(xdg.config()).isEqualTo(Path.of("/cfg/stock-monitor"));
        assertThat(xdg.data()).isEqualTo(Path.of("/data/stock-monitor"));
        assertThat(xdg.cache()).isEqualTo(Path.of("/home/trader/.cache/stock-monitor"));
    }

    @Test
    void windowsAndMacUseTheirPlaces() {
        AppDirs win = AppDirs.forPlatform("Windows 11", Map.of("APPDATA", "/C/Users/t/AppData/Roaming",
                "LOCALAPPDATA", "/C/Users/t/AppData/Local"), home);
        assertThat(win.config()).isEqualTo(Path.of("/C/Users/t/AppData/Roaming/Stock Monitor"));
        assertThat(win.cache()).startsWithRaw(Path.of("/C/Users/t/AppData/Local"));

        AppDirs mac = AppDirs.forPlatform("Mac OS X", Map.of(), home);
        assertThat(mac.config()).isEqualTo(Path.of("/home/trader/Library/Application Support/Stock Monitor"));
        assertThat(mac.data()).isEqualTo(Path.of("/home/trader/Library/Logs/Stock Monitor"));
    }

    @Test
    void testsRunUnderTheirOwnRoot() {
        assertThat(System.getProperty("stockmonitor.home")).isNotBlank();
        assertThat(AppDirs.current().config()).startsWithRaw(Path.of(System.getProperty("stockmonitor.home")));
    }
}
