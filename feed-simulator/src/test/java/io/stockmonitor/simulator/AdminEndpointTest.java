package io.stockmonitor.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.stockmonitor.protocol.Message;
import java.net.URI;
import org.junit.jupiter.api.Test;

/**
 * The admin endpoint is off unless asked for, and when on it refuses what a web page in the user's browser could
 * send (a foreign Origin, a DNS-rebound Host) and, when the feed has a token, requests without it. Raw HTTP over a
 * socket, since an HTTP client library would not send a forged Host.
 */
class AdminEndpointTest {
    private static final String TOKEN = "admin-test-token";

    private static int request(EmbeddedSimulator sim, String method, String path, String headers) throws Exception {
        URI uri = sim.uri();
        try (RawWebSocket s = RawWebSocket.open(uri, 0)) {
            s.writeRaw(method + " " + path + " HTTP/1.1\r\n" + headers + "Content-Length: 0\r\nConnection: close\r\n\r\n");
            return s.readStatus();
        }
    }

    private static String host(EmbeddedSimulator sim) {
        return "Host: 127.0.0.1:" + sim.uri().getPort() + "\r\n";
    }

    @Test
    void withoutAdminEveryAdminRequestIs404AndDoesNothing() throws Exception {
        try (EmbeddedSimulator sim = EmbeddedSimulator.start(SimulatorConfig.defaults().withPort(0));
             FeedTestClient c = FeedTestClient.connect(sim.uri())) {
            c.next(Message.Welcome.class);
            assertThat(request(sim, "GET", "/admin/status", host(sim))).isEqualTo(404);
            assertThat(request(sim, "POST", "/admin/drop", host(sim))).isEqualTo(404);
            assertThat(request(sim, "POST", "/admin/silence?seconds=5", host(sim))).isEqualTo(404);
            c.send(new Message.Ping(1));
            assertThat(c.next(Message.Pong.class).id()).isEqualTo(1);
            assertThat(c.closeCode).isNotDone();
        }
    }

    @Test
    void foreignOriginsAndHostsAreRefusedWith403() throws Exception {
        try (EmbeddedSimulator sim = EmbeddedSimulator.start(SimulatorConfig.defaults().withPort(0).withAdmin(true));
             FeedTestClient c = FeedTestClient.connect(sim.uri())) {
            c.next(Message.Welcome.class);
            int port = sim.uri().getPort();
            for (String origin : new String[] {"http://evil.example", "null", "http://127.0.0.1:" + (port + 1),
                "http://127.0.0.1.evil.example:" + port, "file://", "http://localhost"}) {
                assertThat(request(sim, "POST", "/admin/drop", host(sim) + "Origin: " + origin + "\r\n"
                        + "Content-Type: text/plain\r\n")).as(origin).isEqualTo(403);
            }
            for (String h : new String[] {"evil.example:" + port, "evil.example", "127.0.0.1.nip.io:" + port,
                "10.0.0.1:" + port}) {
                assertThat(request(sim, "POST", "/admin/drop", "Host: " + h + "\r\n")).as(h).isEqualTo(403);
            }
            // Nothing of that was done.
            c.send(new Message.Ping(2));
            assertThat(c.next(Message.Pong.class).id()).isEqualTo(2);

            assertThat(request(sim, "GET", "/admin/status", host(sim))).isEqualTo(200);
            assertThat(request(sim, "GET", "/admin/status", "Host: localhost:" + port + "\r\n")).isEqualTo(200);
            assertThat(request(sim, "GET", "/admin/status", host(sim) + "Origin: http://127.0.0.1:" + port + "\r\n"))
                    .isEqualTo(200);
            assertThat(request(sim, "GET", "/admin/status", host(sim) + "Origin: http://localhost:" + port + "\r\n"))
                    .isEqualTo(200);
            assertThat(request(sim, "POST", "/admin/drop", host(sim))).isEqualTo(200);
            assertThat(c.awaitClose()).isIn(1006, -1);
        }
    }

    @Test
    void withATokenAdminRequestsNeedIt() throws Exception {
        try (EmbeddedSimulator sim = EmbeddedSimulator.start(SimulatorConfig.defaults().withPort(0).withAdmin(true)
                .withToken(TOKEN))) {
            assertThat(request(sim, "GET", "/admin/status", host(sim))).isEqualTo(401);
            assertThat(request(sim, "GET", "/admin/status", host(sim) + "Authorization: Bearer nope\r\n"))
                    .isEqualTo(401);
            assertThat(request(sim, "GET", "/admin/status?token=" + TOKEN, host(sim))).isEqualTo(401);
            assertThat(request(sim, "GET", "/admin/status", host(sim) + "Authorization: Bearer " + TOKEN + "\r\n"))
                    .isEqualTo(200);
        }
    }
}
