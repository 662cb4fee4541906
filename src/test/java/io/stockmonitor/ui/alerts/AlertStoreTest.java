package io.stockmonitor.ui.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.stockmonitor.alerts.AlertKind;
import io.stockmonitor.alerts.AlertRule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlertStoreTest {
    @TempDir
    Path dir;

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-30T10:15:30Z"), ZoneOffset.UTC);

    @Test
    void rulesAndSwitchesGoRoundTheFile() throws Exception {
        AlertStore store = new AlertStore(dir, clock);
        List<AlertRule> rules = List.of(
                AlertRule.price(1, "AAPL", true, 190.5, true, 0),
                AlertRule.of(2, "BTC-USD", AlertKind.CHANGE_BELOW, -2.5, 0, null, false, 0.5),
                AlertRule.of(3, "MSFT", AlertKind.MOVE_ANY, 1.5, 5, null, false, 0.2).withPaused(true),
                AlertRule.of(4, "NVDA", AlertKind.LINE_ABOVE, 0, 0, "VWAP", true, 0),
                AlertRule.of(5, "BTC/USD", AlertKind.STALE, 0, 30, null, false, 0));
        store.save(rules, false, true);
        AlertStore.Loaded loaded = new AlertStore(dir, clock).load();
        assertThat(loaded.rules()).containsExactlyElementsOf(rules);
        assertThat(loaded.sound()).isFalse();
        assertThat(loaded.notifications()).isTrue();
        assertThat(loaded.hasNotice()).isFalse();
    }

    @Test
    void noFileIsNoAlerts() {
        AlertStore.Loaded loaded = new AlertStore(dir, clock).load();
        assertThat(loaded.rules()).isEmpty();
        assertThat(loaded.hasNotice()).isFalse();
    }

    @Test
    void aBrokenFileIsMovedAsideAndTheWindowSaysSo() throws Exception {
        Files.writeString(dir.resolve("alerts.json"), "{\"rules\": [ {\"id\": 1, ");
        AlertStore.Loaded loaded = new AlertStore(dir, clock).load();
        assertThat(loaded.rules()).isEmpty();
        assertThat(loaded.notice()).contains("alerts.json was moved to alerts.json.corrupt-20261130-101530")
                .contains("not valid JSON");
        assertThat(dir.resolve("alerts.json")).doesNotExist();
        assertThat(dir.resolve("alerts.json.corrupt-20261130-101530")).exists();
    }

    @Test
    void invalidRulesAreLeftOutTheOthersKeptAndTheFileMovedAside() throws Exception {
        Files.writeString(dir.resolve("alerts.json"), """
                {"version":1,"rules":[
                 {"id":1,"symbol":"AAPL","kind":"PRICE_ABOVE","level":190},
                 {"id":2,"symbol":"AAPL","kind":"PRICE_ABOVE","level":-5},
                 {"id":3,"symbol":"aa pl","kind":"PRICE_BELOW","level":5},
                 {"id":4,"symbol":"MSFT","kind":"NO_SUCH_KIND","level":5}
                ]}""");
        AlertStore.Loaded loaded = new AlertStore(dir, clock).load();
        assertThat(loaded.rules()).extracting(AlertRule::text).containsExactly("AAPL>190");
        assertThat(loaded.notice()).contains("3 rules in it are not valid (the other 1 were kept)");
        assertThat(dir.resolve("alerts.json.corrupt-20261130-101530")).exists();
    }

    @Test
    void somethingThatIsNotAListOfRulesIsBrokenToo() throws Exception {
        Files.writeString(dir.resolve("alerts.json"), "[1, 2, 3]");
        assertThat(new AlertStore(dir, clock).load().notice()).contains("holds no list of rules");
    }
}
