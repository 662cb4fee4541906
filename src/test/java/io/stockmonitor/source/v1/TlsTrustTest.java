package io.stockmonitor.source.v1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.stockmonitor.feed.ConnectionState;
import io.stockmonitor.feed.ConnectionSupervisor;
import io.stockmonitor.feed.FeedClientConfig;
import io.stockmonitor.feed.FeedEvent;
import io.stockmonitor.feed.FeedListener;
import io.stockmonitor.feed.TrustedCertificates;
import io.stockmonitor.market.MarketLimits;
import io.stockmonitor.market.MarketModel;
import io.stockmonitor.simulator.EmbeddedSimulator;
import io.stockmonitor.simulator.SimulatorConfig;
import io.stockmonitor.simulator.TestKeystore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client against a real {@code wss://} simulator with a self-signed certificate: it connects only when told to
 * trust that certificate (PEM or DER), host names are still checked, and a refused certificate is FAILED with a
 * plain reason at once, not a reconnect loop.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TlsTrustTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final List<String> SYMBOLS = List.of("AAPL");

    @TempDir
    Path dir;
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    @Test
    void aServersOwnCertificateGivenAsPemOrDerIsTrusted() throws Exception {
        TestKeystore keys = TestKeystore.create(dir.resolve("keys"));
        EmbeddedSimulator sim = tlsSimulator(keys);
        for (Path cert : List.of(keys.writePem(dir.resolve("server.pem")), keys.writeDer(dir.resolve("server.der")))) {
            ConnectionSupervisor client = client(sim, TrustedCertificates.load(cert));
            await().atMost(WAIT).until(() -> client.stats().ticksApplied() > 0);
            assertThat(client.status().state()).isEqualTo(ConnectionState.CONNECTED);
        }
    }

    @Test
    void withoutTrustTheCertificateIsRefusedOnceWithAPlainReason() throws Exception {
        TestKeystore keys = TestKeystore.create(dir.resolve("keys"));
        EmbeddedSimulator sim = tlsSimulator(keys);
        List<ConnectionState> states = new CopyOnWriteArrayList<>();
        ConnectionSupervisor client = client(sim, null, event -> {
            if (event instanceof FeedEvent.StateChanged s) {
                states.add(s.status().state());
            }
        });
        await().atMost(WAIT).until(() -> client.status().state() == ConnectionState.FAILED);
        assertThat(client.status().detail()).startsWith("the server's certificate is not trusted")
                .contains("--trust-cert");
        // FAILED stays FAILED: no retries against a certificate that will come back the same.
        await().pollDelay(Duration.ofSeconds(2)).atMost(WAIT).until(() -> true);
        assertThat(client.status().state()).isEqualTo(ConnectionState.FAILED);
        assertThat(states).doesNotContain(ConnectionState.RECONNECTING);
        assertThat(client.stats().ticksApplied()).isZero();
    }

    @Test
    void anotherCertificateIsNotTrustedForThisServer() throws Exception {
        EmbeddedSimulator sim = tlsSimulator(TestKeystore.create(dir.resolve("server")));
        Path other = TestKeystore.create(dir.resolve("other")).writePem(dir.resolve("other.pem"));
        ConnectionSupervisor client = client(sim, TrustedCertificates.load(other));
        await().atMost(WAIT).until(() -> client.status().state() == ConnectionState.FAILED);
        assertThat(client.status().detail()).startsWith("the server's certificate is neither the one in other.pem");
    }

    @Test
    void aTrustedCertificateForAnotherHostIsRefused() throws Exception {
        TestKeystore keys = TestKeystore.create(dir.resolve("keys"), "dns:feed.example.com");
        EmbeddedSimulator sim = tlsSimulator(keys);
        ConnectionSupervisor client = client(sim, TrustedCertificates.load(keys.writePem(dir.resolve("s.pem"))));
        await().atMost(WAIT).until(() -> client.status().state() == ConnectionState.FAILED);
        assertThat(client.status().detail()).startsWith("the server's certificate is not for 127.0.0.1");
    }

    @Test
    void aFileThatHoldsNoCertificateIsAOneLineError() throws Exception {
        Path junk = Files.writeString(dir.resolve("junk.pem"), "-----BEGIN CERTIFICATE-----\nnot base64\n");
        assertThatThrownBy(() -> TrustedCertificates.load(junk)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("junk.pem").hasMessageNotContaining("\n");
        assertThatThrownBy(() -> TrustedCertificates.load(dir.resolve("missing.pem")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot read");
        Path empty = Files.writeString(dir.resolve("empty.pem"), "");
        assertThatThrownBy(() -> TrustedCertificates.load(empty)).isInstanceOf(IllegalArgumentException.class);
    }

    private EmbeddedSimulator tlsSimulator(TestKeystore keys) throws Exception {
        EmbeddedSimulator sim = EmbeddedSimulator.start(SimulatorConfig.defaults().withPort(0).withSymbols(SYMBOLS)
                .withRate(50).withTls(keys.tlsConfig()));
        open.add(sim);
        assertThat(sim.uri().getScheme()).isEqualTo("wss");
        return sim;
    }

    private ConnectionSupervisor client(EmbeddedSimulator sim, TrustedCertificates trust) {
        return client(sim, trust, event -> { });
    }

    private ConnectionSupervisor client(EmbeddedSimulator sim, TrustedCertificates trust, FeedListener listener) {
        MarketModel market = new MarketModel(MarketLimits.defaults(), System::currentTimeMillis);
        FeedClientConfig config = FeedClientConfig.of(sim.uri(), null, SYMBOLS).withTrust(trust)
                .withBackoff(50, 200, 1_000);
        ConnectionSupervisor client = ProtocolSource.client(config, market);
        open.add(client::close);
        client.addListener(listener);
        client.start();
        return client;
    }
}
