package io.stockmonitor.ui.status;

import io.stockmonitor.ui.LinkState;
import io.stockmonitor.ui.MainViewModel;

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
        for (Label field : new Label[] {state, server, latency, rate, recoveries}) {
            // A field shows whole or not at all (fit), never as "…".
            field.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            field.textProperty().addListener((obs, old, now) -> fit());
        }
        // The bar takes the window's width whatever its fields would like; fit() decides which of them show.
        bar.setMinWidth(0);
        notice.setWrapText(true);
        notice.textProperty().addListener((obs, old, now) -> fit());
        bar.widthProperty().addListener((obs, old, now) -> fit());
        model.stateProperty().addListener((obs, old, now) -> showState(now));
        showState(model.stateProperty().get());
        model.cueProperty().addListener((obs, old, now) -> showCue(now));
        model.delayedProperty().addListener((obs, old, now) -> state.pseudoClassStateChanged(pseudo("delayed"), now));
    }

    /**
     * Leaves out the fields the bar has no room for, in {@link #leaveOutOrder()}'s order (the server first; the
     * connection state never), each with the separator before it, and brings them back when there is room.
     */
    private void fit() {
        double available = bar.getWidth() - bar.snappedLeftInset() - bar.snappedRightInset();
        if (available <= 0) {
            return;
        }
        double spacing = bar.getSpacing();
        double need = state.prefWidth(-1);
        java.util.List<Label> order = leaveOutOrder();
        double[] cost = new double[order.size()];
        for (int i = 0; i < order.size(); i++) {
            Label field = order.get(i);
            cost[i] = field.prefWidth(-1) + separatorBefore(field).prefWidth(-1) + 2 * spacing;
            need += cost[i];
        }
        if (notice.isVisible()) {
            // Room for the notice's first words; a longer notice wraps onto a second line.
            need += Math.min(notice.prefWidth(-1), 240) + 2 * spacing;
        }
        for (int i = 0; i < order.size(); i++) {
            boolean show = need <= available;
            Label field = order.get(i);
            setShown(field, show);
            setShown(separatorBefore(field), show);
            if (!show) {
                need -= cost[i];
            }
        }
    }

    /** The fields the bar leaves out when narrow, first to last. */
    private java.util.List<Label> leaveOutOrder() {
        return java.util.List.of(server, recoveries, rate, latency);
    }

    private javafx.scene.Node separatorBefore(Label field) {
        int i = bar.getChildren().indexOf(field);
        return bar.getChildren().get(i - 1);
    }

    private static void setShown(javafx.scene.Node node, boolean shown) {
        if (node.isVisible() != shown) {
            node.setVisible(shown);
            node.setManaged(shown);
        }
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
