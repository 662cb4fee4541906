package io.stockmonitor.ui.status;

import io.stockmonitor.ui.ConnectionInfo;
import io.stockmonitor.ui.FeedPort;
import io.stockmonitor.ui.LinkState;

import java.text.NumberFormat;
import io.stockmonitor.source.SourceKind;
import java.util.Locale;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/** The status bar's texts and states, refreshed by the frame loop (texts change only when their value does). */
public final class StatusBarViewModel {
    /** A short visual cue after the connection drops or comes back. */
    public enum Cue { NONE, DROPPED, RESTORED }

    /** How long a cue shows. */
    static final long CUE_MS = 1_500;
    /** Counters and rates are re-read this often (a countdown in whole seconds needs no more). */
    static final long REFRESH_MS = 250;

    private final ReadOnlyObjectWrapper<LinkState> state = new ReadOnlyObjectWrapper<>(this, "state",
            LinkState.CONNECTING);
    private final ReadOnlyStringWrapper stateText = new ReadOnlyStringWrapper(this, "stateText", "CONNECTING");
    private final ReadOnlyStringWrapper server = new ReadOnlyStringWrapper(this, "server", "");
    private final ReadOnlyStringWrapper latency = new ReadOnlyStringWrapper(this, "latency", "1 min p50 — · p99 —");
    private final ReadOnlyStringWrapper rate = new ReadOnlyStringWrapper(this, "rate", "0 msg/s");
    private final ReadOnlyStringWrapper recoveries = new ReadOnlyStringWrapper(this, "recoveries",
            "reconnects 0");
    private final ReadOnlyStringWrapper guarantee = new ReadOnlyStringWrapper(this, "guarantee", "");
    private final ReadOnlyObjectWrapper<Cue> cue = new ReadOnlyObjectWrapper<>(this, "cue", Cue.NONE);
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper(this, "notice", "");
    private final NumberFormat integer = NumberFormat.getIntegerInstance(Locale.US);

    private final javafx.beans.property.ReadOnlyBooleanWrapper delayed =
            new javafx.beans.property.ReadOnlyBooleanWrapper(this, "delayed");
    private ConnectionInfo info = ConnectionInfo.connecting("");
    private long delayP50Ms = -1;
    private boolean everConnected;
    private boolean dropped;
    private long cueUntilMs;
    private long lastRefreshMs;
    private long rateWindowStartMs = Long.MIN_VALUE;
    private long rateWindowStartCount;

    /** A connection state from the queue (or seen by polling). */
    public void onState(ConnectionInfo next, long nowMs) {
        LinkState before = info.state();
        info = next;
        if (next.state() == LinkState.CONNECTED) {
            if (dropped) {
                showCue(Cue.RESTORED, nowMs);
            }
            dropped = false;
            everConnected = true;
        } else if (everConnected && before == LinkState.CONNECTED
                && (next.state() == LinkState.RECONNECTING || next.state() == LinkState.FAILED)) {
            dropped = true;
            showCue(Cue.DROPPED, nowMs);
        }
        state.set(next.state());
        server.set(next.server());
        stateText.set(describe(next, nowMs) + delayedSuffix());
    }

    /** A fresh session replaces the old one: counters start again. */
    public void reset(ConnectionInfo connecting) {
        info = connecting;
        everConnected = false;
        dropped = false;
        rateWindowStartMs = Long.MIN_VALUE;
        state.set(connecting.state());
        server.set(connecting.server());
        stateText.set(describe(connecting, 0));
        rate.set("0 msg/s");
        recoveries.set("reconnects 0");
        guarantee.set("");
        latency.set("1 min p50 — · p99 —");
        delayed.set(false);
    }

