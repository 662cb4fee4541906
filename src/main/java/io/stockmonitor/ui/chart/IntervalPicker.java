package io.stockmonitor.ui.chart;

import javafx.beans.property.ObjectProperty;
import javafx.scene.control.MenuButton;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.HBox;
import javafx.geometry.Pos;
import javafx.scene.layout.StackPane;

/**
 * The chart's intervals: a row of buttons when the toolbar has room for all of them, else one menu button naming
 * the current interval. Either way every label is whole; nothing is squeezed into "…".
 */
public final class IntervalPicker extends StackPane {
    private final HBox buttons = new HBox();
    private final MenuButton menu = new MenuButton();
    private final ToggleGroup buttonGroup = new ToggleGroup();
    private final ToggleGroup menuGroup = new ToggleGroup();
    private final ObjectProperty<ChartMode> mode;

    public IntervalPicker(ObjectProperty<ChartMode> mode) {
        this.mode = mode;
        getStyleClass().add("interval-picker");
        buttons.getStyleClass().add("mode-buttons");
        buttons.setId("modeButtons");
        menu.setId("modeMenu");
        menu.getStyleClass().add("mode-menu");
        for (ChartMode m : ChartMode.values()) {
            ToggleButton b = new ToggleButton(m.label());
            b.setId("mode-" + m.name());
            b.setUserData(m);
            b.setToggleGroup(buttonGroup);
            b.getStyleClass().add("mode-button");
            b.setMinWidth(USE_PREF_SIZE);
            buttons.getChildren().add(b);
            RadioMenuItem item = new RadioMenuItem(m.label());
            item.setId("menu-mode-" + m.name());
            item.setUserData(m);
            item.setToggleGroup(menuGroup);
            item.setOnAction(e -> mode.set(m));
            menu.getItems().add(item);
        }
        buttonGroup.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now == null) {
                old.setSelected(true);
            } else {
                mode.set((ChartMode) now.getUserData());
            }
        });
        mode.addListener((obs, old, now) -> show(now));
        show(mode.get());
        buttons.setMaxWidth(USE_PREF_SIZE);
        menu.setMaxWidth(USE_PREF_SIZE);
        setAlignment(Pos.CENTER_RIGHT);
        getChildren().addAll(buttons, menu);
    }

    /** True while the buttons show (the toolbar has room for all of them). */
    public boolean showsButtons() {
        return buttons.isVisible();
    }

    private void show(ChartMode m) {
        for (var t : buttonGroup.getToggles()) {
            if (t.getUserData() == m && !t.isSelected()) {
                t.setSelected(true);
            }
        }
        for (var t : menuGroup.getToggles()) {
            t.setSelected(t.getUserData() == m);
        }
        menu.setText(m == null ? "" : m.label());
    }

    @Override
    protected double computeMinWidth(double height) {
        return snappedLeftInset() + snappedRightInset() + menu.prefWidth(-1);
    }

    @Override
    protected double computePrefWidth(double height) {
        return snappedLeftInset() + snappedRightInset() + buttons.prefWidth(-1);
    }

    @Override
    protected void layoutChildren() {
        boolean room = getWidth() - snappedLeftInset() - snappedRightInset() >= buttons.prefWidth(-1) - 0.5;
        buttons.setVisible(room);
        menu.setVisible(!room);
        super.layoutChildren();
    }
}
