package io.stockmonitor.ui.alerts;

import io.stockmonitor.alerts.AlertRule;
import java.io.IOException;
import java.io.UncheckedIOException;
import javafx.event.ActionEvent;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.stage.Window;

/** Opens the alert editor as a dialog; OK adds the rule (or replaces the edited one) in the book. */
public final class AlertEditorDialog {
    private AlertEditorDialog() {
    }

    /** Loads the editor's view (tests use it without a dialog). */
    static AlertEditorView load(Parent[] root) {
        FXMLLoader loader = new FXMLLoader(AlertEditorView.class.getResource("AlertEditorView.fxml"));
        loader.setControllerFactory(t -> new AlertEditorView());
        try {
            root[0] = loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load AlertEditorView.fxml", e);
        }
        return loader.getController();
    }

    /**
     * Shows the editor; returns at once (the dialog is modal to {@code owner} but does not nest an event loop in
     * tests that drive it). {@code editing} null makes a new rule on {@code symbol} at {@code last}.
     */
    public static Dialog<AlertRule> open(Window owner, AlertsViewModel alerts, AlertContext context,
                                         AlertRule editing, String symbol, double last) {
        Parent[] root = new Parent[1];
        AlertEditorView view = load(root);
        view.setUp(context, alerts.offeredKinds(), alerts.lines().names(), editing, symbol, last);
        Dialog<AlertRule> dialog = new Dialog<>();
        dialog.setTitle(editing == null ? "New alert" : "Edit alert " + editing.text());
        if (owner != null) {
            dialog.initOwner(owner);
        }
        dialog.getDialogPane().setContent(root[0]);
        ButtonType save = new ButtonType(editing == null ? "Add alert" : "Save", ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().addAll(save, ButtonType.CANCEL);
        dialog.getDialogPane().lookupButton(save).addEventFilter(ActionEvent.ACTION, e -> {
            AlertRule rule = view.model().build();
            if (rule == null) {
                e.consume();
                return;
            }
            try {
                if (editing == null) {
                    context.watch(rule.symbol());
                    alerts.add(rule);
                } else {
                    context.watch(rule.symbol());
                    alerts.book().replace(rule);
                }
            } catch (IllegalStateException full) {
                view.model().reportError(full.getMessage());
                e.consume();
            }
        });
        dialog.setResultConverter(b -> b == save ? view.model().build() : null);
        dialog.setOnShown(e -> view.focus());
        dialog.show();
        return dialog;
    }
}
