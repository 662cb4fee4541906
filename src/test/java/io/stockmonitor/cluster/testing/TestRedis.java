package io.stockmonitor.cluster.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import redis.embedded.RedisServer;

/**
 * A real redis-server (the binary embedded-redis ships, 6.2.6) on 127.0.0.1 and a free port, for tests: nothing to
 * install. Its files live in a temporary directory of its own (never the working directory). {@code durable} turns
 * the append-only file on with an fsync per write, so a restart keeps every acknowledged write; otherwise it keeps
 * nothing, and a restart comes back empty.
 */
public final class TestRedis implements AutoCloseable {
    private final int port;
    private final Path dir;
    private final boolean durable;
    private RedisServer server;

    private TestRedis(int port, Path dir, boolean durable) {
        this.port = port;
        this.dir = dir;
        this.durable = durable;
    }

    /** Starts one; {@code durable} keeps its data over {@link #restart}. */
    public static TestRedis start(boolean durable) throws IOException {
        TestRedis redis = new TestRedis(freePort(), Files.createTempDirectory("test-redis"), durable);
        redis.startServer();
        return redis;
    }

    public int port() {
        return port;
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    /** Stops the server (its process ends; clients' connections break). */
    public void stop() throws IOException {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    /** Stops it and starts it again on the same port; {@code keepData} false empties its directory first. */
    public void restart(boolean keepData) throws IOException {
        stop();
        if (!keepData) {
            clearDirectory();
        }
        startServer();
    }

    private void startServer() throws IOException {
        server = RedisServer.newRedisServer()
                .bind("127.0.0.1")
                .port(port)
                .setting("dir " + dir)
                .setting("save \"\"")
                .setting("appendonly " + (durable ? "yes" : "no"))
                .setting("appendfsync always")
                .build();
        server.start();
    }

    private void clearDirectory() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                try (Stream<Path> tree = Files.walk(f)) {
                    tree.sorted(Comparator.reverseOrder()).forEach(p -> {
                        try {
                            Files.delete(p);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        stop();
        clearDirectory();
        Files.deleteIfExists(dir);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