    /** Every frame: polls the port's state (the queue may have dropped events) and, a few times a second, counters. */
    public void refresh(FeedPort port, long nowMs) {
        if (nowMs >= cueUntilMs && cue.get() != Cue.NONE) {
            cue.set(Cue.NONE);
        }
        if (port == null || nowMs - lastRefreshMs < REFRESH_MS) {
            return;
        }
        lastRefreshMs = nowMs;
        ConnectionInfo polled = port.connection();
        if (polled != null && !polled.equals(info)) {
            onState(polled, nowMs);
        }
        long messages = port.messagesReceived();
        if (rateWindowStartMs == Long.MIN_VALUE) {
            rateWindowStartMs = nowMs;
            rateWindowStartCount = messages;
        } else if (nowMs - rateWindowStartMs >= 1_000) {
            long perSecond = (messages - rateWindowStartCount) * 1_000 / (nowMs - rateWindowStartMs);
            rate.set(integer.format(perSecond) + " msg/s");
            rateWindowStartMs = nowMs;
            rateWindowStartCount = messages;
        }
        recoveries.set(recoveriesText(port.kind(), port.recoveries()));
        guarantee.set(port.kind().guarantee());
        FeedPort.Latency l = port.latency();
        latency.set("1 min p50 " + millis(l.p50Ms()) + " · p99 " + millis(l.p99Ms()));
        // A feed whose trades arrive seconds late is connected, but its prices are not current: say so.
        delayP50Ms = l.p50Ms();
        delayed.set(info.state() == LinkState.CONNECTED && l.p50Ms() > DELAYED_AFTER_MS);
        stateText.set(describe(info, nowMs) + delayedSuffix());
    }

    public void showNotice(String text) {
        notice.set(text == null ? "" : text);
    }

    private void showCue(Cue c, long nowMs) {
        cue.set(c);
        cueUntilMs = nowMs + CUE_MS;
    }

    /** The status bar calls a connected feed DELAYED when half its trades of the last minute came this late. */
    static final long DELAYED_AFTER_MS = io.stockmonitor.market.MarketLimits.DEFAULT_DELAYED_AFTER_MS;

    private String delayedSuffix() {
        return delayed.get() ? String.format(Locale.ROOT, " · DELAYED %.1f s", delayP50Ms / 1000.0) : "";
    }

    /** True while the connected feed's trades arrive late (the state label turns amber). */
    public javafx.beans.property.ReadOnlyBooleanProperty delayedProperty() {
        return delayed.getReadOnlyProperty();
    }

    static String describe(ConnectionInfo info, long nowMs) {
        return switch (info.state()) {
            case CONNECTING -> "CONNECTING…";
            case CONNECTED -> "CONNECTED";
            case RECONNECTING -> {
                long waitMs = info.nextRetryAtMs() - nowMs;
                String retry = info.nextRetryAtMs() <= 0 || waitMs <= 0 ? "retrying now"
                        : "retry in " + ((waitMs + 999) / 1_000) + " s";
                yield "RECONNECTING · attempt " + info.attempt() + " · " + retry;
            }
            case FAILED -> info.detail().isEmpty() ? "FAILED" : "FAILED · " + info.detail();
            case CLOSED -> "CLOSED";
        };
    }

    /**
     * Reconnects and resumed symbols counted apart (one reconnect resuming twelve symbols is "reconnects 1 ·
     * resumed 12"); a provider's gaps by how they ended.
     */
    String recoveriesText(SourceKind kind, FeedPort.Recoveries r) {
        StringBuilder sb = new StringBuilder("reconnects ").append(integer.format(r.connectionsLost()));
        if (!kind.provider()) {
            sb.append(" · resumed ").append(integer.format(r.symbolsResumed()))
                    .append(" · resyncs ").append(integer.format(r.resyncs()));
        }
        long gaps = r.gapsExact() + r.gapsByTime() + r.gapsLost();
        if (kind.provider() || gaps > 0) {
            sb.append(" · gaps ").append(integer.format(gaps));
            if (gaps > 0) {
                sb.append(" (");
                String sep = "";
                if (r.gapsExact() > 0) {
                    sb.append(integer.format(r.gapsExact())).append(" exact");
                    sep = ", ";
                }
                if (r.gapsByTime() > 0) {
                    sb.append(sep).append(integer.format(r.gapsByTime())).append(" by time");
                    sep = ", ";
                }
                if (r.gapsLost() > 0) {
                    sb.append(sep).append(integer.format(r.gapsLost())).append(" lost");
                    if (r.tradesLost() > 0) {
                        sb.append(": ").append(integer.format(r.tradesLost())).append(" trades");
                    }
                }
                sb.append(')');
            }
        }
        return sb.toString();
    }

    private static String millis(long ms) {
        return ms < 0 ? "—" : ms + " ms";
    }

    public ReadOnlyObjectProperty<LinkState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty stateTextProperty() {
        return stateText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty serverProperty() {
        return server.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty latencyProperty() {
        return latency.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty rateProperty() {
        return rate.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty recoveriesProperty() {
        return recoveries.getReadOnlyProperty();
    }

    /** What the source can promise about completeness (the server label's tooltip). */
    public ReadOnlyStringProperty guaranteeProperty() {
        return guarantee.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Cue> cueProperty() {
        return cue.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }
}
