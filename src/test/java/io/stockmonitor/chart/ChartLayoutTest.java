package io.stockmonitor.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.junit.jupiter.api.Test;

class ChartLayoutTest {

    private final ChartLayout layout = new ChartLayout();

    @Test
    void panesStackTopToBottomWithoutOverlapAtEverySize() {
        Random r = new Random(3);
        for (int run = 0; run < 2_000; run++) {
            double w = 200 + r.nextInt(3000);
            double h = 150 + r.nextInt(1600);
            int subs = r.nextInt(ChartBounds.MAX_SUB_PANES + 1);
            layout.update(w, h, 20, 64, 20, subs);
            String ctx = w + "x" + h + " with " + subs;
            assertThat(layout.plotWidth()).as(ctx).isEqualTo(Math.min(ChartBounds.MAX_COLUMNS, Math.floor(w - 64)));
            assertThat(layout.priceTop()).isEqualTo(20);
            assertThat(layout.priceBottom()).as(ctx).isGreaterThan(layout.priceTop());
            assertThat(layout.volumeTop()).as(ctx).isEqualTo(layout.priceBottom() + ChartLayout.PANE_GAP);
            assertThat(layout.volumeBottom()).as(ctx).isGreaterThanOrEqualTo(layout.volumeTop());
            double above = layout.volumeBottom();
            for (int k = 0; k < subs; k++) {
                assertThat(layout.subPaneTop(k)).as(ctx + " pane " + k).isGreaterThanOrEqualTo(above);
                assertThat(layout.subPaneBottom(k)).as(ctx).isGreaterThan(layout.subPaneTop(k));
                assertThat(layout.subPaneTop(k)).isEqualTo(Math.floor(layout.subPaneTop(k)));
                above = layout.subPaneBottom(k);
            }
            assertThat(above).as(ctx).isLessThanOrEqualTo(layout.timeAxisTop());
            assertThat(layout.timeAxisTop()).isEqualTo(h - 20);
            double panes = layout.timeAxisTop() - layout.priceTop();
            assertThat(layout.priceBottom() - layout.priceTop()).as(ctx + ": the price pane keeps its share")
                    .isGreaterThanOrEqualTo(panes * ChartLayout.MIN_PRICE_FRACTION * (1 - ChartLayout.VOLUME_FRACTION)
                            - ChartLayout.PANE_GAP - 1);
        }
    }

    @Test
    void subPanesTakeTheirShareAndAWeightChangesIt() {
        layout.update(1000, 800, 20, 60, 20, 2);
        double panes = 760;
        assertThat(layout.subPaneBottom(1) - layout.subPaneTop(1)).isEqualTo(Math.floor(panes * 0.17));
        assertThat(layout.subPaneBottom(1)).isEqualTo(780);
        assertThat(layout.paneAt(layout.priceTop() + 5)).isEqualTo(-1);
        assertThat(layout.paneAt(layout.volumeTop() + 1)).isEqualTo(-2);
        assertThat(layout.paneAt(layout.subPaneTop(1) + 1)).isEqualTo(1);
        assertThat(layout.paneAt(layout.subPaneTop(1) - ChartLayout.PANE_GAP / 2)).isEqualTo(Integer.MIN_VALUE);
        assertThat(layout.separatorAt(layout.subPaneTop(0) - 3, 3)).isEqualTo(0);

        layout.setSubPaneWeight(1, 0.3);
        layout.update(1000, 800, 20, 60, 20, 2);
        assertThat(layout.subPaneBottom(1) - layout.subPaneTop(1)).isEqualTo(Math.floor(panes * 0.3));
        layout.setSubPaneWeight(1, 5);
        assertThat(layout.subPaneWeight(1)).isEqualTo(0.5);
    }

    @Test
    void aSmallChartShrinksTheSubPanesFirst() {
        layout.update(400, 220, 20, 60, 20, 4);
        double panes = 180;
        assertThat(layout.priceBottom() - layout.priceTop()).isGreaterThan(0);
        double subs = 0;
        for (int k = 0; k < 4; k++) {
            subs += layout.subPaneBottom(k) - layout.subPaneTop(k) + ChartLayout.PANE_GAP;
        }
        assertThat(subs).isLessThanOrEqualTo(panes * (1 - ChartLayout.MIN_PRICE_FRACTION) + 1);
    }
}
