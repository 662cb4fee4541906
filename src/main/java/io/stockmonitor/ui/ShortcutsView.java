package io.stockmonitor.ui;

import java.util.List;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;

/** Controller of ShortcutsView.fxml: Help → Keyboard shortcuts, every key the window answers to. */
public final class ShortcutsView {
    /** Key, what it does; a row with an empty key is a heading. */
    static final List<String[]> SHORTCUTS = List.of(
            new String[] {"", "Watchlist"},
            new String[] {"Ctrl+N", "Add a symbol (focus the field)"},
            new String[] {"↑ ↓  Page Up/Down  Home/End", "Move the selection"},
            new String[] {"Letters", "Jump to the first symbol starting with them"},
            new String[] {"Delete", "Remove the selected symbol"},
            new String[] {"Menu key, Shift+F10", "The row's menu: alerts, lists, remove"},
            new String[] {"Drag a row", "Reorder the list (in your own order)"},
            new String[] {"Click a column title", "Sort ascending, descending, then your order"},
            new String[] {"", "Alerts"},
            new String[] {"Ctrl+Shift+A", "New alert on the selected symbol"},
            new String[] {"Ctrl+Shift+L", "Show the alert log"},
            new String[] {"Right-click the chart", "Alert at the price under the mouse"},
            new String[] {"", "Chart and tape"},
            new String[] {"+  −  mouse wheel", "Zoom the chart"},
            new String[] {"Drag", "Pan the chart (turns Follow live off)"},
            new String[] {"Mouse over the tape", "Pause it; leave to catch up"},
            new String[] {"", "Window"},
            new String[] {"Ctrl+K", "Connect to a source"},
            new String[] {"F1", "This sheet"},
            new String[] {"Ctrl+Q", "Quit"});

    @FXML
    private GridPane grid;

    @FXML
    private void initialize() {
        int row = 0;
        for (String[] s : SHORTCUTS) {
            if (s[0].isEmpty()) {
                Label heading = new Label(s[1]);
                heading.getStyleClass().add("shortcuts-heading");
                grid.add(heading, 0, row++, 2, 1);
                continue;
            }
            Label key = new Label(s[0]);
            key.getStyleClass().add("shortcut-key");
            grid.add(key, 0, row);
            grid.add(new Label(s[1]), 1, row++);
        }
    }
}
