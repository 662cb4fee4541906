package io.stockmonitor.ui;

import io.stockmonitor.feed.TrustedCertificates;
import io.stockmonitor.source.Credentials;
import io.stockmonitor.source.SourceChoice;
import io.stockmonitor.source.SourceKind;
import java.io.File;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javafx.application.Platform;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.stage.FileChooser;

/**
 * Controller of ConnectionDialogView.fxml: the sources listed (demo, the providers, a protocol server), each with
 * what it can promise and the fields it needs; demo mode in one click. Credentials typed here stay in memory.
 */
public final class ConnectionDialogView {
    @FXML
    private ListView<SourceKind> sourceList;
    @FXML
    private Label guarantee;
    @FXML
    private Label serverLabel;
    @FXML
    private TextField serverField;
    @FXML
    private Label tokenLabel;
    @FXML
    private PasswordField tokenField;
    @FXML
    private Label keyLabel;
    @FXML
    private TextField keyField;
    @FXML
    private Label secretLabel;
    @FXML
    private PasswordField secretField;
    @FXML
    private Label wsLabel;
    @FXML
    private TextField wsField;
    @FXML
    private Label restLabel;
    @FXML
    private TextField restField;
    @FXML
    private Label trustLabel;
    @FXML
    private HBox trustRow;
    @FXML
    private TextField trustField;
    @FXML
    private Label endpointsHint;
    @FXML
    private CheckBox rememberBox;
    @FXML
    private Label error;

    private Runnable onDemo = () -> { };
    private CredentialVault vault = CredentialVault.NONE;

