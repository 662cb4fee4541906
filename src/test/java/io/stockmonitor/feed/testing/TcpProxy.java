package io.stockmonitor.feed.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * A real TCP proxy on 127.0.0.1 between the client and the simulator, for network faults the simulator cannot
 * make itself: reset every connection (RST), black-hole them (sockets stay open, nothing passes either way), and
 * throttle them. One pair of pump threads per connection; everything stops on {@link #close()}. A
 * {@link DownstreamFilter} may stand in the server-to-client direction of each connection (a hostile relay that adds
 * or corrupts frames), and may see the client-to-server bytes too; black holes and throttling still apply to what it
 * writes.
 */
public final class TcpProxy implements AutoCloseable {
    private static final int BUFFER = 16 * 1024;
    private static final OutputStream DISCARD = OutputStream.nullOutputStream();

    /**
     * Sees every byte the server sends to one client, in order, and writes what the client gets instead. Runs on that
     * connection's pump thread; one instance per connection.
     */
    public interface DownstreamFilter {
        void pass(byte[] bytes, int length, OutputStream client) throws IOException;

        /** Sees every byte the client sends to the server and writes what the server gets instead: all of it here. */
        default void passUp(byte[] bytes, int length, OutputStream server) throws IOException {
            server.write(bytes, 0, length);
        }

        /** The connection ended (either side, or a reset). */
        default void closed() {
        }
    }

    private final ServerSocket server;
    private final List<InetSocketAddress> upstreams;
    private final Set<Pair> pairs = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();
    private final Thread acceptor;
    private final Supplier<DownstreamFilter> filters;
    private volatile boolean blackHole;
    private volatile boolean refuseNew;
    private volatile long bytesPerSecond;
    private volatile boolean closed;

    public TcpProxy(InetSocketAddress upstream) throws IOException {
        this(List.of(upstream), null);
    }

    /** A proxy whose server-to-client bytes go through a filter made per connection by {@code filters}. */
    public TcpProxy(InetSocketAddress upstream, Supplier<DownstreamFilter> filters) throws IOException {
        this(List.of(upstream), filters);
    }

    /**
     * A proxy that connects each new connection to the first of {@code upstreams} that accepts it, as a load
     * balancer fails over to the next server when one is down.
     */
    public TcpProxy(List<InetSocketAddress> upstreams) throws IOException {
        this(upstreams, null);
    }

    private TcpProxy(List<InetSocketAddress> upstreams, Supplier<DownstreamFilter> filters) throws IOException {
        this.upstreams = List.copyOf(upstreams);
        this.filters = filters;
        this.server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::acceptLoop, "tcp-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** A proxy in front of a {@code ws://host:port/path} URI. */
    public static TcpProxy to(URI target) throws IOException {
        return new TcpProxy(new InetSocketAddress(target.getHost(), target.getPort()));
    }

    /** A proxy in front of {@code target} with a filter in the server-to-client direction of every connection. */
    public static TcpProxy to(URI target, Supplier<DownstreamFilter> filters) throws IOException {
        return new TcpProxy(new InetSocketAddress(target.getHost(), target.getPort()), filters);
    }

    public int port() {
        return server.getLocalPort();
    }

    /** The target URI with the proxy's port. */
    public URI uriFor(URI target) {
        return URI.create(target.getScheme() + "://127.0.0.1:" + port() + target.getRawPath());
    }

    /** Connections accepted since start. */
    public int acceptedConnections() {
        return accepted.get();
    }

    public int openConnections() {
        return pairs.size();
    }

    /** Resets every connection: RST to both sides (SO_LINGER 0 then close), as a crashed middlebox would. */
    public void resetAll() {
        for (Pair p : pairs) {
            p.reset();
        }
    }

    /** While on, bytes in either direction are swallowed; sockets stay open (a half-open path). */
    public void blackHole(boolean on) {
        this.blackHole = on;
    }

    /** While on, new connections are reset as soon as they are accepted (the path is down). */
    public void refuseNew(boolean on) {
        this.refuseNew = on;
    }

    /** Limits each direction of each connection to about {@code rate} bytes per second; 0 lifts the limit. */
    public void throttle(long rate) {
        this.bytesPerSecond = rate;
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        resetAll();
        try {
            acceptor.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return;
            }
            accepted.incrementAndGet();
            if (refuseNew) {
                try {
                    client.setSoLinger(true, 0);
                } catch (IOException ignored) {
                    // closing anyway
                }
                closeQuietly(client);
                continue;
            }
            Socket up = connectUpstream();
            if (up == null) {
                closeQuietly(client);
                continue;
            }
            try {
                client.setTcpNoDelay(true);
            } catch (IOException e) {
                closeQuietly(client);
                closeQuietly(up);
                continue;
            }
            Pair pair = new Pair(client, up, filters == null ? null : filters.get());
            pairs.add(pair);
            pair.start();
        }
    }

    /** The first upstream that accepts a connection, or null. */
    private Socket connectUpstream() {
        for (InetSocketAddress target : upstreams) {
            Socket up = new Socket();
            try {
                up.setTcpNoDelay(true);
                up.connect(target, 5_000);
                return up;
            } catch (IOException e) {
                closeQuietly(up);
            }
        }
        return null;
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }

    private final class Pair {
        final Socket client;
        final Socket up;
        final DownstreamFilter filter;
        final AtomicInteger pumpsLeft = new AtomicInteger(2);
        final java.util.concurrent.atomic.AtomicBoolean ended = new java.util.concurrent.atomic.AtomicBoolean();

        Pair(Socket client, Socket up, DownstreamFilter filter) {
            this.client = client;
            this.up = up;
            this.filter = filter;
        }

        void start() {
            Thread a = new Thread(() -> pump(client, up), "tcp-proxy-up-" + client.getPort());
            Thread b = new Thread(() -> pump(up, client), "tcp-proxy-down-" + client.getPort());
            a.setDaemon(true);
            b.setDaemon(true);
            a.start();
            b.start();
        }

        void pump(Socket from, Socket to) {
            byte[] buffer = new byte[BUFFER];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                while (true) {
                    long rate = bytesPerSecond;
                    int chunk = rate > 0 ? (int) Math.max(1, Math.min(BUFFER, rate / 20)) : BUFFER;
                    int n = in.read(buffer, 0, chunk);
                    if (n < 0) {
                        break;
                    }
                    if (filter != null) {
                        // The filter sees every byte even in a black hole, so it stays in step with both peers.
                        if (from == up) {
                            filter.pass(buffer, n, blackHole ? DISCARD : out);
                        } else {
                            filter.passUp(buffer, n, blackHole ? DISCARD : out);
                        }
                    } else if (blackHole) {
                        continue;
                    } else {
                        out.write(buffer, 0, n);
                    }
                    out.flush();
                    if (rate > 0) {
                        LockSupport.parkNanos(n * 1_000_000_000L / rate);
                    }
                }
            } catch (IOException e) {
                // reset or closed: end this pair
            } finally {
                if (pumpsLeft.decrementAndGet() <= 1) {
                    // One side ended: close both so the other pump and both peers notice.
                    closeQuietly(client);
                    closeQuietly(up);
                    pairs.remove(this);
                    ended();
                }
            }
        }

        void ended() {
            if (filter != null && ended.compareAndSet(false, true)) {
                filter.closed();
            }
        }

        void reset() {
            for (Socket s : new Socket[] {client, up}) {
                try {
                    s.setSoLinger(true, 0);
                } catch (IOException ignored) {
                    // already closed
                }
                closeQuietly(s);
            }
            pairs.remove(this);
            ended();
        }
    }
}
