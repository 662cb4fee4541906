package io.stockmonitor.feed;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;

/**
 * The certificates a user chose to trust for a feed with its own certificate ({@code --trust-cert FILE}): the
 * server's self-signed certificate, or the CA that signed it. They replace the JDK's CAs for that feed, and host
 * names are still checked; there is deliberately no way to trust every certificate.
 *
 * <p>The file is read and parsed when the feed is chosen, so a wrong path or a file that holds no certificate is a
 * one-line error then, not a failure at every handshake.
 */
public final class TrustedCertificates {
    /** A certificate file is a few KB; a CA bundle a few hundred. Anything larger is not what the user meant. */
    public static final long MAX_FILE_BYTES = 1 << 20;
    private final Path file;
    private final KeyStore trustStore;

    private TrustedCertificates(Path file, KeyStore trustStore) {
        this.file = file;
        this.trustStore = trustStore;
    }

    /**
     * Reads every X.509 certificate in {@code file}, PEM (one or more {@code BEGIN CERTIFICATE} blocks) or DER.
     *
     * @throws IllegalArgumentException with a one-line reason when the file cannot be read or holds no certificate
     */
    public static TrustedCertificates load(Path file) {
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new IllegalArgumentException("the certificate file " + file + " is larger than "
                        + MAX_FILE_BYTES / 1024 + " KB");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException | SecurityException e) {
            throw new IllegalArgumentException("cannot read the certificate file " + file + ": " + reason(e));
        }
        try {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(bytes));
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException("the file " + file + " holds no certificate (PEM or DER)");
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate c : certificates) {
                store.setCertificateEntry("trusted-" + i++, c);
            }
            return new TrustedCertificates(file, store);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("the file " + file + " is not a certificate (PEM or DER): "
                    + reason(e));
        }
    }

    public Path file() {
        return file;
    }

    /** A trust store holding exactly the file's certificates. */
    public KeyStore trustStore() {
        return trustStore;
    }

    private static String reason(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.replaceAll("\\s+", " ");
    }

    @Override
    public String toString() {
        return "TrustedCertificates[" + file + "]";
    }
}
