package io.stockmonitor.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsStoreTest {
    @TempDir
    Path dir;

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-22T10:15:30Z"), ZoneOffset.UTC);

    @Test
    void roundTripsEverythingItRemembers() throws Exception {
        SettingsStore store = new SettingsStore(dir, clock);
        Settings s = Settings.defaults();
        s.setWindow(new Settings.WindowPlacement(10, 20, 1200, 800, false));
        s.setWatchlistDivider(0.3);
        s.setSelectedSymbol("MSFT");
        s.setInterval("M1");
        s.setTheme("light");
        s.setWatchlist(List.of("MSFT", "AAPL"));
        s.setServer("ws://example:8787/feed");
        s.setWatchlistColumnWidths(java.util.Map.of("LAST", 120.0));
        s.setWatchlistSort("CHANGE_PERCENT:desc");
        store.save(s);

        SettingsStore.Loaded loaded = store.load();
        assertThat(loaded.hasNotice()).isFalse();
        Settings r = loaded.settings();
        assertThat(r.getWindow()).isEqualTo(s.getWindow());
        assertThat(r.getWatchlistDivider()).isEqualTo(0.3);
        assertThat(r.getSelectedSymbol()).isEqualTo("MSFT");
        assertThat(r.getInterval()).isEqualTo("M1");
        assertThat(r.getTheme()).isEqualTo("light");
        assertThat(r.getWatchlist()).containsExactly("MSFT", "AAPL");
        assertThat(r.getServer()).isEqualTo("ws://example:8787/feed");
        assertThat(r.getWatchlistColumnWidths()).containsExactly(java.util.Map.entry("LAST", 120.0));
        assertThat(r.getWatchlistSort()).isEqualTo("CHANGE_PERCENT:desc");
        assertThat(Files.readString(store.file())).doesNotContain("token");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(store.file());
        }
    }

    @Test
    void aMissingFileGivesDefaultsQuietly() {
        SettingsStore.Loaded loaded = new SettingsStore(dir, clock).load();
        assertThat(loaded.hasNotice()).isFalse();
        assertThat(loaded.settings().getTheme()).isEqualTo("dark");
    }

    @Test
    void aCorruptFileIsMovedAsideAndTheUserTold() throws Exception {
        SettingsStore store = new SettingsStore(dir, clock);
        Files.writeString(store.file(), "{ \"theme\": \"light\", \"watchlist\": [");
        SettingsStore.Loaded loaded = store.load();
        assertThat(loaded.hasNotice()).isTrue();
        assertThat(loaded.notice()).contains("settings.json.corrupt-20261122-101530");
        assertThat(loaded.settings().getTheme()).isEqualTo("dark");
        assertThat(store.file()).doesNotExist();
        assertThat(dir.resolve("settings.json.corrupt-20261122-101530")).exists();
    }

    @Test
    void implausibleValuesAreRepaired() throws Exception {
        SettingsStore store = new SettingsStore(dir, clock);
        Files.writeString(store.file(), "{\"window\":{\"x\":0,\"y\":0,\"width\":5,\"height\":5,\"maximized\":false},"
                + "\"watchlistDivider\":7,\"interval\":\"FORTNIGHT\",\"theme\":\"neon\",\"watchlist\":[\"aapl\",\" \",\"AAPL\"],"
                + "\"unknownField\":1}");
        Settings s = store.load().settings();
        assertThat(s.getWindow()).isNull();
        assertThat(s.getWatchlistDivider()).isEqualTo(Settings.DEFAULT_DIVIDER);
        assertThat(s.getInterval()).isEqualTo("S1");
        assertThat(s.getTheme()).isEqualTo("dark");
        assertThat(s.getWatchlist()).containsExactly("AAPL");
    }

    @Test
    void handEditedColumnWidthsAndSortsAreRepairedNotTrusted() {
        Settings s = Settings.defaults();
        java.util.Map<String, Double> widths = new java.util.LinkedHashMap<>();
        widths.put("last", 130.0);
        widths.put("NO_SUCH_COLUMN", 100.0);
        widths.put("BID", 3.0);
        widths.put("ASK", 1e9);
        widths.put("VOLUME", null);
        s.setWatchlistColumnWidths(widths);
        s.setWatchlistSort("VOLUME:sideways");
        s.normalized();
        assertThat(s.getWatchlistColumnWidths()).containsExactly(java.util.Map.entry("LAST", 130.0));
        assertThat(s.getWatchlistSort()).isNull();

        s.setWatchlistColumnWidths(null);
        s.setWatchlistSort("symbol:ASC");
        s.normalized();
        assertThat(s.getWatchlistColumnWidths()).isEmpty();
        assertThat(WatchlistColumn.parseSort(s.getWatchlistSort()))
                .isEqualTo(new WatchlistColumn.Sort(WatchlistColumn.SYMBOL, true));
    }
}
