package io.stockmonitor.source.v1;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy on loopback that takes the {@code Sec-WebSocket-Protocol} header out of each upgrade request, so the
 * server behind it (the simulator) answers as a v1-only server would: no subprotocol, v1 frames. Everything else
 * passes byte for byte.
 */
final class V1OnlyProxy implements AutoCloseable {
    private static final int MAX_HEAD_BYTES = 16 * 1024;
    private final ServerSocket server;
    private final InetSocketAddress upstream;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    V1OnlyProxy(URI target) throws IOException {
        upstream = new InetSocketAddress(target.getHost(), target.getPort());
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "v1-only-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    URI uriFor(URI target) {
        return URI.create("ws://127.0.0.1:" + server.getLocalPort() + target.getRawPath());
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = server.accept();
                Socket up = new Socket();
                up.connect(upstream, 10_000);
                sockets.add(client);
                sockets.add(up);
                start(() -> forwardHead(client, up));
                start(() -> pump(up, client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void forwardHead(Socket client, Socket up) {
        try {
            InputStream in = client.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int matched = 0;
            byte[] end = {'\r', '\n', '\r', '\n'};
            while (matched < 4 && head.size() < MAX_HEAD_BYTES) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("closed in the request head");
                }
                head.write(b);
                matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
            }
            StringBuilder kept = new StringBuilder();
            for (String line : head.toString(StandardCharsets.ISO_8859_1).split("\r\n")) {
                if (!line.regionMatches(true, 0, "Sec-WebSocket-Protocol:", 0, 23)) {
                    kept.append(line).append("\r\n");
                }
            }
            kept.append("\r\n");
            OutputStream out = up.getOutputStream();
            out.write(kept.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            pump(client, up);
        } catch (IOException e) {
            closeQuietly(client);
            closeQuietly(up);
        }
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // one side went; the other follows
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void start(Runnable r) {
        Thread t = new Thread(r, "v1-only-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        sockets.forEach(V1OnlyProxy::closeQuietly);
    }
}
