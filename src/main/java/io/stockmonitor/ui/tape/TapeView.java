package io.stockmonitor.ui.tape;

import javafx.beans.property.DoubleProperty;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/** Controller of TapeView.fxml: the tape's canvas, its size filters, and hover to pause. */
public final class TapeView {
    private final TapeViewModel model;

    @FXML
    private VBox root;
    @FXML
    private Label symbolLabel;
    @FXML
    private Label statusLabel;
    @FXML
    private TextField minField;
    @FXML
    private TextField largeField;
    @FXML
    private Label timeTitle;
    @FXML
    private Label priceTitle;
    @FXML
    private Label sizeTitle;
    @FXML
    private Label sideTitle;
    @FXML
    private StackPane host;

    private TapeCanvas canvas;

    public TapeView(TapeViewModel model) {
        this.model = model;
    }

    @FXML
    private void initialize() {
        canvas = new TapeCanvas(model);
        canvas.setId("tapeCanvas");
        // Under the pause badge, which shows only while paused.
        host.getChildren().add(0, canvas);
        symbolLabel.textProperty().bind(model.symbolProperty());
        statusLabel.textProperty().bind(model.statusProperty());
        statusLabel.visibleProperty().bind(model.statusProperty().isNotEmpty());
        model.versionProperty().addListener((obs, old, now) -> canvas.update());
        // Hovering holds the tape still, so a row can be read; leaving catches up at once.
        canvas.addEventHandler(MouseEvent.MOUSE_ENTERED, e -> model.pausedProperty().set(true));
        canvas.addEventHandler(MouseEvent.MOUSE_EXITED, e -> model.pausedProperty().set(false));
        bindNumber(minField, model.minSizeProperty());
        bindNumber(largeField, model.largeSizeProperty());
        timeTitle.setTooltip(new Tooltip("When the trade happened (the source's time, to the millisecond)"));
        priceTitle.setTooltip(new Tooltip("Green: above the previous trade; red: below; plain: the same"));
        sizeTitle.setTooltip(new Tooltip("Shares or coins traded; large prints are highlighted"));
        sideTitle.setTooltip(new Tooltip("A: at or above the ask (a buyer took it); B: at or below the bid; "
                + "▲ ▼ ·: against the previous trade where there is no quote"));
        statusLabel.setTooltip(new Tooltip("The mouse over the tape pauses it; new trades wait above"));
        // Column titles over the canvas's columns (the canvas lays them out by its width).
        host.widthProperty().addListener((obs, old, w) -> alignTitles(w.doubleValue()));
    }

    private void alignTitles(double w) {
        double timeRight = Math.min(w * 0.40, 100);
        double priceRight = w * 0.68;
        double sizeRight = w - 28;
        priceTitle.setMinWidth(priceRight - timeRight);
        priceTitle.setPrefWidth(priceRight - timeRight);
        sizeTitle.setMinWidth(sizeRight - priceRight);
        sizeTitle.setPrefWidth(sizeRight - priceRight);
        sideTitle.setMinWidth(28);
        sideTitle.setPrefWidth(28);
    }

    private void bindNumber(TextField field, DoubleProperty property) {
        field.setText(format(property.get()));
        property.addListener((obs, old, now) -> {
            if (!field.isFocused()) {
                field.setText(format(now.doubleValue()));
            }
        });
        Runnable apply = () -> {
            try {
                double v = Double.parseDouble(field.getText().trim().replace(",", ""));
                if (v >= 0 && Double.isFinite(v)) {
                    property.set(v);
                    model.pausedProperty().set(false);
                    return;
                }
            } catch (NumberFormatException e) {
                // falls through: the field shows the value in force again
            }
            field.setText(format(property.get()));
        };
        field.setOnAction(e -> apply.run());
        field.focusedProperty().addListener((obs, old, focused) -> {
            if (!focused) {
                apply.run();
            }
        });
    }

    private static String format(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    /** The canvas (tests count what it draws). */
    public TapeCanvas canvas() {
        return canvas;
    }

    public VBox root() {
        return root;
    }
}
