package io.stockmonitor.ui.alerts;

import io.stockmonitor.alerts.AlertKind;
import io.stockmonitor.alerts.AlertRule;
import java.util.List;
import javafx.fxml.FXML;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.util.StringConverter;

/** Controller of AlertEditorView.fxml: the fields of one rule, bound to an {@link AlertEditorViewModel}. */
public final class AlertEditorView {
    private final AlertEditorViewModel model = new AlertEditorViewModel();

    @FXML
    private ComboBox<String> symbolBox;
    @FXML
    private ComboBox<AlertKind> kindBox;
    @FXML
    private Label levelLabel;
    @FXML
    private HBox levelRow;
    @FXML
    private TextField levelField;
    @FXML
    private Label lastHint;
    @FXML
    private Label windowLabel;
    @FXML
    private TextField windowField;
    @FXML
    private Label lineLabel;
    @FXML
    private ComboBox<String> lineBox;
    @FXML
    private CheckBox oneShotBox;
    @FXML
    private Label rearmLabel;
    @FXML
    private TextField rearmField;
    @FXML
    private Label rearmUnit;
    @FXML
    private Label errorLabel;

    private AlertContext context;

    public AlertEditorViewModel model() {
        return model;
    }

    @FXML
    private void initialize() {
        symbolBox.getEditor().textProperty().bindBidirectional(model.symbolProperty());
        kindBox.valueProperty().bindBidirectional(model.kindProperty());
        kindBox.setConverter(new StringConverter<>() {
            @Override
            public String toString(AlertKind k) {
                return k == null ? "" : k.label();
            }

            @Override
            public AlertKind fromString(String s) {
                return null;
            }
        });
        levelField.textProperty().bindBidirectional(model.levelProperty());
        windowField.textProperty().bindBidirectional(model.windowProperty());
        lineBox.valueProperty().bindBidirectional(model.lineProperty());
        oneShotBox.selectedProperty().bindBidirectional(model.oneShotProperty());
        rearmField.textProperty().bindBidirectional(model.rearmProperty());
        levelLabel.textProperty().bind(model.levelLabelBinding());
        windowLabel.textProperty().bind(model.windowLabelBinding());
        show(levelLabel, model.levelShown());
        show(levelRow, model.levelShown());
        show(windowLabel, model.windowShown());
        show(windowField, model.windowShown());
        show(lineLabel, model.lineShown());
        show(lineBox, model.lineShown());
        rearmField.disableProperty().bind(oneShotBox.selectedProperty());
        rearmLabel.disableProperty().bind(oneShotBox.selectedProperty());
        rearmUnit.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> model.kindProperty().get().isChange() || model.kindProperty().get().isMove() ? "pt" : "%",
                model.kindProperty()));
        errorLabel.textProperty().bind(model.errorProperty());
        model.symbolProperty().addListener((obs, old, now) -> updateHint());
        updateHint();
    }

    private static void show(javafx.scene.Node node, javafx.beans.binding.BooleanBinding when) {
        node.visibleProperty().bind(when);
        node.managedProperty().bind(when);
    }

    /** Fills the lists and the fields: an edit of {@code editing}, or a new rule on {@code symbol}. */
    void setUp(AlertContext ctx, List<AlertKind> kinds, List<String> lines, AlertRule editing, String symbol,
               double last) {
        this.context = ctx;
        symbolBox.getItems().setAll(ctx.symbols());
        kindBox.getItems().setAll(kinds);
        lineBox.getItems().setAll(lines);
        if (editing != null) {
            model.edit(editing);
        } else {
            model.startNew(symbol, last);
        }
        updateHint();
    }

    private void updateHint() {
        if (context == null) {
            return;
        }
        String s = model.symbolProperty().get();
        double last = s == null || s.isBlank() ? Double.NaN
                : context.lastPrice(s.trim().toUpperCase(java.util.Locale.ROOT));
        lastHint.setText(Double.isNaN(last) ? "" : "last " + AlertRule.plain(last));
    }

    void focus() {
        levelField.requestFocus();
        levelField.selectAll();
    }
}
