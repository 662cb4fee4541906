package io.stockmonitor.feed;

import io.stockmonitor.fuzz.FuzzMarket;
import io.stockmonitor.source.v1.ProtocolSource;
import java.io.StringWriter;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jetty.websocket.client.WebSocketClient;

/**
 * The real protocol client (supervisor and v1 session, as {@link ProtocolSource} wires them) with the headless
 * record writing to memory and every applied trade kept, for a property test to judge.
 */
final class RecordedClient implements AutoCloseable {
    /** One trade the client applied, with the values it applied. */
    record Applied(String symbol, String epoch, long seq, long ts, double price, double size) {
    }

    final ConnectionSupervisor supervisor;
    final List<Applied> applied = new CopyOnWriteArrayList<>();
    private final StringWriter recordText = new StringWriter();
    private final FeedRecordWriter record = new FeedRecordWriter(recordText);

    RecordedClient(URI server, List<String> symbols, WebSocketClient shared) {
        FeedClientConfig config = FeedClientConfig.of(server, null, symbols).withBackoff(20, 200, 10_000)
                .withTimeouts(3.0, 1_000, 1_000);
        supervisor = ProtocolSource.client(config, FuzzMarket.with(List.of()), shared);
        supervisor.setTickSink((symbol, epoch, seq, ts, price, size) -> {
            record.onTick(symbol, epoch, seq, ts, price, size);
            applied.add(new Applied(symbol, epoch, seq, ts, price, size));
        });
        supervisor.addListener(record);
        supervisor.start();
    }

    /** The record's lines so far (the client should be closed, so nothing is half written). */
    List<String> recordLines() throws java.io.IOException {
        record.flush();
        List<String> lines = new java.util.ArrayList<>(List.of(recordText.toString().split("\n", -1)));
        lines.remove(lines.size() - 1); // after the last line's end
        return lines;
    }

    @Override
    public void close() {
        supervisor.close();
    }
}
