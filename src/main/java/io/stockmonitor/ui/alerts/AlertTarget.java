package io.stockmonitor.ui.alerts;

import io.stockmonitor.alerts.AlertRule;
import io.stockmonitor.alerts.AlertSink;
import io.stockmonitor.alerts.IndicatorLines;
import java.util.List;

/** Where rules are evaluated: the running session (its feed thread). */
@FunctionalInterface
public interface AlertTarget {
    /**
     * Evaluates {@code rules} from now on, on every trade the session applies, replacing the rules it had; firings go
     * to {@code sink}, which only enqueues. Cheap: it only posts the change to the feed thread.
     */
    void setAlerts(List<AlertRule> rules, IndicatorLines lines, AlertSink sink);
}
