package io.stockmonitor.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.stockmonitor.protocol.Message;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulator serves wss:// from a PKCS#12 keystore; clients verify it with host-name checks on. */
class TlsTest {
    @TempDir
    static Path dir;
    private static TestKeystore keys;

    @BeforeAll
    static void makeKeystore() throws Exception {
        keys = TestKeystore.create(dir);
    }

    private static SimulatorConfig config() {
        return SimulatorConfig.defaults().withPort(0).withSymbols(List.of("AAPL")).withRate(20)
                .withTls(TlsConfig.fromFiles(keys.keystore(), keys.passwordFile()));
    }

    @Test
    void aClientTrustingTheCertificateGetsTheFeedOverWss() throws Exception {
        WebSocketClient trusting = TestKeystore.client(keys.trustStore());
        try (EmbeddedSimulator sim = EmbeddedSimulator.start(config())) {
            assertThat(sim.uri().getScheme()).isEqualTo("wss");
            for (URI uri : List.of(sim.uri(), URI.create("wss://localhost:" + sim.uri().getPort() + "/feed"))) {
                try (FeedTestClient c = FeedTestClient.connect(trusting, uri)) {
                    assertThat(c.next(Message.Welcome.class).epoch()).isEqualTo(sim.epoch());
                    c.send(new Message.Subscribe(1, List.of("AAPL"), null));
                    c.next(Message.Subscribed.class);
                    long seq = c.next(Message.Snapshot.class).seq();
                    assertThat(c.next(Message.Tick.class).seq()).isEqualTo(seq + 1);
                }
            }
        } finally {
            trusting.stop();
        }
    }

    @Test
    void aClientThatDoesNotTrustTheCertificateFailsTheHandshake() throws Exception {
        WebSocketClient defaultTrust = TestKeystore.client(null);
        try (EmbeddedSimulator sim = EmbeddedSimulator.start(config())) {
            Throwable failure = catchThrowable(() -> FeedTestClient.connect(defaultTrust, sim.uri()));
            assertThat(failure).isNotNull();
            assertThat(hasCause(failure, SSLHandshakeException.class)).as("%s", failure).isTrue();
            assertThat(sim.connectionCount()).isZero();
        } finally {
            defaultTrust.stop();
        }
    }

    private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void aWrongPasswordOrAMissingKeystoreIsAOneLineError() throws Exception {
        Path wrong = dir.resolve("wrong.txt");
        java.nio.file.Files.writeString(wrong, "not-the-password\n");
        assertThat(catchThrowable(() -> TlsConfig.fromFiles(keys.keystore(), wrong)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot be opened")
                .hasMessageNotContaining("not-the-password");
        assertThat(catchThrowable(() -> TlsConfig.fromFiles(dir.resolve("nope.p12"), keys.passwordFile())))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(TlsConfig.fromFiles(keys.keystore(), keys.passwordFile()).toString())
                .doesNotContain(keys.password());
    }
}
