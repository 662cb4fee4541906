package io.stockmonitor.simulator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket client on a plain {@link Socket}, for hostile-client tests: it can upgrade and then never read, send
 * half a request, or write frames Jetty's client would not. Only what the tests need: masked text and binary frames
 * out, frame headers in (to find a close code).
 */
final class RawWebSocket implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private int status = -1;

    private RawWebSocket(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.in = socket.getInputStream();
    }

    /** A connected socket; {@code receiveBufferBytes} > 0 shrinks its receive buffer (set before connecting). */
    static RawWebSocket open(URI uri, int receiveBufferBytes) throws IOException {
        Socket s = new Socket();
        if (receiveBufferBytes > 0) {
            s.setReceiveBufferSize(receiveBufferBytes);
        }
        s.setSoTimeout(30_000);
        s.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 30_000);
        return new RawWebSocket(s);
    }

    /** The upgrade request for {@code /feed}, plus {@code extraHeaders} (each ending in CRLF). */
    static String upgradeRequest(URI uri, String extraHeaders) {
        return "GET " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n" + extraHeaders + "\r\n";
    }

    void writeRaw(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Sends the upgrade request without reading the answer (see {@link #readStatus()}). */
    void sendUpgrade(URI uri) throws IOException {
        writeRaw(upgradeRequest(uri, ""));
    }

    /** Reads the HTTP status line and headers of the answer (not a body); returns the status code. */
    int readStatus() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed in the HTTP answer: " + head);
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String line = head.toString(StandardCharsets.US_ASCII);
        status = Integer.parseInt(line.substring(9, 12));
        return status;
    }

    /** Upgrades and returns the HTTP status (101 on success). */
    int upgrade(URI uri) throws IOException {
        sendUpgrade(uri);
        return readStatus();
    }

    void sendText(String text) throws IOException {
        sendFrame(0x1, text.getBytes(StandardCharsets.UTF_8));
    }

    void sendBinary(byte[] payload) throws IOException {
        sendFrame(0x2, payload);
    }

    private void sendFrame(int opcode, byte[] payload) throws IOException {
        ByteArrayOutputStream f = new ByteArrayOutputStream(payload.length + 14);
        f.write(0x80 | opcode);
        if (payload.length < 126) {
            f.write(0x80 | payload.length);
        } else if (payload.length < 65536) {
            f.write(0x80 | 126);
            f.write(payload.length >>> 8);
            f.write(payload.length);
        } else {
            f.write(0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                f.write((int) ((long) payload.length >>> shift));
            }
        }
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        f.write(mask);
        for (int i = 0; i < payload.length; i++) {
            f.write(payload[i] ^ mask[i & 3]);
        }
        out.write(f.toByteArray());
        out.flush();
    }

    /**
     * Reads frames (skipping their payloads) until a close frame, and returns its code; -1 at end of stream
     * without one. Reads at most {@code maxBytes}, so a test stays bounded.
     */
    int readUntilCloseCode(long maxBytes) throws IOException {
        long read = 0;
        while (read < maxBytes) {
            int b0 = in.read();
            int b1 = in.read();
            if (b0 < 0 || b1 < 0) {
                return -1;
            }
            long len = b1 & 0x7f;
            if (len == 126) {
                len = (readByte() << 8) | readByte();
            } else if (len == 127) {
                len = 0;
                for (int i = 0; i < 8; i++) {
                    len = (len << 8) | readByte();
                }
            }
            if ((b0 & 0x0f) == 0x8) {
                return len >= 2 ? (readByte() << 8) | readByte() : 1005;
            }
            in.skipNBytes(len);
            read += len + 2;
        }
        throw new IOException("no close frame within " + maxBytes + " bytes");
    }

    private int readByte() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new IOException("end of stream inside a frame header");
        }
        return b;
    }

    /** True once the server has closed the connection: a read returns end of stream or fails. */
    boolean closedByServer(int waitMillis) {
        try {
            socket.setSoTimeout(waitMillis);
            while (true) {
                int n = in.read(new byte[8192]);
                if (n < 0) {
                    return true;
                }
            }
        } catch (java.net.SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    int status() {
        return status;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // best effort in tests
        }
    }
}
