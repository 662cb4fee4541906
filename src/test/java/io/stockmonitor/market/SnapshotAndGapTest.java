package io.stockmonitor.market;

import static org.assertj.core.api.Assertions.assertThat;

import io.stockmonitor.protocol.Bars;
import io.stockmonitor.protocol.Message;
import io.stockmonitor.protocol.ResyncReason;
import java.util.List;
import org.junit.jupiter.api.Test;

class SnapshotAndGapTest {
    private static final long T0 = 1_700_000_100_000L; // a whole 5 minutes

    private final MarketModel model = new MarketModel(MarketLimits.defaults(), () -> T0);

    @Test
    void snapshotReplacesQuoteAndBarsAndRebuildsDerivedBars() {
        model.addSymbol("AAPL");
        model.applyTick("AAPL", 1, T0 - 100_000, 500.00, 9, 499.99, 500.01, T0 - 100_000);

        int n = 120;
        long[] t = new long[n];
        double[] o = new double[n];
        double[] h = new double[n];
        double[] l = new double[n];
        double[] c = new double[n];
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
            t[i] = T0 - 60_000 + i * 1_000L;
            o[i] = (10_000 + i) / 100.0;
            h[i] = (10_005 + i) / 100.0;
            l[i] = (9_995 + i) / 100.0;
            c[i] = (10_001 + i) / 100.0;
            v[i] = 10 + i;
        }
        Message.Snapshot snap = new Message.Snapshot("AAPL", "e2", 1_290, 101.20, 101.19, 101.21, 99.5, 101.3,
                99.0, 99.8, 55_000, new Bars(1_000, n, t, o, h, l, c, v));
        model.applySnapshot(snap, ResyncReason.EPOCH_CHANGED, 1_288, T0 + 61_000);

        QuoteView q = new QuoteView();
        model.readQuote("AAPL", q);
        assertThat(q.seq()).isEqualTo(1_290);
        assertThat(q.last()).isEqualTo(101.20);
        assertThat(q.open()).isEqualTo(99.5);
        assertThat(q.prevClose()).isEqualTo(99.8);
        assertThat(q.volume()).isEqualTo(55_000);
        assertThat(q.previousLast()).isEqualTo(500.00);

        BarBuffer s1 = new BarBuffer(1_000);
        assertThat(model.readBars("AAPL", BarInterval.S1, Long.MIN_VALUE, s1)).as("the old bar is gone").isEqualTo(n);
        assertThat(s1.time(0)).isEqualTo(t[0]);
        assertThat(s1.close(n - 1)).isEqualTo(c[n - 1]);

        BarBuffer m1 = new BarBuffer(10);
        assertThat(model.readBars("AAPL", BarInterval.M1, Long.MIN_VALUE, m1)).isEqualTo(2);
        assertThat(m1.open(0)).isEqualTo(o[0]);
        assertThat(m1.high(0)).isEqualTo(h[59]);
        assertThat(m1.low(0)).isEqualTo(l[0]);
        assertThat(m1.close(0)).isEqualTo(c[59]);
        assertThat(m1.volume(0)).isEqualTo((10 + 69) * 60 / 2);

