package io.stockmonitor.ui;

import java.net.URI;
import java.util.Locale;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;

/** Controller of ConnectionDialogView.fxml: a feed URL and token, or demo mode in one click. */
public final class ConnectionDialogView {
    @FXML
    private TextField serverField;
    @FXML
    private PasswordField tokenField;
    @FXML
    private Label error;

    private Runnable onDemo = () -> { };

    @FXML
    private void initialize() {
        error.managedProperty().bind(error.visibleProperty());
        error.setVisible(false);
        serverField.textProperty().addListener((obs, old, now) -> error.setVisible(false));
    }

    void prefill(ConnectionChoice current) {
        if (current != null && !current.isDemo()) {
            serverField.setText(current.server());
            tokenField.setText(current.token() == null ? "" : current.token());
        }
    }

    void setOnDemo(Runnable action) {
        this.onDemo = action;
    }

    @FXML
    private void onDemo() {
        onDemo.run();
    }

    /** The entered feed, or null with the reason shown inline. */
    ConnectionChoice validate() {
        String text = serverField.getText() == null ? "" : serverField.getText().trim();
        String problem = problem(text);
        if (problem != null) {
            error.setText(problem);
            error.setVisible(true);
            return null;
        }
        String token = tokenField.getText() == null || tokenField.getText().isBlank() ? null : tokenField.getText();
        return new ConnectionChoice(text, token);
    }

    /** Why a URL cannot be a feed address, or null if it can. */
    static String problem(String url) {
        if (url.isEmpty()) {
            return "Enter the feed URL, e.g. ws://127.0.0.1:8787/feed";
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("ws") && !scheme.equals("wss")) {
                return "The URL must start with ws:// or wss://";
            }
            if (uri.getHost() == null) {
                return "The URL needs a host";
            }
            return null;
        } catch (java.net.URISyntaxException e) {
            return "Not a URL: " + e.getReason();
        }
    }

    void focus() {
        serverField.requestFocus();
    }
}
