package io.stockmonitor.ui;

import io.stockmonitor.protocol.ProductVersion;
import javafx.fxml.FXML;
import javafx.scene.control.Label;

/** Controller of AboutView.fxml. */
public final class AboutView {
    @FXML
    private Label version;

    @FXML
    private void initialize() {
        version.setText("Version " + ProductVersion.get());
    }
}
