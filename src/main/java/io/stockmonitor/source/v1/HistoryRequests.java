package io.stockmonitor.source.v1;

import io.stockmonitor.feed.FeedSession;
import io.stockmonitor.feed.PeerText;
import io.stockmonitor.market.BarInterval;
import io.stockmonitor.market.HistoryBars;
import io.stockmonitor.protocol.Bars;
import io.stockmonitor.protocol.Message;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The v2 {@code history} requests in flight on one connection, by request id, each answered once: by its reply
 * (bars), by an error frame with its id, or failed when the connection goes. The supervisor asks at most once per
 * symbol and interval at a time, so this holds at most that many. Feed thread only.
 */
final class HistoryRequests {
    private record Pending(BarInterval interval, FeedSession.HistoryResult result) {
    }

    private final Map<Long, Pending> pending = new HashMap<>();

    void add(long id, BarInterval interval, FeedSession.HistoryResult result) {
        pending.put(id, new Pending(interval, result));
    }

    /** Hands a reply to its request; false when none asked for it. */
    boolean answer(Message.HistoryBars reply) {
        Pending p = pending.remove(reply.id());
        if (p == null) {
            return false;
        }
        Bars bars = reply.bars();
        int n = bars == null ? 0 : bars.size();
        HistoryBars out = HistoryBars.allocate(p.interval(), n);
        for (int i = 0; i < n; i++) {
            out.times()[i] = bars.time(i);
            out.open()[i] = bars.open(i);
            out.high()[i] = bars.high(i);
            out.low()[i] = bars.low(i);
            out.close()[i] = bars.close(i);
            out.volume()[i] = bars.volume(i);
        }
        p.result().bars(out.withCount(n), !reply.more());
        return true;
    }

    /** An error frame answering a history request ends it; false when its id is not one. */
    boolean refuse(Message.Error error) {
        Pending p = pending.remove(error.id());
        if (p == null) {
            return false;
        }
        p.result().failed((error.code() == null ? "error" : error.code().wire()) + ": "
                + PeerText.escape(error.message()));
        return true;
    }

    /** The connection went: every request in flight fails (the next connection may be asked again). */
    void failAll(String reason) {
        List<Pending> all = new ArrayList<>(pending.values());
        pending.clear();
        for (Pending p : all) {
            p.result().failed(reason);
        }
    }
}
