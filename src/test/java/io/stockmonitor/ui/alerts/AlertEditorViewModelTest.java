package io.stockmonitor.ui.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.stockmonitor.alerts.AlertKind;
import io.stockmonitor.alerts.AlertRule;
import org.junit.jupiter.api.Test;

class AlertEditorViewModelTest {
    private final AlertEditorViewModel model = new AlertEditorViewModel();

    @Test
    void aNewPriceAlertAtTheLastPrice() {
        model.startNew("AAPL", 189.5);
        assertThat(model.levelProperty().get()).isEqualTo("189.5");
        model.levelProperty().set("190");
        AlertRule r = model.build();
        assertThat(r.text()).isEqualTo("AAPL>190");
        assertThat(r.oneShot()).isTrue();
        assertThat(model.errorProperty().get()).isEmpty();
    }

    @Test
    void everyKindBuildsFromItsFields() {
        model.startNew("btc-usd", Double.NaN);
        model.kindProperty().set(AlertKind.CHANGE_BELOW);
        model.levelProperty().set("-2.5");
        model.oneShotProperty().set(false);
        model.rearmProperty().set("0.5");
        assertThat(model.build().text()).isEqualTo("BTC-USD%<-2.5");
        model.kindProperty().set(AlertKind.MOVE_UP);
        model.levelProperty().set("1.5x");
        assertThat(model.build()).isNull();
        model.levelProperty().set("1.5");
        model.windowProperty().set("10");
        assertThat(model.build().text()).isEqualTo("BTC-USD+1.5%/10m");
        model.kindProperty().set(AlertKind.STALE);
        model.windowProperty().set("30");
        assertThat(model.build().describe()).isEqualTo("BTC-USD stale or delayed for 30 s");
        model.kindProperty().set(AlertKind.LINE_ABOVE);
        model.lineProperty().set("VWAP");
        assertThat(model.build().text()).isEqualTo("BTC-USD>[VWAP]");
    }

    @Test
    void mistakesAreSaidInWords() {
        model.startNew("", Double.NaN);
        assertThat(model.build()).isNull();
        assertThat(model.errorProperty().get()).startsWith("Type a symbol");
        model.symbolProperty().set("AAPL");
        model.levelProperty().set("abc");
        assertThat(model.build()).isNull();
        assertThat(model.errorProperty().get()).isEqualTo("Price: type a number");
        model.levelProperty().set("-3");
        assertThat(model.build()).isNull();
        assertThat(model.errorProperty().get()).startsWith("A price level must be positive");
        model.kindProperty().set(AlertKind.MOVE_ANY);
        model.levelProperty().set("2");
        model.windowProperty().set("600");
        assertThat(model.build()).isNull();
        assertThat(model.errorProperty().get()).contains("1 to 60 minutes");
    }

    @Test
    void anEditKeepsTheIdAndArmsTheRule() {
        AlertRule fired = AlertRule.price(42, "AAPL", false, 180, true, 0).withPaused(true);
        model.edit(fired);
        model.levelProperty().set("179");
        AlertRule r = model.build();
        assertThat(r.id()).isEqualTo(42);
        assertThat(r.paused()).isFalse();
        assertThat(r.text()).isEqualTo("AAPL<179");
        assertThat(model.editing()).isTrue();
    }
}