    @FXML
    private void initialize() {
        error.setText("");
        sourceList.getItems().setAll(SourceKind.DEMO, SourceKind.BINANCE, SourceKind.COINBASE, SourceKind.KRAKEN,
                SourceKind.ALPACA, SourceKind.FINNHUB, SourceKind.V1);
        sourceList.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(SourceKind kind, boolean empty) {
                super.updateItem(kind, empty);
                setText(empty || kind == null ? null : kind.title());
            }
        });
        sourceList.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> show(now));
        for (TextField f : List.of(serverField, tokenField, keyField, secretField, wsField, restField, trustField)) {
            f.textProperty().addListener((obs, old, now) -> error.setText(""));
        }
        sourceList.getSelectionModel().select(SourceKind.DEMO);
    }

    /** Shows the fields the selected source needs, and what it can promise. */
    private void show(SourceKind kind) {
        if (kind == null) {
            return;
        }
        error.setText("");
        guarantee.setText(kind.guarantee());
        boolean server = kind == SourceKind.V1;
        boolean token = kind == SourceKind.V1 || kind == SourceKind.FINNHUB;
        boolean key = kind == SourceKind.ALPACA;
        boolean endpoints = kind.provider();
        visible(server, serverLabel, serverField);
        visible(token, tokenLabel, tokenField);
        visible(key, keyLabel, keyField, secretLabel, secretField);
        visible(endpoints, wsLabel, wsField, restLabel, restField, endpointsHint);
        visible(kind != SourceKind.DEMO, trustLabel, trustRow);
        packRows();
        // The dialog was sized for the first source shown; another one may need more rows. Sized after this pulse's
        // CSS and layout, when the newly shown rows know their heights.
        Platform.runLater(() -> {
            if (sourceList.getScene() != null && sourceList.getScene().getWindow() != null) {
                sourceList.getScene().getWindow().sizeToScene();
            }
        });
        visible(kind.keyed(), rememberBox);
        if (kind.keyed() && text(tokenField).isEmpty() && text(keyField).isEmpty()) {
            vault.load(kind).ifPresent(c -> fill(kind, c));
        }
        tokenField.setPromptText(kind == SourceKind.V1 ? "optional; kept in memory only" : "kept in memory only");
        wsField.setPromptText(endpoints ? "the provider's own" : "");
        restField.setPromptText(endpoints ? "the provider's own" : "");
    }

    /**
     * Gives the shown rows consecutive indices: a grid keeps its gap for every row index between two shown rows,
     * so hidden rows left in place would open holes between the fields a source needs.
     */
    private void packRows() {
        int row = 0;
        Node[][] rows = {{serverLabel, serverField}, {tokenLabel, tokenField}, {keyLabel, keyField},
                {secretLabel, secretField}, {wsLabel, wsField}, {restLabel, restField}, {trustLabel, trustRow}};
        for (Node[] r : rows) {
            if (r[0].isManaged()) {
                GridPane.setRowIndex(r[0], row);
                GridPane.setRowIndex(r[1], row);
                row++;
            }
        }
    }

    private static void visible(boolean shown, Node... nodes) {
        for (Node n : nodes) {
            n.setVisible(shown);
            n.setManaged(shown);
        }
    }

    /**
     * Where remembered keys go; without a credential store the box says so and stays off, and keys live in memory
     * for the run only.
     */
    void setVault(CredentialVault v) {
        this.vault = v;
        rememberBox.setDisable(!v.available());
        rememberBox.setText(v.available() ? "Remember in " + v.where()
                : "Kept in memory for this run only (" + v.where() + ")");
        rememberBox.setSelected(false);
    }

    /** True when the user asked to remember the key or token of the chosen source. */
    boolean rememberRequested() {
        return rememberBox.isVisible() && rememberBox.isSelected() && !rememberBox.isDisabled();
    }

    private void fill(SourceKind kind, Credentials c) {
        if (kind == SourceKind.ALPACA) {
            keyField.setText(c.key());
            secretField.setText(c.secret() == null ? "" : c.secret());
        } else {
            tokenField.setText(c.key());
        }
        rememberBox.setSelected(vault.available());
    }

    /** Selects and fills in the current choice (credentials too, while they are in memory). */
    void prefill(SourceChoice current) {
        if (current == null) {
            return;
        }
        sourceList.getSelectionModel().select(current.kind());
        sourceList.scrollTo(current.kind());
        if (current.kind() == SourceKind.V1) {
            serverField.setText(current.server());
        }
        Credentials c = current.credentials();
        if (c.present()) {
            if (current.kind() == SourceKind.ALPACA) {
                keyField.setText(c.key());
                secretField.setText(c.secret() == null ? "" : c.secret());
            } else {
                tokenField.setText(c.key());
            }
        } else if (current.kind().keyed()) {
            vault.load(current.kind()).ifPresent(saved -> fill(current.kind(), saved));
        }
        wsField.setText(current.ws() == null ? "" : current.ws().toString());
        restField.setText(current.rest() == null ? "" : current.rest().toString());
        trustField.setText(current.trustCert() == null ? "" : current.trustCert().toString());
    }

    @FXML
    private void onChooseCertificate() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Certificate to trust for this feed");
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("Certificates (PEM, DER)", "*.pem", "*.crt", "*.cer", "*.der"),
                new FileChooser.ExtensionFilter("All files", "*"));
        File file = chooser.showOpenDialog(trustField.getScene() == null ? null : trustField.getScene().getWindow());
        if (file != null) {
            trustField.setText(file.getAbsolutePath());
        }
    }

    /** The certificate file typed or chosen, read now so a wrong file is an inline error; null if none. */
    private Path trustCert() {
        String text = text(trustField);
        if (text.isEmpty()) {
            return null;
        }
        Path file;
        try {
            file = Path.of(text).toAbsolutePath();
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("The certificate path is not a file name: " + e.getReason());
        }
        try {
            TrustedCertificates.load(file);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Certificate: " + e.getMessage());
        }
        return file;
    }

    void setOnDemo(Runnable action) {
        this.onDemo = action;
    }

    @FXML
    private void onDemo() {
        onDemo.run();
    }

    /** The chosen source, or null with the reason shown inline. */
    SourceChoice validate() {
        SourceKind kind = sourceList.getSelectionModel().getSelectedItem();
        if (kind == null) {
            return fail("Choose where prices come from");
        }
        switch (kind) {
            case DEMO -> {
                return SourceChoice.demo();
            }
            case V1 -> {
                String url = text(serverField);
                String problem = problem(url);
                if (problem != null) {
                    return fail(problem);
                }
                String token = text(tokenField);
                try {
                    return SourceChoice.server(url, token.isEmpty() ? Credentials.NONE : new Credentials(token, null))
                            .withTrustCert(trustCert());
                } catch (IllegalArgumentException e) {
                    return fail(e.getMessage());
                }
            }
            default -> {
                Credentials credentials = Credentials.NONE;
                if (kind == SourceKind.ALPACA) {
                    if (text(keyField).isEmpty() || text(secretField).isEmpty()) {
                        return fail("Alpaca needs your key ID and secret (a free account has them)");
                    }
                    credentials = new Credentials(text(keyField), text(secretField));
                } else if (kind == SourceKind.FINNHUB) {
                    if (text(tokenField).isEmpty()) {
                        return fail("Finnhub needs your API token (a free account has one)");
                    }
                    credentials = new Credentials(text(tokenField), null);
                }
                try {
                    URI ws = endpoint(text(wsField), "ws", "WebSocket");
                    URI rest = endpoint(text(restField), "http", "REST");
                    return SourceChoice.provider(kind, credentials, ws, rest).withTrustCert(trustCert());
                } catch (IllegalArgumentException e) {
                    return fail(e.getMessage());
                }
            }
        }
    }

    private SourceChoice fail(String message) {
        error.setText(message);
        return null;
    }

    private static String text(TextField f) {
        return f.getText() == null ? "" : f.getText().trim();
    }

    /** A replacement base URL, or null when the field is empty. */
    static URI endpoint(String text, String scheme, String what) {
        if (text.isEmpty()) {
            return null;
        }
        try {
            URI u = new URI(text);
            String s = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if (!(s.equals(scheme) || s.equals(scheme + "s")) || u.getHost() == null) {
                throw new IllegalArgumentException("The " + what + " base must start with " + scheme + "s:// or "
                        + scheme + ":// and name a host");
            }
            if (u.getRawQuery() != null || u.getRawUserInfo() != null) {
                throw new IllegalArgumentException("The " + what + " base takes no query or user name");
            }
            return u;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("The " + what + " base is not a URL: " + e.getReason());
        }
    }

    /** Why a URL cannot be a protocol server's address, or null if it can. */
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
        } catch (URISyntaxException e) {
            return "Not a URL: " + e.getReason();
        }
    }

    void focus() {
        sourceList.requestFocus();
    }
}
