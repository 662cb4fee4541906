package io.stockmonitor.soak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stockmonitor.feed.ConnectionState;
import io.stockmonitor.protocol.ResyncReason;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The real desktop app in headless record mode, as its own process ({@code stock-monitor --headless --server URL
 * --symbols ... --record FILE}, with the launcher's main). Its record is followed as the app writes it and checked
 * like any client's stream; its log tells when it is connected (the record is written through a buffer, so it
 * lags). Stopped with SIGTERM, after which it prints its summary and exits 0.
 */
final class HeadlessAppProcess implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final JavaChild child;
    private final Path record;
    private final FileTail recordTail;
    private final FileTail logTail;
    private final StreamChecker checker;
    private final ReconnectTimes.Clock clock;
    private long lines;
    private volatile boolean connected;
    private volatile long stateChangedNanos = System.nanoTime();

    private HeadlessAppProcess(JavaChild child, Path record, StreamChecker checker, ReconnectTimes.Clock clock) {
        this.child = child;
        this.record = record;
        this.recordTail = new FileTail(record);
        this.logTail = new FileTail(child.stderrFile());
        this.checker = checker;
        this.clock = clock;
    }

    static HeadlessAppProcess start(SoakSettings s, Path dir, ProxyPath path, PublishedTruth truth,
                                    ReconnectTimes times) throws IOException {
        URI feed = path.feed();
        Path record = dir.resolve("app-record.jsonl");
        // A record left by an earlier run would be read as this one's until the app truncates it.
        Files.deleteIfExists(record);
        JavaChild child = JavaChild.start("app", dir, JavaChild.flags(s, "-Djava.awt.headless=true",
                        "-Dstockmonitor.home=" + dir.resolve("app-home").toAbsolutePath()),
                "io.stockmonitor.app.Launcher", List.of("--headless", "--server", feed.toString(), "--symbols",
                        String.join(",", s.symbols()), "--record", record.toAbsolutePath().toString()));
        return new HeadlessAppProcess(child, record, new StreamChecker("app (headless record)", truth),
                times.clock(path.name()));
    }

    /** The process: its pid, whether it is alive. */
    JavaChild process() {
        return child;
    }

    StreamChecker checker() {
        return checker;
    }

    long recordLines() {
        return lines;
    }

    Path record() {
        return record;
    }

    /**
     * Reads what the app appended to its log and its record since the last call. The log's state lines come at
     * once; the record's arrive in buffered chunks. Call from one thread.
     */
    void poll() {
        try {
            logTail.poll(this::logLine);
            recordTail.poll(this::recordLine);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Connected by its log, and for at least {@code nanos} without a state change. */
    boolean connectedFor(long nanos) {
        return connected && System.nanoTime() - stateChangedNanos >= nanos;
    }

    private void logLine(String line) {
        // ConnectionSupervisor logs "feed URL STATE: detail" once per state change.
        boolean isConnected = line.contains(" CONNECTED: ");
        if (isConnected || line.contains(" RECONNECTING: ") || line.contains(" FAILED: ")) {
            connected = isConnected;
            stateChangedNanos = System.nanoTime();
        }
    }

    private void recordLine(String line) {
        lines++;
        JsonNode n;
        try {
            n = JSON.readTree(line);
        } catch (IOException e) {
            checker.anomaly("a record line that is not JSON: " + line);
            return;
        }
        String symbol = n.path("symbol").asText();
        switch (n.path("type").asText()) {
            case "tick" -> checker.tick(symbol, n.path("epoch").asText(), n.path("seq").asLong(),
                    n.path("ts").asLong(), n.path("price").asDouble(), n.path("size").asDouble());
            case "snapshot" -> checker.snapshot(symbol, n.path("epoch").asText(), n.path("seq").asLong(),
                    ResyncReason.fromWire(n.path("reason").asText()));
            case "gap" -> {
                if (n.path("recovered").asText().equals("none")) {
                    checker.lost(symbol, n.get("from").isNull() ? null : n.get("from").asLong(),
                            n.get("to").isNull() ? null : n.get("to").asLong());
                }
            }
            case "state" -> clock.state(ConnectionState.valueOf(n.path("state").asText()), n.path("at").asLong());
            default -> checker.anomaly("a record line of no known type: " + line);
        }
    }

    /** SIGTERM; the exit code (0 expected) once it has written its summary and closed its record. */
    int stop() throws InterruptedException {
        return child.stop(60);
    }

    /** What it printed on stdout: the summary. */
    String summary() {
        return child.stdout().strip();
    }

    @Override
    public void close() {
        child.close();
    }
}
