package io.stockmonitor.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stockmonitor.feed.testing.ScriptedFeedServer;
import io.stockmonitor.fuzz.FailureWatch;
import io.stockmonitor.fuzz.FuzzMarket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A session that throws on the feed thread is a bug: the executor used to keep the exception in a future nobody read,
 * and the frames behind the failing one waited for the next to arrive. Now the failure is logged and counted, and
 * the frames after it are read.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class FeedThreadFailureTest {

    /** Reads frames; throws on "boom", and on "later" schedules a task that throws. */
    private static final class FragileSession implements FeedSession {
        final List<String> read = new CopyOnWriteArrayList<>();
        private final FeedLink link;

        FragileSession(FeedLink link) {
            this.link = link;
        }

        @Override
        public SocketRequest nextRequest() {
            return SocketRequest.of(link.config().server());
        }

        @Override
        public void opened(int socket) {
            link.established(socket, "fragile", 60_000);
        }

        @Override
        public void text(int socket, String frame) {
            if (frame.equals("boom")) {
                throw new IllegalStateException("a bug in the session");
            }
            if (frame.equals("later")) {
                link.schedule(() -> {
                    throw new IllegalStateException("a bug in a timer");
                }, 0);
            }
            read.add(frame);
        }

        @Override
        public void lost(int socket, boolean wasEstablished) {
        }

        @Override
        public void subscribe(String symbol) {
        }

        @Override
        public void unsubscribe(String symbol) {
        }

        @Override
        public List<SymbolInfo> symbols() {
            return List.of();
        }

        @Override
        public int requestsPerSecond() {
            return 10;
        }

        @Override
        public void close() {
        }
    }

    @Test
    void aFailureOnTheFeedThreadIsLoggedAndCountedAndTheNextFramesAreRead() throws Exception {
        List<FragileSession> sessions = new CopyOnWriteArrayList<>();
        try (FailureWatch failures = new FailureWatch();
             ScriptedFeedServer server = new ScriptedFeedServer(0, 0, List.of("boom", "after", "later"),
                     request -> List.of());
             ConnectionSupervisor c = new ConnectionSupervisor(FeedClientConfig.of(server.uri(), null, List.of()),
                     FuzzMarket.with(List.of()), link -> {
                         FragileSession s = new FragileSession(link);
                         sessions.add(s);
                         return s;
                     }, "fragile", WebSockets.newClient(false), true)) {
            c.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> failures.failures().size() >= 2);
            assertThat(sessions.get(0).read).containsExactly("after", "later");
            assertThat(c.stats().badFrames()).isEqualTo(1);
            assertThat(failures.failures()).anyMatch(f -> f.startsWith("ERROR") && f.contains("could not be handled")
                    && f.contains("a bug in the session"));
            assertThat(failures.failures()).anyMatch(f -> f.contains("task on the feed thread failed")
                    && f.contains("a bug in a timer"));
        }
    }
}
