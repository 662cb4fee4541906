package io.stockmonitor.feed.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One connection through a {@link HostileRelay}: passes the server's frames on whole, remembers the epoch (from the
 * welcome), the history depth and the newest seq of each symbol it forwarded, and writes an armed hostile frame at
 * the next boundary between messages. Runs on the proxy's pump thread for this connection; {@link #arm} and
 * {@link #canTake} are called from the fault thread.
 */
final class RelayedConnection implements TcpProxy.DownstreamFilter, ServerFrameSplitter.Sink {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Small text frames are read to follow the stream; ticks and welcomes are far smaller. */
    private static final int INSPECTED_FRAME_BYTES = 4096;
    /** Forged ticks carry this price: far from any simulated one, so an applied forgery cannot go unnoticed. */
    private static final String FORGED_PRICE = "1.23";
    private static final String EXTENSIONS_HEADER = "Sec-WebSocket-Extensions:";

    private final HostileRelay relay;
    private final ServerFrameSplitter splitter = new ServerFrameSplitter(this);
    private final AtomicReference<HostileFrame> armed = new AtomicReference<>();
    private final Map<String, Long> lastSeq = new HashMap<>();
    private OutputStream client;
    /** The client's upgrade request as far as it came, until its header lines end; then null. Pump thread only. */
    private ByteArrayOutputStream upgradeRequest = new ByteArrayOutputStream();
    private boolean inFragmentedMessage;

    // Read by the fault thread to pick a connection.
    private volatile String epoch;
    private volatile long historyTicks;
    /** The symbol with the highest seq forwarded, and that seq: what forged ticks are built around. */
    private volatile String topSymbol;
    private volatile long topSeq;
    private volatile boolean ended;

    RelayedConnection(HostileRelay relay) {
        this.relay = relay;
    }

    boolean canTake(HostileFrame frame) {
        if (ended || epoch == null || armed.get() != null) {
            return false;
        }
        if (frame == HostileFrame.STALE_FORGED_TICK) {
            return topSymbol != null && staleSeq() >= 1;
        }
        return !frame.needsTicks() || topSymbol != null;
    }

    boolean arm(HostileFrame frame) {
        return armed.compareAndSet(null, frame);
    }

    @Override
    public void pass(byte[] bytes, int length, OutputStream out) throws IOException {
        client = out;
        splitter.feed(bytes, length);
    }

    /**
     * Passes the client's bytes on, less the extensions its upgrade request offers: like a proxy that strips
     * {@code Sec-WebSocket-Extensions}, the relay keeps the server from compressing (permessage-deflate), so that it
     * can read the frames it follows and rewrite the tick it corrupts. Only the first request's header lines are
     * held back and read; everything after them passes as it comes.
     */
    @Override
    public void passUp(byte[] bytes, int length, OutputStream server) throws IOException {
        if (upgradeRequest == null) {
            server.write(bytes, 0, length);
            return;
        }
        upgradeRequest.write(bytes, 0, length);
        String head = upgradeRequest.toString(StandardCharsets.ISO_8859_1);
        int end = head.indexOf("\r\n\r\n");
        if (end < 0) {
            return;
        }
        StringBuilder kept = new StringBuilder();
        for (String line : head.substring(0, end).split("\r\n")) {
            if (!line.regionMatches(true, 0, EXTENSIONS_HEADER, 0, EXTENSIONS_HEADER.length())) {
                kept.append(line).append("\r\n");
            }
        }
        kept.append("\r\n").append(head, end + 4, head.length());
        upgradeRequest = null;
        server.write(kept.toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    @Override
    public void closed() {
        ended = true;
        relay.ended(this);
    }

    @Override
    public void raw(byte[] bytes, int offset, int length) throws IOException {
        client.write(bytes, offset, length);
    }

    @Override
    public void frame(byte[] frame, int headerLength, int opcode, boolean fin, boolean compressed)
            throws IOException {
        byte[] out = frame;
        if (opcode == ServerFrames.TEXT && fin && !compressed && frame.length - headerLength <= INSPECTED_FRAME_BYTES) {
            out = follow(frame, headerLength);
        }
        client.write(out);
        boundary(opcode, fin);
    }

    @Override
    public void longFrameEnded(int opcode, boolean fin) throws IOException {
        boundary(opcode, fin);
    }

    /** Reads a small text frame; returns what to send instead (the same frame, or a corrupted tick). */
    private byte[] follow(byte[] frame, int headerLength) {
        String text = ServerFrameSplitter.utf8(frame, headerLength);
        JsonNode n;
        try {
            n = JSON.readTree(text);
        } catch (IOException e) {
            return frame;
        }
        String type = n.path("type").asText();
        if (type.equals("welcome")) {
            historyTicks = n.path("historyTicks").asLong();
            epoch = n.path("epoch").asText();
        } else if (type.equals("tick") && n.hasNonNull("symbol")) {
            String symbol = n.get("symbol").asText();
            long seq = n.path("seq").asLong();
            long newest = lastSeq.merge(symbol, seq, Math::max);
            if (newest > topSeq) {
                topSeq = newest;
                topSymbol = symbol;
            }
            if (armed.get() == HostileFrame.CORRUPTED_TICK && armed.compareAndSet(HostileFrame.CORRUPTED_TICK, null)) {
                // Recorded before the client can see it, so a checker never meets an unexplained loss.
                relay.corruptedTick(epoch, symbol, seq);
                relay.wrote(HostileFrame.CORRUPTED_TICK);
                return ServerFrames.text(text.replace("\"price\":", "\"price\":-"));
            }
        }
        return frame;
    }

    private void boundary(int opcode, boolean fin) throws IOException {
        if (opcode == ServerFrames.TEXT || opcode == ServerFrames.BINARY || opcode == ServerFrames.CONTINUATION) {
            inFragmentedMessage = !fin;
        }
        HostileFrame frame = armed.get();
        if (frame == null || frame == HostileFrame.CORRUPTED_TICK || inFragmentedMessage || epoch == null) {
            return;
        }
        if (armed.compareAndSet(frame, null)) {
            client.write(build(frame));
            relay.wrote(frame);
        }
    }

    /**
     * A seq the client has applied long ago: a connection replays at most {@code historyTicks} ticks, so one that
     * far behind the newest forwarded is behind the client's position whatever it is resuming.
     */
    private long staleSeq() {
        return topSeq - historyTicks - 10;
    }

    private long futureSeq() {
        return topSeq + historyTicks + 1000;
    }

    private byte[] build(HostileFrame frame) {
        String symbol = topSymbol == null ? "AAPL" : topSymbol;
        long now = System.currentTimeMillis();
        return switch (frame) {
            case GARBAGE_TEXT -> ServerFrames.text("\u0007 hostile relay: this is not JSON {{{");
            case TRUNCATED_JSON -> ServerFrames.text("{\"type\":\"tick\",\"symbol\":\"" + symbol + "\",\"seq\":"
                    + futureSeq() + ",\"ts\":" + now + ",\"pri");
            case DEEP_NESTING -> ServerFrames.text("[".repeat(50_000));
            case UNKNOWN_TYPE -> ServerFrames.text("{\"type\":\"quote\",\"symbol\":\"" + symbol
                    + "\",\"bid\":1.22,\"ask\":1.24}");
            case UNKNOWN_SYMBOL_TICK -> ServerFrames.text(tick("ZZZZ9", 1, now));
            case STALE_FORGED_TICK -> ServerFrames.text(tick(symbol, staleSeq(), now));
            case FUTURE_FORGED_TICK -> ServerFrames.text(tick(symbol, futureSeq(), now));
            case FORGED_HEARTBEAT -> ServerFrames.text("{\"type\":\"heartbeat\",\"ts\":" + now + ",\"seqs\":{\""
                    + symbol + "\":" + futureSeq() + "}}");
            case INVALID_UTF8 -> ServerFrames.frame(ServerFrames.TEXT, new byte[] {'{', (byte) 0xC3, 0x28, '}'});
            case OVERSIZE_HEADER -> ServerFrames.header(ServerFrames.TEXT, 64L * 1024 * 1024);
            case BINARY_FRAME -> ServerFrames.frame(ServerFrames.BINARY,
                    "\u0000\u0001hostile binary".getBytes(StandardCharsets.ISO_8859_1));
            case PING -> ServerFrames.frame(ServerFrames.PING, "hostile".getBytes(StandardCharsets.US_ASCII));
            case ERROR_FRAME -> ServerFrames.text("{\"type\":\"error\",\"id\":null,\"code\":\"bad_request\","
                    + "\"message\":\"hostile relay\"}");
            case FORGED_CLOSE -> ServerFrames.close(1011, "hostile relay");
            case CORRUPTED_TICK -> throw new IllegalStateException("a corrupted tick replaces a real one");
        };
    }

    private static String tick(String symbol, long seq, long ts) {
        return "{\"type\":\"tick\",\"symbol\":\"" + symbol + "\",\"seq\":" + seq + ",\"ts\":" + ts + ",\"price\":"
                + FORGED_PRICE + ",\"size\":100,\"bid\":1.22,\"ask\":1.24}";
    }
}