        List<GapMarker> markers = model.gapMarkers("AAPL", Long.MIN_VALUE);
        assertThat(markers).containsExactly(
                new GapMarker("AAPL", T0 - 100_000, T0 + 61_000, GapCause.RESYNC, GapKind.LOST,
                        ResyncReason.EPOCH_CHANGED, 1_288, -1));
        assertThat(model.gapMarkers("AAPL", T0 + 61_001)).isEmpty();
        assertThat(model.gapMarkers("AAPL", T0 + 61_000)).hasSize(1);
    }

    @Test
    void aFirstSnapshotIsNoGap() {
        model.addSymbol("MSFT");
        model.connectionLost(T0 - 10_000);
        model.connectionRestored(T0);
        model.applySnapshot(QuoteAndFreshnessTest.snapshot("MSFT", 7, 300, 299), ResyncReason.NEW, -1, T0 + 5);
        assertThat(model.gapMarkers("MSFT", Long.MIN_VALUE)).as("nothing shown was replaced or missed").isEmpty();
        QuoteView q = new QuoteView();
        model.readQuote("MSFT", q);
        assertThat(q.lastGapKind()).isNull();
    }

    @Test
    void aSnapshotAfterADisconnectionMakesOneResyncMarkerOfBoth() {
        model.addSymbol("AAPL");
        model.applyTick("AAPL", 1, T0, 100, 1, 99.99, 100.01, T0);
        model.connectionLost(T0 + 1_000);
        model.connectionRestored(T0 + 5_000);
        model.applySnapshot(QuoteAndFreshnessTest.snapshot("AAPL", 90, 101, 100), ResyncReason.TOO_OLD, 89,
                T0 + 5_100);
        assertThat(model.gapMarkers("AAPL", Long.MIN_VALUE)).containsExactly(new GapMarker("AAPL", T0,
                T0 + 5_100, GapCause.RESYNC, GapKind.LOST, ResyncReason.TOO_OLD, 89, -1));
        QuoteView q = new QuoteView();
        model.readQuote("AAPL", q);
        assertThat(q.lastGapKind()).isEqualTo(GapKind.LOST);
        assertThat(q.lastGapMissed()).isEqualTo(89);
    }

    @Test
    void aResumedDisconnectionSettlesAsExact() {
        model.addSymbol("AAPL");
        model.applyTick("AAPL", 1, T0, 100, 1, 99.99, 100.01, T0);
        model.connectionLost(T0 + 1_000);
        model.connectionRestored(T0 + 4_000);
        assertThat(model.gapMarkers("AAPL", Long.MIN_VALUE).get(0).isPending()).isTrue();
        model.settleGaps("AAPL", GapKind.EXACT, 0, 0, T0 + 4_100);
        assertThat(model.gapMarkers("AAPL", Long.MIN_VALUE)).containsExactly(new GapMarker("AAPL", T0 + 1_000,
                T0 + 4_000, GapCause.DISCONNECT, GapKind.EXACT, null, 0, 0));
        QuoteView q = new QuoteView();
        model.readQuote("AAPL", q);
        assertThat(q.lastGapKind()).isEqualTo(GapKind.EXACT);
        assertThat(q.lastGapAtMs()).isEqualTo(T0 + 4_100);
    }

    @Test
    void aRefillShowsRefillingUntilSettledAndJoinsThePendingDisconnection() {
        model.addSymbol("BTCUSDT");
        model.applyTick("BTCUSDT", 100, T0, 90_000.5, 0.001, Double.NaN, Double.NaN, T0);
        model.connectionLost(T0 + 1_000);
        model.connectionRestored(T0 + 3_000);
        model.markRefilling("BTCUSDT", T0, T0 + 3_100);
        QuoteView q = new QuoteView();
        model.readQuote("BTCUSDT", q);
        assertThat(q.freshness()).isEqualTo(Freshness.REFILLING);
        assertThat(model.gapMarkers("BTCUSDT", Long.MIN_VALUE)).as("one incident, one marker").hasSize(1);

        model.settleGaps("BTCUSDT", GapKind.EXACT, 0, 37, T0 + 3_500);
        model.readQuote("BTCUSDT", q);
        assertThat(q.freshness()).isEqualTo(Freshness.LIVE);
        assertThat(q.lastGapRefilled()).isEqualTo(37);
        assertThat(model.gapMarkers("BTCUSDT", Long.MIN_VALUE)).extracting(GapMarker::recovery, GapMarker::refilled)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(GapKind.EXACT, 37L));
    }

    @Test
    void aSkipOnALiveConnectionOpensASequenceMarker() {
        model.addSymbol("BTCUSDT");
        model.applyTick("BTCUSDT", 100, T0, 90_000.5, 0.001, Double.NaN, Double.NaN, T0);
        model.markRefilling("BTCUSDT", T0, T0 + 2_000);
        model.settleGaps("BTCUSDT", GapKind.LOST, 5, 0, T0 + 2_500);
        assertThat(model.gapMarkers("BTCUSDT", Long.MIN_VALUE)).containsExactly(new GapMarker("BTCUSDT", T0,
                T0 + 2_000, GapCause.SEQUENCE, GapKind.LOST, null, 5, 0));
    }

    @Test
    void connectionLossOpensAndRestoreClosesADisconnectedSpan() {
        model.addSymbol("AAPL");
        model.addSymbol("MSFT");
        model.connectionLost(T0 + 1_000);
        GapMarker open = model.gapMarkers("AAPL", Long.MIN_VALUE).get(0);
        assertThat(open.isDisconnect()).isTrue();
        assertThat(open.isOpen()).isTrue();
        assertThat(open.fromTs()).isEqualTo(T0 + 1_000);
        assertThat(model.connectionUp()).isFalse();
        model.connectionLost(T0 + 1_500);
        assertThat(model.gapMarkers("AAPL", Long.MIN_VALUE)).as("one span per outage").hasSize(1);

        model.connectionRestored(T0 + 4_000);
        assertThat(model.gapMarkers("MSFT", Long.MIN_VALUE)).as("closed, not settled yet").containsExactly(
                new GapMarker("MSFT", T0 + 1_000, T0 + 4_000, GapCause.DISCONNECT, GapKind.PENDING, null, -1, -1));
        assertThat(model.connectionUp()).isTrue();
    }

    @Test
    void markersAreBoundedKeepingTheNewest() {
        MarketModel small = new MarketModel(new MarketLimits(16, 60, 60, 3, 2, 15_000), () -> T0);
        small.addSymbol("A");
        for (int i = 0; i < 10; i++) {
            small.connectionLost(T0 + i * 10L);
            small.connectionRestored(T0 + i * 10L + 5);
        }
        assertThat(small.gapMarkers("A", Long.MIN_VALUE)).extracting(GapMarker::fromTs)
                .containsExactly(T0 + 70, T0 + 80, T0 + 90);
    }
}
