package io.stockmonitor.ui.status;

import io.stockmonitor.ui.ConnectionInfo;
import io.stockmonitor.ui.FakeFeedPort;
import io.stockmonitor.ui.FeedPort;
import io.stockmonitor.ui.LinkState;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatusBarViewModelTest {
    private static final long T0 = 1_700_000_000_000L;

    @Test
    void reconnectingShowsAttemptAndCountdown() {
        ConnectionInfo info = new ConnectionInfo(LinkState.RECONNECTING, 3, T0 + 4_200, "ws://x/feed", "stalled");
        assertThat(StatusBarViewModel.describe(info, T0)).isEqualTo("RECONNECTING · attempt 3 · retry in 5 s");
        assertThat(StatusBarViewModel.describe(info, T0 + 5_000)).endsWith("retrying now");
    }

    @Test
    void cuesTheDropAndTheReturnThenClears() {
        StatusBarViewModel model = new StatusBarViewModel();
        model.onState(new ConnectionInfo(LinkState.CONNECTED, 0, 0, "s", ""), T0);
        assertThat(model.cueProperty().get()).isEqualTo(StatusBarViewModel.Cue.NONE);
        model.onState(new ConnectionInfo(LinkState.RECONNECTING, 1, T0 + 1_000, "s", ""), T0);
        assertThat(model.cueProperty().get()).isEqualTo(StatusBarViewModel.Cue.DROPPED);
        assertThat(model.stateProperty().get()).isEqualTo(LinkState.RECONNECTING);
        model.onState(new ConnectionInfo(LinkState.CONNECTED, 0, 0, "s", ""), T0 + 2_000);
        assertThat(model.cueProperty().get()).isEqualTo(StatusBarViewModel.Cue.RESTORED);
        model.refresh(null, T0 + 2_000 + StatusBarViewModel.CUE_MS);
        assertThat(model.cueProperty().get()).isEqualTo(StatusBarViewModel.Cue.NONE);
    }

    @Test
    void countsMessagesPerSecondAndShowsLatency() {
        FakeFeedPort port = new FakeFeedPort(List.of("A"), List.of("A"), () -> T0);
        StatusBarViewModel model = new StatusBarViewModel();
        model.refresh(port, T0);
        for (int i = 0; i < 250; i++) {
            port.tick("A", 10 + i * 0.01, T0);
        }
        model.refresh(port, T0 + 500);
        model.refresh(port, T0 + 1_000);
        assertThat(model.rateProperty().get()).isEqualTo("250 msg/s");
        assertThat(model.latencyProperty().get()).as("the window is named").isEqualTo("1 min p50 3 ms · p99 9 ms");
        assertThat(model.stateTextProperty().get()).isEqualTo("CONNECTED");
    }

    @Test
    void aConnectedFeedWhoseTradesArriveSecondsLateIsCalledDelayed() {
        FakeFeedPort port = new FakeFeedPort(List.of("A"), List.of("A"), () -> T0);
        StatusBarViewModel model = new StatusBarViewModel();
        model.onState(new ConnectionInfo(LinkState.CONNECTED, 0, 0, "s", ""), T0);
        port.latency = new FeedPort.Latency(2_007, 2_050);
        model.refresh(port, T0 + 1_000);
        assertThat(model.delayedProperty().get()).isTrue();
        assertThat(model.stateTextProperty().get()).isEqualTo("CONNECTED · DELAYED 2.0 s");
        port.latency = new FeedPort.Latency(4, 20);
        model.refresh(port, T0 + 2_000);
        assertThat(model.delayedProperty().get()).isFalse();
        assertThat(model.stateTextProperty().get()).isEqualTo("CONNECTED");
    }
}
