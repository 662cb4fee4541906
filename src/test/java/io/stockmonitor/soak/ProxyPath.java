package io.stockmonitor.soak;

import io.stockmonitor.feed.testing.HostileRelay;
import io.stockmonitor.feed.testing.TcpProxy;
import java.io.IOException;
import java.net.URI;

/**
 * One network path to the simulator: a real TCP proxy with a hostile relay in it. Faults on a path can overlap (a
 * black hole during a throttle, two black holes): each condition stays on until the last fault that set it ends.
 */
final class ProxyPath implements AutoCloseable {
    private final String name;
    private final TcpProxy proxy;
    private final HostileRelay relay;
    private final URI feed;
    private int blackHoles;
    private int throttles;
    private int outages;

    ProxyPath(String name, URI simulator) throws IOException {
        this.name = name;
        this.relay = new HostileRelay();
        this.proxy = TcpProxy.to(simulator, relay);
        this.feed = proxy.uriFor(simulator);
    }

    String name() {
        return name;
    }

    URI feed() {
        return feed;
    }

    HostileRelay relay() {
        return relay;
    }

    TcpProxy proxy() {
        return proxy;
    }

    synchronized void blackHole(boolean start) {
        blackHoles = Math.max(0, blackHoles + (start ? 1 : -1));
        proxy.blackHole(blackHoles > 0);
    }

    synchronized void throttle(long bytesPerSecond) {
        throttles = Math.max(0, throttles + (bytesPerSecond > 0 ? 1 : -1));
        if (bytesPerSecond > 0) {
            proxy.throttle(bytesPerSecond);
        } else if (throttles == 0) {
            proxy.throttle(0);
        }
    }

    /** The path goes down: every connection reset, new ones refused, until the outage ends. */
    synchronized void outage(boolean start) {
        outages = Math.max(0, outages + (start ? 1 : -1));
        proxy.refuseNew(outages > 0);
        if (start) {
            proxy.resetAll();
        }
    }

    /** Every condition off at once (the end of the chaos). */
    synchronized void heal() {
        blackHoles = 0;
        throttles = 0;
        outages = 0;
        proxy.blackHole(false);
        proxy.throttle(0);
        proxy.refuseNew(false);
    }

    @Override
    public void close() {
        proxy.close();
    }
}
