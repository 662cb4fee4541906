package io.stockmonitor.bench.hostile;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The hostile clients of {@link HostileClientBench}, in their own JVM so that the harness can run them at a lower
 * CPU priority ({@code nice}): on a small machine shared with the server, that stands for attackers on other
 * machines, whose CPU is not the server's. Runs for the given seconds, then prints one {@code RESULT} line of
 * counters.
 *
 * <p>Args: URI SECONDS NON_READERS FLOODERS CONNECTS CONNECT_SECONDS SLOW SYMBOL[,SYMBOL...]
 */
public final class HostileAttackMain {
    private static final long RESUBSCRIBE_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(22);

    private final List<HostileSocket> open = new ArrayList<>();
    private final Map<String, AtomicLong> counters = new ConcurrentHashMap<>();

    public static void main(String[] args) throws Exception {
        URI uri = URI.create(args[0]);
        int seconds = Integer.parseInt(args[1]);
        int nonReaders = Integer.parseInt(args[2]);
        int flooders = Integer.parseInt(args[3]);
        int connects = Integer.parseInt(args[4]);
        int connectSeconds = Integer.parseInt(args[5]);
        int slow = Integer.parseInt(args[6]);
        String subscribeAll = "{\"type\":\"subscribe\",\"id\":1,\"symbols\":[\""
                + String.join("\",\"", args[7].split(",")) + "\"]}";
        new HostileAttackMain().run(uri, seconds, nonReaders, flooders, connects, connectSeconds, slow, subscribeAll);
    }

    private void run(URI uri, int seconds, int nonReaders, int flooders, int connects, int connectSeconds, int slow,
                     String subscribeAll) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        List<Thread> attackers = new ArrayList<>();
        for (int i = 0; i < nonReaders; i++) {
            attackers.add(start("non-reader-" + i, () -> resubscribeLoop(uri, subscribeAll, false, deadline)));
        }
        for (int i = 0; i < flooders; i++) {
            attackers.add(start("flooder-" + i, () -> resubscribeLoop(uri, subscribeAll, true, deadline)));
        }
        long connectSpanNanos = TimeUnit.SECONDS.toNanos(connectSeconds);
        long connectStart = System.nanoTime();
        for (int t = 0; t < 4; t++) {
            int share = connects / 4 + (t < connects % 4 ? 1 : 0);
            attackers.add(start("connects-" + t, () -> connectStorm(uri, share, connectStart, connectSpanNanos,
                    deadline)));
        }
        attackers.add(start("slow-upgrades", () -> slowUpgrades(uri, slow, deadline)));
        long left = deadline - System.nanoTime();
        if (left > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
        synchronized (open) {
            open.forEach(HostileSocket::close);
        }
        for (Thread t : attackers) {
            t.join(10_000);
        }
        StringBuilder result = new StringBuilder("RESULT");
        new TreeMap<>(counters).forEach((k, v) -> result.append(' ').append(k).append('=').append(v.get()));
        System.out.println(result);
    }

    private static Thread start(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private void add(String name) {
        counters.computeIfAbsent(name, k -> new AtomicLong()).incrementAndGet();
    }

    private HostileSocket register(HostileSocket s) {
        synchronized (open) {
            open.add(s);
        }
        return s;
    }

    /** Re-subscribes to everything 45 times a second; reads everything if {@code reading}, else nothing. */
    private void resubscribeLoop(URI uri, String subscribeAll, boolean reading, long deadline) {
        String role = reading ? "flooder" : "non-reader";
        while (System.nanoTime() < deadline) {
            try (HostileSocket s = register(new HostileSocket(uri, reading ? 0 : 4096, 5000))) {
                if (s.upgrade(uri) != 101) {
                    add(role + ".refused");
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
                    continue;
                }
                add(role + ".connected");
                Thread drainer = reading ? start(role + "-reader", () -> drain(s, deadline)) : null;
                while (System.nanoTime() < deadline) {
                    s.sendText(subscribeAll);
                    LockSupport.parkNanos(RESUBSCRIBE_INTERVAL_NANOS);
                }
                if (drainer != null) {
                    drainer.interrupt();
                }
            } catch (IOException e) {
                if (System.nanoTime() < deadline) {
                    add(role + ".cut");
                }
            }
        }
    }

    private static void drain(HostileSocket s, long deadline) {
        byte[] buffer = new byte[64 * 1024];
        try {
            while (System.nanoTime() < deadline && s.drain(buffer) >= 0) {
                // discard
            }
        } catch (IOException e) {
            // closed
        }
    }

    private void connectStorm(URI uri, int n, long start, long spanNanos, long deadline) {
        for (int i = 0; i < n && System.nanoTime() < deadline; i++) {
            long due = start + spanNanos * i / Math.max(1, n);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            try (HostileSocket s = new HostileSocket(uri, 0, 5000)) {
                add("connect." + s.upgrade(uri));
            } catch (IOException e) {
                add("connect.failed");
            }
            add("connect.done");
            counters.computeIfAbsent("connect.nanos", k -> new AtomicLong())
                    .accumulateAndGet(System.nanoTime() - start, Math::max);
        }
    }

    /** Keeps {@code n} upgrade requests that never finish: one more header byte each second per socket. */
    private void slowUpgrades(URI uri, int n, long deadline) {
        HostileSocket[] sockets = new HostileSocket[n];
        while (System.nanoTime() < deadline) {
            for (int i = 0; i < n; i++) {
                try {
                    if (sockets[i] == null) {
                        sockets[i] = register(new HostileSocket(uri, 0, 5000));
                        sockets[i].write("GET /feed HTTP/1.1\r\nHost: " + uri.getHost() + "\r\nUpgrade: websocket\r\n");
                        add("slow.opened");
                    } else {
                        sockets[i].write("X");
                    }
                } catch (IOException e) {
                    if (sockets[i] != null) {
                        sockets[i].close();
                        add("slow.closed");
                    }
                    sockets[i] = null;
                }
            }
            LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1));
        }
        for (HostileSocket s : sockets) {
            if (s != null) {
                s.close();
            }
        }
    }

}
