package io.stockmonitor.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stockmonitor.source.SourceChoice;
import io.stockmonitor.ui.ConnectionInfo;
import io.stockmonitor.ui.FeedPort;
import io.stockmonitor.ui.LinkEvent;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class EarlySessionStarterTest {
    private final List<String> started = new CopyOnWriteArrayList<>();
    private final AtomicInteger closed = new AtomicInteger();

    /** A session stand-in that only counts close(); the starter never looks inside it. */
    private FeedPort port(String name) {
        return (FeedPort) Proxy.newProxyInstance(FeedPort.class.getClassLoader(), new Class<?>[] {FeedPort.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "close" -> {
                        closed.incrementAndGet();
                        yield null;
                    }
                    case "toString" -> name;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void theWindowGetsTheSessionStartedEarlyWithItsEvents() throws Exception {
        LinkEvent connecting = new LinkEvent.StateChanged(ConnectionInfo.connecting("demo"));
        EarlySessionStarter starter = new EarlySessionStarter((choice, symbols, events) -> {
            started.add(choice.label() + symbols);
            events.accept(connecting);
            return port("early");
        }, SourceChoice.demo(), List.of("AAPL", "MSFT"));
        await().atMost(Duration.ofSeconds(20)).until(() -> started.size() == 1);

        List<LinkEvent> seen = new CopyOnWriteArrayList<>();
        FeedPort got = starter.start(SourceChoice.demo(), List.of("AAPL", "MSFT"), seen::add);

        assertThat(got).hasToString("early");
        assertThat(seen).containsExactly(connecting);
        assertThat(started).hasSize(1);
        assertThat(closed).hasValue(0);
    }

    @Test
    void anotherChoiceClosesTheEarlySessionAndStartsTheWantedOne() throws Exception {
        EarlySessionStarter starter = new EarlySessionStarter((choice, symbols, events) -> {
            started.add(choice.label() + symbols);
            return port(choice.label());
        }, SourceChoice.demo(), List.of("AAPL"));

        SourceChoice other = SourceChoice.server("ws://127.0.0.1:1/feed", io.stockmonitor.source.Credentials.NONE);
        FeedPort got = starter.start(other, List.of("AAPL"), e -> { });

        assertThat(got).hasToString(other.label());
        await().atMost(Duration.ofSeconds(20)).until(() -> closed.get() == 1);
        assertThat(started).hasSize(2);
        // A later session (e.g. the user connects elsewhere) goes straight to the real starter.
        assertThat(starter.start(SourceChoice.demo(), List.of("AAPL"), e -> { }))
                .hasToString(SourceChoice.demo().label());
        assertThat(started).hasSize(3);
    }
}
