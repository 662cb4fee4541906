package io.stockmonitor.source.v1;

import static org.assertj.core.api.Assertions.assertThat;

import io.stockmonitor.protocol.Message;
import io.stockmonitor.protocol.ResyncReason;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ResumeTrackerTest {
    private final ResumeTracker tracker = new ResumeTracker();
    private final AtomicLong ids = new AtomicLong();

    private ResumeTracker.Position live(String symbol, String epoch, long seq) {
        ResumeTracker.Position p = tracker.add(symbol);
        tracker.subscribeRequests(List.of(p), ids::incrementAndGet);
        tracker.onSubscribed(p, new Message.Subscribed(1, symbol, epoch, false, null, ResyncReason.NEW));
        tracker.onSnapshot(p, snapshot(symbol, epoch, seq));
        return p;
    }

    private static Message.Snapshot snapshot(String symbol, String epoch, long seq) {
        return new Message.Snapshot(symbol, epoch, seq, 1, 1, 1, 1, 1, 1, 1, 0, io.stockmonitor.protocol.Bars.empty(1000));
    }

    @Test
    void appliesInOrderDropsDuplicatesAndFlagsJumps() {
        ResumeTracker.Position p = live("AAPL", "e1", 10);
        assertThat(tracker.onTick(p, 11)).isEqualTo(ResumeTracker.Verdict.APPLY);
        assertThat(tracker.onTick(p, 11)).isEqualTo(ResumeTracker.Verdict.DUPLICATE);
        assertThat(tracker.onTick(p, 5)).isEqualTo(ResumeTracker.Verdict.DUPLICATE);
        assertThat(tracker.onTick(p, 13)).isEqualTo(ResumeTracker.Verdict.GAP);
        assertThat(p.last()).isEqualTo(11);
        Message.Subscribe resync = tracker.startResync(p, 99);
        assertThat(resync.resume()).isEqualTo(new Message.Resume("e1", Map.of("AAPL", 11L)));
        assertThat(tracker.onTick(p, 12)).as("ticks while resyncing are ignored").isEqualTo(ResumeTracker.Verdict.IGNORE);
        assertThat(tracker.onSubscribed(p, new Message.Subscribed(99, "AAPL", "e1", true, 11L, null))).isTrue();
        assertThat(tracker.onTick(p, 12)).isEqualTo(ResumeTracker.Verdict.APPLY);
    }

    @Test
    void reconnectResumesKnownSymbolsAndSubscribesNewOnes() {
        live("AAPL", "e1", 10);
        tracker.add("MSFT");
        tracker.connectionLost();
        List<Message.Subscribe> requests = tracker.subscribeRequests(tracker.idle(), ids::incrementAndGet);
        assertThat(requests).hasSize(2);
        assertThat(requests.get(0).symbols()).containsExactly("MSFT");
        assertThat(requests.get(0).resume()).isNull();
        assertThat(requests.get(1).resume()).isEqualTo(new Message.Resume("e1", Map.of("AAPL", 10L)));
    }

    @Test
    void snapshotAfterAGapReportsGapAndTheMissedTicks() {
        ResumeTracker.Position p = live("AAPL", "e1", 10);
        tracker.startResync(p, 5);
        tracker.onSubscribed(p, new Message.Subscribed(5, "AAPL", "e1", false, null, ResyncReason.TOO_OLD));
        assertThat(tracker.snapshotReason(p)).isEqualTo(ResyncReason.GAP);
        assertThat(tracker.onSnapshot(p, snapshot("AAPL", "e1", 30))).isEqualTo(20);
        ResumeTracker.Position q = live("MSFT", "e1", 10);
        tracker.connectionLost();
        tracker.subscribeRequests(List.of(q), ids::incrementAndGet);
        tracker.onSubscribed(q, new Message.Subscribed(6, "MSFT", "e2", false, null, ResyncReason.EPOCH_CHANGED));
        assertThat(tracker.snapshotReason(q)).isEqualTo(ResyncReason.EPOCH_CHANGED);
        assertThat(tracker.onSnapshot(q, snapshot("MSFT", "e2", 3))).as("unknown across epochs").isEqualTo(-1);
        assertThat(q.epoch()).isEqualTo("e2");
    }

    @Test
    void requestsNeverNameMoreSymbolsThanTheProtocolAllows() {
        java.util.List<ResumeTracker.Position> all = new java.util.ArrayList<>();
        for (int i = 0; i < 250; i++) {
            all.add(tracker.add("N" + i));
        }
        for (int i = 0; i < 130; i++) {
            all.add(live("R" + i, "e1", 10 + i));
        }
        tracker.connectionLost();
        List<Message.Subscribe> requests = tracker.subscribeRequests(all, ids::incrementAndGet);

        int max = io.stockmonitor.protocol.Protocol.MAX_SYMBOLS_PER_REQUEST;
        assertThat(requests).allSatisfy(r -> assertThat(r.symbols()).hasSizeLessThanOrEqualTo(max));
        assertThat(requests.stream().filter(r -> r.resume() == null).mapToInt(r -> r.symbols().size()).sum())
                .isEqualTo(250);
        List<Message.Subscribe> resumes = requests.stream().filter(r -> r.resume() != null).toList();
        assertThat(resumes.stream().mapToInt(r -> r.symbols().size()).sum()).isEqualTo(130);
        for (Message.Subscribe r : resumes) {
            assertThat(r.resume().after().keySet()).containsExactlyElementsOf(r.symbols());
            r.symbols().forEach(s -> assertThat(r.resume().after().get(s))
                    .isEqualTo(10L + Integer.parseInt(s.substring(1))));
        }
        assertThat(requests.stream().map(Message.Subscribe::id).distinct()).hasSize(requests.size());
    }
}
