package io.stockmonitor.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Arrays;

/**
 * What the simulator needs to serve {@code wss://}: a PKCS#12 keystore holding its key and certificate, and the
 * keystore's password. The keystore is opened once here, so a wrong path or password is a one-line error at start
 * rather than a failure at the first handshake. The password is never shown ({@link #toString()}).
 */
public final class TlsConfig {
    private final Path keystorePath;
    private final KeyStore keyStore;
    private final char[] password;

    private TlsConfig(Path keystorePath, KeyStore keyStore, char[] password) {
        this.keystorePath = keystorePath;
        this.keyStore = keyStore;
        this.password = password;
    }

    /** Opens {@code keystore} (PKCS#12) with {@code password}; IllegalArgumentException if that fails. */
    public static TlsConfig of(Path keystore, char[] password) {
        KeyStore ks;
        try (InputStream in = Files.newInputStream(keystore)) {
            ks = KeyStore.getInstance("PKCS12");
            ks.load(in, password);
        } catch (IOException | GeneralSecurityException | SecurityException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new IllegalArgumentException("keystore " + keystore + " cannot be opened: "
                    + why.replace('\n', ' '));
        }
        return new TlsConfig(keystore, ks, password.clone());
    }

    /** Reads the password from {@code passwordFile} (one line), then opens the keystore. */
    public static TlsConfig fromFiles(Path keystore, Path passwordFile) {
        return of(keystore, SecretFile.read(passwordFile, "TLS password").toCharArray());
    }

    public Path keystorePath() {
        return keystorePath;
    }

    KeyStore keyStore() {
        return keyStore;
    }

    /** A copy; the caller should clear it after use. */
    char[] password() {
        return password.clone();
    }

    @Override
    public String toString() {
        return "TlsConfig[keystore=" + keystorePath + ", password=(hidden)]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TlsConfig t && t.keystorePath.equals(keystorePath) && Arrays.equals(t.password, password);
    }

    @Override
    public int hashCode() {
        return keystorePath.hashCode();
    }
}
