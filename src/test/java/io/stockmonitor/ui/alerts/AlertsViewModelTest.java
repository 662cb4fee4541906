package io.stockmonitor.ui.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.stockmonitor.alerts.AlertFiring;
import io.stockmonitor.alerts.AlertLimits;
import io.stockmonitor.alerts.AlertRule;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The alerts' view model without a window: the queue drained per frame, log, toasts, highlights, notifications. */
class AlertsViewModelTest {
    private final List<String[]> notified = new ArrayList<>();
    private final DesktopNotifier notifier = new DesktopNotifier() {
        @Override
        public void notify(String title, String body) {
            notified.add(new String[] {title, body});
        }

        @Override
        public String mechanism() {
            return "test";
        }
    };
    private final AlertsViewModel model = new AlertsViewModel(null, notifier);
    private final List<List<AlertRule>> sent = new ArrayList<>();
    private final List<List<AlertRule>> saved = new ArrayList<>();

    private void fire(AlertRule rule, double price, int flags) {
        model.queue().fired(rule, 7, 1_000, price, price, flags, 2_000);
    }

    @Test
    void rulesGoToTheSessionAndTheFileOnEveryChange() {
        model.restore(new AlertStore.Loaded(List.of(), true, false, null), (r, s, n) -> saved.add(r));
        model.attach((rules, lines, sink) -> sent.add(rules));
        AlertRule a = model.addPriceAlert("AAPL", 190, 189);
        assertThat(a.kind().upward()).isTrue();
        assertThat(model.addPriceAlert("AAPL", 180, 189).text()).isEqualTo("AAPL<180");
        model.book().setPaused(a.id(), true);
        assertThat(sent.get(sent.size() - 1)).extracting(AlertRule::text).containsExactly("AAPL<180");
        assertThat(saved.get(saved.size() - 1)).hasSize(2);
        model.book().remove(a.id());
        assertThat(saved.get(saved.size() - 1)).hasSize(1);
    }

    @Test
    void firingsOfAFrameAreLoggedToastedAndHighlighted() {
        AlertRule rule = AlertRule.price(1, "AAPL", true, 190, false, 0);
        model.notificationsOnProperty().set(true);
        fire(rule, 190.5, 0);
        fire(rule, 190.7, AlertFiring.REFILLED | AlertFiring.ACROSS_GAP);
        model.frame(10_000);
        assertThat(model.log()).extracting(AlertFiring::price).containsExactly(190.7, 190.5);
        assertThat(model.log().get(0).marks()).isEqualTo("refilled · across a gap");
        assertThat(model.toasts()).hasSize(2);
        assertThat(model.unseenProperty().get()).isEqualTo(2);
        assertThat(model.highlighted("AAPL")).isTrue();
        assertThat(model.lastFired(1).price()).isEqualTo(190.7);
        assertThat(notified).singleElement().satisfies(n -> {
            assertThat(n[0]).isEqualTo("2 alerts");
            assertThat(n[1]).contains("AAPL crossed above 190 at 190.7");
        });
        model.frame(10_000 + AlertLimits.TOAST_MS);
        assertThat(model.toasts()).isEmpty();
        model.frame(10_000 + AlertLimits.ROW_HIGHLIGHT_MS);
        assertThat(model.highlighted("AAPL")).isFalse();
    }

    @Test
    void aBurstIsOneNotificationThenTheNextOneWaitsItsTurn() {
        AlertRule rule = AlertRule.price(1, "AAPL", true, 190, false, 0);
        model.notificationsOnProperty().set(true);
        fire(rule, 191, 0);
        model.frame(0);
        fire(rule, 192, 0);
        model.frame(100);
        fire(rule, 193, 0);
        model.frame(200);
        assertThat(notified).hasSize(1);
        model.frame(AlertLimits.OS_NOTIFICATION_MIN_GAP_MS);
        assertThat(notified).hasSize(2);
        assertThat(notified.get(1)[0]).isEqualTo("2 alerts");
    }

    @Test
    void notificationsOffNotifyNothing() {
        fire(AlertRule.price(1, "AAPL", true, 190, false, 0), 191, 0);
        model.frame(0);
        assertThat(notified).isEmpty();
    }

    @Test
    void aOneShotRuleIsPausedOnceItFired() {
        AlertRule once = model.add(AlertRule.price(0, "AAPL", true, 190, true, 0));
        fire(once, 191, 0);
        model.frame(0);
        assertThat(model.book().get(once.id()).paused()).isTrue();
    }

    @Test
    void theLogAndTheToastsAreBounded() {
        AlertRule rule = AlertRule.price(1, "AAPL", true, 190, false, 0);
        for (int i = 0; i < AlertLimits.LOG_ENTRIES + 20; i++) {
            fire(rule, 190 + i, 0);
            model.frame(i);
        }
        assertThat(model.log()).hasSize(AlertLimits.LOG_ENTRIES);
        assertThat(model.log().get(0).price()).isEqualTo(190 + AlertLimits.LOG_ENTRIES + 19.0);
        assertThat(model.toasts()).hasSize(AlertLimits.TOASTS_SHOWN);
    }

    @Test
    void aFullQueueDropsAndSaysSo() {
        AlertRule rule = AlertRule.price(1, "AAPL", true, 190, false, 0);
        for (int i = 0; i < AlertLimits.FIRING_QUEUE + 5; i++) {
            fire(rule, 191, 0);
        }
        model.frame(0);
        assertThat(model.log()).hasSize(Math.min(AlertLimits.FIRING_QUEUE, AlertLimits.LOG_ENTRIES));
        assertThat(model.noticeProperty().get()).startsWith("5 alert firings were too many");
    }

    @Test
    void theBookRefusesBeyondItsLimits() {
        for (int i = 0; i < AlertLimits.MAX_RULES_PER_SYMBOL; i++) {
            model.add(AlertRule.price(0, "AAPL", true, 100 + i, true, 0));
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> model.add(AlertRule.price(0, "AAPL", true, 1, true,
                0))).isInstanceOf(IllegalStateException.class).hasMessageContaining("AAPL");
    }
}
