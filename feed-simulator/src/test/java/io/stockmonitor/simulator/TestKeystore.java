package io.stockmonitor.simulator;

import java.io.File;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.client.WebSocketClient;

/**
 * A self-signed EC certificate for 127.0.0.1 and localhost, made at test time with the JDK's keytool into a
 * temporary folder (nothing secret is checked in), and Jetty clients that trust it, or not.
 */
public record TestKeystore(Path keystore, Path passwordFile, String password, Certificate certificate) {
    private static final String ALIAS = "feed-simulator";

    public static TestKeystore create(Path dir) throws Exception {
        return create(dir, "ip:127.0.0.1,dns:localhost");
    }

    /** As {@link #create(Path)}, for the names in {@code subjectAltNames} (keytool's SAN syntax). */
    public static TestKeystore create(Path dir, String subjectAltNames) throws Exception {
        Files.createDirectories(dir);
        Path keystore = dir.resolve("simulator.p12");
        String password = "pw-" + Long.toHexString(System.nanoTime());
        String keytool = System.getProperty("java.home") + File.separator + "bin" + File.separator + "keytool";
        Process p = new ProcessBuilder(List.of(keytool, "-genkeypair", "-alias", ALIAS, "-keyalg", "EC",
                "-groupname", "secp256r1", "-storetype", "PKCS12", "-keystore", keystore.toString(),
                "-storepass", password, "-keypass", password, "-dname", "CN=localhost", "-validity", "2",
                "-ext", "SAN=" + subjectAltNames))
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + output);
        }
        Path passwordFile = dir.resolve("password.txt");
        Files.writeString(passwordFile, password + "\n");
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, password.toCharArray());
        }
        return new TestKeystore(keystore, passwordFile, password, ks.getCertificate(ALIAS));
    }

    /** The certificate as a PEM file (what a user is given for a self-signed server). */
    public Path writePem(Path file) throws Exception {
        String base64 = java.util.Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(certificate.getEncoded());
        Files.writeString(file, "-----BEGIN CERTIFICATE-----\n" + base64 + "\n-----END CERTIFICATE-----\n",
                StandardCharsets.US_ASCII);
        return file;
    }

    /** The certificate as a DER file. */
    public Path writeDer(Path file) throws Exception {
        Files.write(file, certificate.getEncoded());
        return file;
    }

    /** The simulator's TLS settings for this keystore. */
    public TlsConfig tlsConfig() {
        return TlsConfig.of(keystore, password.toCharArray());
    }

    /** A trust store holding only this certificate. */
    KeyStore trustStore() throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry(ALIAS, certificate);
        return trust;
    }

    /** A WebSocket client that trusts this certificate (or, with null, only the JDK's default CAs), host names checked. */
    static WebSocketClient client(KeyStore trustStore) throws Exception {
        SslContextFactory.Client ssl = new SslContextFactory.Client();
        ssl.setEndpointIdentificationAlgorithm("HTTPS");
        if (trustStore != null) {
            ssl.setTrustStore(trustStore);
        }
        ClientConnector connector = new ClientConnector();
        connector.setSslContextFactory(ssl);
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("test-wss-client");
        threads.setDaemon(true);
        HttpClient http = new HttpClient(new HttpClientTransportOverHTTP(connector));
        http.setExecutor(threads);
        WebSocketClient c = new WebSocketClient(http);
        c.setMaxTextMessageSize(io.stockmonitor.protocol.Protocol.MAX_SERVER_FRAME_BYTES);
        c.start();
        return c;
    }
}
