package io.stockmonitor.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Named watchlists: a symbol in several lists is subscribed once and unsubscribed only when in none. */
class WatchListsTest {
    private final List<String> subscribed = new ArrayList<>();
    private final List<String> unsubscribed = new ArrayList<>();
    private final WatchlistViewModel model = new WatchlistViewModel();

    WatchListsTest() {
        model.setSymbols(List.of("AAPL", "MSFT"));
        model.connect(List::of, subscribed::add, unsubscribed::add);
    }

    @Test
    void listsAreMadeSwitchedRenamedAndDeleted() {
        assertThat(model.newList("Tech")).isNull();
        assertThat(model.activeListProperty().get()).isEqualTo("Tech");
        assertThat(model.symbols()).isEmpty();
        model.add("MSFT");
        model.add("NVDA");
        assertThat(subscribed).as("MSFT is watched already").containsExactly("NVDA");
        model.switchTo("Main");
        assertThat(model.symbols()).containsExactly("AAPL", "MSFT");
        assertThat(model.allSymbols()).containsExactly("AAPL", "MSFT", "NVDA");
        model.remove("MSFT");
        assertThat(unsubscribed).as("still in Tech").isEmpty();
        model.remove("AAPL");
        assertThat(unsubscribed).containsExactly("AAPL");
        assertThat(model.renameList("Tech", "Chips")).isNull();
        assertThat(model.listNames()).containsExactly("Main", "Chips");
        assertThat(model.newList("Chips")).contains("already");
        assertThat(model.newList(" ")).startsWith("Type a name");
        model.deleteList("Chips");
        assertThat(unsubscribed).containsExactly("AAPL", "MSFT", "NVDA");
        assertThat(model.listNames()).containsExactly("Main");
        model.deleteList("Main");
        assertThat(model.listNames()).as("never the last one").containsExactly("Main");
    }

    @Test
    void aSymbolCanBeInSeveralListsAndRowsKeepTheirPlaceWhenDragged() {
        model.newList("Tech");
        model.switchTo("Main");
        model.addToList("Tech", "AAPL");
        model.add("NVDA");
        model.move("NVDA", 0);
        assertThat(model.symbols()).containsExactly("NVDA", "AAPL", "MSFT");
        model.move("NVDA", 5);
        assertThat(model.symbols()).containsExactly("AAPL", "MSFT", "NVDA");
        WatchLists saved = model.lists();
        assertThat(saved.lists()).containsEntry("Tech", List.of("AAPL"));
        WatchlistViewModel other = new WatchlistViewModel();
        other.setLists(saved);
        assertThat(other.listNames()).containsExactly("Main", "Tech");
        assertThat(other.symbols()).containsExactly("AAPL", "MSFT", "NVDA");
        assertThat(other.allSymbols()).containsExactly("AAPL", "MSFT", "NVDA");
    }

    @Test
    void settingsKeepTheListsAndRepairWhatIsWrong() throws Exception {
        Settings s = Settings.defaults();
        s.putNamedWatchlists(Map.of("demo", new WatchLists(Map.of("Main", List.of("AAPL")), "Main")));
        s.setWatchlistColumns(List.of("LAST", "HIGH", "nonsense"));
        ObjectMapper json = new ObjectMapper();
        Settings back = json.readValue(json.writeValueAsString(s), Settings.class).normalized();
        assertThat(back.namedWatchlists().get("demo").lists()).containsEntry("Main", List.of("AAPL"));
        assertThat(back.getWatchlistColumns()).containsExactly("LAST", "HIGH");
        assertThat(back.getWatchlistDensity()).isEqualTo(Settings.COMPACT);
        Settings odd = json.readValue("{\"namedWatchlists\":{\"nowhere\":{\"A\":[\"X\"]},\"demo\":{\"\":[\"X\"],"
                + "\"Tech\":[\"aapl\",\"a b\"]}},\"activeWatchlists\":{\"demo\":\"Gone\"},"
                + "\"watchlistDensity\":\"huge\",\"tapeMinSize\":-3}", Settings.class).normalized();
        assertThat(odd.namedWatchlists()).containsOnlyKeys("demo");
        assertThat(odd.namedWatchlists().get("demo").lists()).containsOnly(Map.entry("Tech", List.of("AAPL")));
        assertThat(odd.namedWatchlists().get("demo").active()).isEqualTo("Tech");
        assertThat(odd.getWatchlistDensity()).isEqualTo(Settings.COMPACT);
        assertThat(odd.getTapeMinSize()).isZero();
    }
}
