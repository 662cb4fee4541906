package io.stockmonitor.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.stockmonitor.protocol.Message;
import org.junit.jupiter.api.Test;

/** Stale (nothing new for N s) or delayed (trades arriving N s late), on the feed thread's timer and on trades. */
class StaleAlertTest {
    private static AlertRule stale(long id, int seconds, boolean oneShot) {
        return AlertRule.of(id, "AAPL", AlertKind.STALE, 0, seconds, null, oneShot, 0);
    }

    private static void advance(AlertRig rig, long ms) {
        // The timer runs every 250 ms; the test runs it by hand as the clock moves.
        for (long t = 0; t < ms; t += AlertLimits.FRESHNESS_CHECK_MS) {
            rig.clock.addAndGet(AlertLimits.FRESHNESS_CHECK_MS);
            rig.engine.checkFreshness();
        }
    }

    @Test
    void nothingNewForNSecondsFiresOnceThenRearmsWhenDataFlowAgain() {
        AlertRig rig = new AlertRig("AAPL").rules(stale(1, 5, false));
        rig.trade("AAPL", 100);
        advance(rig, 4_500);
        assertThat(rig.fired).isEmpty();
        advance(rig, 1_000);
        assertThat(rig.fired).singleElement().satisfies(f -> {
            assertThat(f.hasTrade()).isFalse();
            assertThat(f.flags() & AlertFiring.STALE).isNotZero();
            assertThat(f.value()).isGreaterThanOrEqualTo(5_000);
            assertThat(f.message()).startsWith("AAPL no fresh data for 5.");
            assertThat(f.rule().text()).isEqualTo("AAPL stale 5s");
        });
        advance(rig, 20_000);
        assertThat(rig.fired).as("once per episode").hasSize(1);
        rig.ts = rig.clock.get();
        rig.trade("AAPL", 101);
        advance(rig, 1_000);
        advance(rig, 5_000);
        assertThat(rig.fired).hasSize(2);
    }

    @Test
    void aSourceConfirmingAQuietSymbolKeepsItFresh() {
        AlertRig rig = new AlertRig("AAPL").rules(stale(1, 5, false));
        rig.trade("AAPL", 100);
        for (int i = 0; i < 10; i++) {
            advance(rig, 2_000);
            rig.market.confirmCurrent("AAPL", rig.clock.get());
        }
        assertThat(rig.fired).isEmpty();
    }

    @Test
    void aSymbolThatNeverGotDataIsStaleNSecondsAfterTheRuleWasMade() {
        AlertRig rig = new AlertRig("AAPL").rules(stale(1, 3, true));
        advance(rig, 3_250);
        assertThat(rig.fired).hasSize(1);
    }

    @Test
    void aConnectionDownMakesEverySymbolStale() {
        AlertRig rig = new AlertRig("AAPL").rules(stale(1, 2, false));
        rig.trade("AAPL", 100);
        rig.market.connectionLost(rig.clock.get());
        advance(rig, 2_250);
        assertThat(rig.fired).hasSize(1);
    }

    @Test
    void refillingForNSecondsIsStaleEvenWhileRefilledTradesArrive() {
        AlertRig rig = new AlertRig("AAPL").rules(stale(1, 3, false));
        rig.trade("AAPL", 100);
        rig.market.markRefilling("AAPL", rig.ts, rig.clock.get());
        for (int i = 0; i < 14; i++) {
            advance(rig, 250);
            rig.ts = rig.clock.get() - 60_000;
            rig.trade("AAPL", 100, false);
        }
        assertThat(rig.fired).hasSize(1);
    }

    @Test
    void aLiveTradeArrivingNSecondsLateFiresOnThatTrade() {
        AlertRig rig = new AlertRig("AAPL").rules(stale(1, 5, false));
        rig.trade("AAPL", 100);
        rig.clock.set(rig.ts + rig.step + 5_000);
        rig.trade("AAPL", 100.5);
        assertThat(rig.fired).singleElement().satisfies(f -> {
            assertThat(f.price()).isEqualTo(100.5);
            assertThat(f.flags() & AlertFiring.DELAYED).isNotZero();
            assertThat(f.message()).isEqualTo("AAPL trades arriving 5.0 s late");
        });
        rig.clock.addAndGet(100);
        rig.trade("AAPL", 100.6);
        advance(rig, 500);
        assertThat(rig.fired).as("still late: not re-armed").hasSize(1);
        rig.ts = rig.clock.get();
        rig.trade("AAPL", 100.7);
        advance(rig, 500);
        rig.clock.set(rig.ts + rig.step + 6_000);
        rig.trade("AAPL", 100.8);
        assertThat(rig.fired).hasSize(2);
    }

    @Test
    void refilledTradesAreLateByNatureAndDoNotCountAsDelayed() {
        AlertRig rig = new AlertRig("AAPL").rules(stale(1, 5, false));
        rig.trade("AAPL", 100);
        rig.clock.addAndGet(60_000);
        rig.trade("AAPL", 100.5, false);
        assertThat(rig.fired).isEmpty();
    }

    @Test
    void aResyncingSymbolForNSecondsIsStale() {
        AlertRig rig = new AlertRig("AAPL").rules(stale(1, 2, true));
        rig.trade("AAPL", 100);
        rig.market.markResyncing("AAPL");
        for (int i = 0; i < 12; i++) {
            advance(rig, 250);
            rig.market.confirmCurrent("AAPL", rig.clock.get());
        }
        assertThat(rig.fired).hasSize(1);
        rig.market.applySnapshot(new Message.Snapshot("AAPL", "e2", 5, 100, 99, 101, 100, 101, 99, 98, 1_000,
                null), io.stockmonitor.protocol.ResyncReason.TOO_OLD, 3, rig.clock.get());
        advance(rig, 10_000);
        assertThat(rig.fired).as("one-shot").hasSize(1);
    }
}
