package io.stockmonitor.ui;

import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;

/** Controller of StatusBarView.fxml; state and cue show as pseudo-classes styled in status-bar.css. */
public final class StatusBarView {
    private final StatusBarViewModel model;

    @FXML
    private HBox bar;
    @FXML
    private Label state;
    @FXML
    private Label server;
    @FXML
    private Label latency;
    @FXML
    private Label rate;
    @FXML
    private Label recoveries;
    @FXML
    private Label notice;

    public StatusBarView(MainViewModel main) {
        this.model = main.status();
    }

    @FXML
    private void initialize() {
        state.textProperty().bind(model.stateTextProperty());
        server.textProperty().bind(model.serverProperty());
        latency.textProperty().bind(model.latencyProperty());
        rate.textProperty().bind(model.rateProperty());
        recoveries.textProperty().bind(model.recoveriesProperty());
        notice.textProperty().bind(model.noticeProperty());
        notice.visibleProperty().bind(model.noticeProperty().isNotEmpty());
        Tooltip noticeTip = new Tooltip();
        noticeTip.textProperty().bind(model.noticeProperty());
        notice.setTooltip(noticeTip);
        Tooltip guaranteeTip = new Tooltip();
        guaranteeTip.textProperty().bind(model.guaranteeProperty());
        guaranteeTip.setWrapText(true);
        guaranteeTip.setMaxWidth(420);
        server.setTooltip(guaranteeTip);
        Tooltip latencyTip = new Tooltip("Feed delay: receive time minus tick time, last 60 s");
        latency.setTooltip(latencyTip);
        state.setTooltip(new Tooltip("The connection: CONNECTED, CONNECTING, RECONNECTING (with the attempt and a "
                + "countdown), FAILED (retrying cannot help) or CLOSED"));
        rate.setTooltip(new Tooltip("Frames received from the source per second"));
        Tooltip recoveriesTip = new Tooltip("Since the start: connections lost, reconnects, symbols resumed without "
                + "a gap, resyncs by snapshot, and a provider's gaps by how they ended (exact, by time, lost)");
        recoveriesTip.setWrapText(true);
        recoveriesTip.setMaxWidth(420);
        recoveries.setTooltip(recoveriesTip);
        model.stateProperty().addListener((obs, old, now) -> showState(now));
        showState(model.stateProperty().get());
        model.cueProperty().addListener((obs, old, now) -> showCue(now));
        model.delayedProperty().addListener((obs, old, now) -> state.pseudoClassStateChanged(pseudo("delayed"), now));
    }

    private void showState(LinkState s) {
        for (LinkState each : LinkState.values()) {
            state.pseudoClassStateChanged(pseudo(each.name()), each == s);
        }
    }

    private void showCue(StatusBarViewModel.Cue cue) {
        bar.pseudoClassStateChanged(pseudo("dropped"), cue == StatusBarViewModel.Cue.DROPPED);
        bar.pseudoClassStateChanged(pseudo("restored"), cue == StatusBarViewModel.Cue.RESTORED);
    }

    private static PseudoClass pseudo(String name) {
        return PseudoClass.getPseudoClass(name.toLowerCase(java.util.Locale.ROOT));
    }
}
