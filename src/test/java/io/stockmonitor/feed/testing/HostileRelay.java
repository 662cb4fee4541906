package io.stockmonitor.feed.testing;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A hostile middlebox for {@link TcpProxy}: it reads the WebSocket frames each server sends to its client and, when
 * asked, slips a {@link HostileFrame} between two of them on one connection (or corrupts the next tick). It keeps
 * what it did: injections by kind, and every tick it corrupted (epoch, symbol, seq), so a checker can tell a trade
 * lost to a corrupted frame from one lost for no reason. Pass it to {@link TcpProxy#to(java.net.URI, Supplier)}.
 */
public final class HostileRelay implements Supplier<TcpProxy.DownstreamFilter> {
    private final List<RelayedConnection> open = new CopyOnWriteArrayList<>();
    private final Map<HostileFrame, AtomicLong> injected = new EnumMap<>(HostileFrame.class);
    private final Set<String> corrupted = ConcurrentHashMap.newKeySet();

    public HostileRelay() {
        for (HostileFrame f : HostileFrame.values()) {
            injected.put(f, new AtomicLong());
        }
    }

    @Override
    public TcpProxy.DownstreamFilter get() {
        RelayedConnection c = new RelayedConnection(this);
        open.add(c);
        return c;
    }

    /**
     * Arms {@code frame} on one open connection that can take it, picked with {@code random}; it goes out at that
     * connection's next frame boundary (the next tick, for {@link HostileFrame#CORRUPTED_TICK}). False when no
     * connection can take it now (none open, none past its welcome, or none with the ticks the frame is built from).
     */
    public boolean arm(HostileFrame frame, SplittableRandom random) {
        List<RelayedConnection> eligible = new ArrayList<>();
        for (RelayedConnection c : open) {
            if (c.canTake(frame)) {
                eligible.add(c);
            }
        }
        if (eligible.isEmpty()) {
            return false;
        }
        return eligible.get(random.nextInt(eligible.size())).arm(frame);
    }

    /** Frames of each kind actually written to a client. */
    public Map<HostileFrame, Long> injected() {
        Map<HostileFrame, Long> copy = new EnumMap<>(HostileFrame.class);
        injected.forEach((k, v) -> copy.put(k, v.get()));
        return copy;
    }

    /** True when the relay corrupted the tick {@code seq} of {@code symbol} in {@code epoch}. */
    public boolean corrupted(String epoch, String symbol, long seq) {
        return corrupted.contains(key(epoch, symbol, seq));
    }

    /** Connections open through the relay now. */
    public int openConnections() {
        return open.size();
    }

    void wrote(HostileFrame frame) {
        injected.get(frame).incrementAndGet();
    }

    void corruptedTick(String epoch, String symbol, long seq) {
        corrupted.add(key(epoch, symbol, seq));
    }

    void ended(RelayedConnection c) {
        open.remove(c);
    }

    private static String key(String epoch, String symbol, long seq) {
        return epoch + '|' + symbol + '|' + seq;
    }
}
