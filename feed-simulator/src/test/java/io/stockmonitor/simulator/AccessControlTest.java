package io.stockmonitor.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stockmonitor.protocol.ErrorCode;
import io.stockmonitor.protocol.Message;
import io.stockmonitor.protocol.MessageCodec;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import org.eclipse.jetty.websocket.api.exceptions.UpgradeException;
import org.junit.jupiter.api.Test;

class AccessControlTest {
    private static final String TOKEN = "s3cret-token";

    private static int refusedStatus(URI uri, String authorization) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(
                () -> FeedTestClient.connect(uri, authorization));
        assertThat(thrown).isInstanceOf(ExecutionException.class);
        Throwable cause = thrown.getCause();
        assertThat(cause).isInstanceOf(UpgradeException.class);
        return ((UpgradeException) cause).getResponseStatusCode();
    }

    @Test
    void tokenIsRequiredAtTheUpgrade() throws Exception {
        try (EmbeddedSimulator sim = EmbeddedSimulator.start(SimulatorConfig.defaults().withPort(0).withToken(TOKEN))) {
            assertThat(refusedStatus(sim.uri(), null)).isEqualTo(401);
            assertThat(refusedStatus(sim.uri(), "Bearer nope")).isEqualTo(401);
            assertThat(refusedStatus(URI.create(sim.uri() + "?token=nope"), null)).isEqualTo(401);

            try (FeedTestClient c = FeedTestClient.connect(sim.uri(), "Bearer " + TOKEN)) {
                assertThat(c.next(Message.Welcome.class).epoch()).isEqualTo(sim.epoch());
            }
            try (FeedTestClient c = FeedTestClient.connect(URI.create(sim.uri() + "?token=" + TOKEN))) {
                assertThat(c.next(Message.Welcome.class).epoch()).isEqualTo(sim.epoch());
            }
        }
    }

    @Test
    void refusalIsHttp401WithAnUnauthorizedErrorFrameAsBody() throws Exception {
        try (EmbeddedSimulator sim = EmbeddedSimulator.start(SimulatorConfig.defaults().withPort(0).withToken(TOKEN));
             Socket socket = new Socket(sim.uri().getHost(), sim.uri().getPort())) {
            socket.setSoTimeout(30_000);
            String upgrade = "GET /feed HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                    + "Authorization: Bearer wrong\r\n\r\n";
            socket.getOutputStream().write(upgrade.getBytes(StandardCharsets.US_ASCII));
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8));
            assertThat(in.readLine()).startsWith("HTTP/1.1 401");
            int length = -1;
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                    length = Integer.parseInt(line.substring(15).trim());
                }
            }
            assertThat(length).isPositive();
            char[] body = new char[length];
            int read = 0;
            while (read < length) {
                int n = in.read(body, read, length - read);
                assertThat(n).isPositive();
                read += n;
            }
            Message m = new MessageCodec().decode(new String(body));
            assertThat(m).isInstanceOf(Message.Error.class);
            assertThat(((Message.Error) m).code()).isEqualTo(ErrorCode.UNAUTHORIZED);
        }
    }

    @Test
    void maxClientsRefusesExtraConnectionsWith503() throws Exception {
        try (EmbeddedSimulator sim = EmbeddedSimulator.start(SimulatorConfig.defaults().withPort(0).withMaxClients(2));
             FeedTestClient b = FeedTestClient.connect(sim.uri())) {
            FeedTestClient a = FeedTestClient.connect(sim.uri());
            a.next(Message.Welcome.class);
            b.next(Message.Welcome.class);
            assertThat(refusedStatus(sim.uri(), null)).isEqualTo(503);
            a.close();
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> sim.connectionCount() == 1);
            try (FeedTestClient c = FeedTestClient.connect(sim.uri())) {
                c.next(Message.Welcome.class);
            }
        }
    }

    @Test
    void adminEndpointIsLoopbackOnly() {
        assertThat(AdminHandler.isLoopback("127.0.0.1")).isTrue();
        assertThat(AdminHandler.isLoopback("::1")).isTrue();
        assertThat(AdminHandler.isLoopback("[::1]")).isTrue();
        assertThat(AdminHandler.isLoopback("10.1.2.3")).isFalse();
        assertThat(AdminHandler.isLoopback("192.168.0.7")).isFalse();
        assertThat(AdminHandler.isLoopback("localhost.example.com")).isFalse();
        assertThat(AdminHandler.isLoopback(null)).isFalse();
        assertThatThrownBy(() -> SimulatorConfig.defaults().withToken(" ")).isInstanceOf(IllegalArgumentException.class);
    }
}
