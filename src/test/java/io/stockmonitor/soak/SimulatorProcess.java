package io.stockmonitor.soak;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The feed simulator as its own process, started as {@code feed-simulator.jar} starts it ({@code SimulatorMain}),
 * with the admin endpoint on, a free port and the run's seed; ready once it prints its one stdout line.
 */
final class SimulatorProcess implements AutoCloseable {
    private static final Pattern READY = Pattern.compile("feed-simulator listening on (ws://\\S+)");
    private final JavaChild child;
    private final URI uri;
    private final SimulatorAdmin admin;

    private SimulatorProcess(JavaChild child, URI uri) {
        this.child = child;
        this.uri = uri;
        this.admin = new SimulatorAdmin(uri);
    }

    static SimulatorProcess start(SoakSettings s, Path dir) throws IOException {
        JavaChild child = JavaChild.start("simulator", dir, JavaChild.flags(s),
                "io.stockmonitor.simulator.SimulatorMain",
                List.of("--port", "0", "--admin", "--seed", Long.toString(s.seed()), "--symbols",
                        String.join(",", s.symbols()), "--rate", Double.toString(s.ratePerSymbol()),
                        "--history-ticks", Integer.toString(s.historyTicks())));
        try {
            Matcher m = await("the simulator's ready line").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(100)).until(() -> {
                        if (!child.alive()) {
                            throw new IllegalStateException("the simulator exited: " + child.stderr());
                        }
                        return READY.matcher(child.stdout());
                    }, Matcher::find);
            return new SimulatorProcess(child, URI.create(m.group(1)));
        } catch (RuntimeException e) {
            child.close();
            throw e;
        }
    }

    URI uri() {
        return uri;
    }

    SimulatorAdmin admin() {
        return admin;
    }

    /** The process: its pid, whether it is alive. */
    JavaChild process() {
        return child;
    }

    /** SIGTERM: the simulator closes its clients with 1001 and exits. */
    int stop() throws InterruptedException {
        return child.stop(30);
    }

    @Override
    public void close() {
        child.close();
    }
}
