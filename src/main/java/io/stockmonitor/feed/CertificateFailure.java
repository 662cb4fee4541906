package io.stockmonitor.feed;

import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.Optional;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * Tells a certificate the client refused from other connect failures. Retrying cannot fix it (the same certificate
 * comes back), so it ends the connection as FAILED with a reason a user can act on, instead of endless reconnects.
 * A handshake cut by the network is not one of these and is retried as usual.
 */
final class CertificateFailure {
    private CertificateFailure() {
    }

    /**
     * The plain reason when {@code error} is a refused certificate, else empty.
     *
     * @param host  the host the user asked for
     * @param trust the certificates the user trusts for this feed, or null for the JDK's CAs
     */
    static Optional<String> describe(Throwable error, String host, TrustedCertificates trust) {
        Throwable refused = null;
        for (Throwable c = error; c != null && c.getCause() != c; c = c.getCause()) {
            if (c instanceof CertificateException || c instanceof CertPathValidatorException
                    || c instanceof CertPathBuilderException || c instanceof SSLPeerUnverifiedException) {
                refused = c;
                if (c instanceof CertificateExpiredException || c instanceof CertificateNotYetValidException) {
                    break;
                }
            }
        }
        if (refused == null) {
            return Optional.empty();
        }
        String detail = PeerText.escape(String.valueOf(refused.getMessage()), 160);
        if (refused instanceof CertificateExpiredException || refused instanceof CertificateNotYetValidException) {
            return Optional.of("the server's certificate is outside its validity dates (" + detail + ")");
        }
        if (refused instanceof CertificateException && detail.startsWith("No ")
                && detail.contains("matching")) {
            // JSSE's wording for a host-name mismatch: "No subject alternative names matching IP address ..."
            return Optional.of("the server's certificate is not for " + host + " (" + detail + ")");
        }
        if (trust != null) {
            return Optional.of("the server's certificate is neither the one in " + trust.file().getFileName()
                    + " nor signed by it (" + detail + ")");
        }
        return Optional.of("the server's certificate is not trusted (" + detail + "); if the server uses its own "
                + "certificate, trust it with --trust-cert FILE (or in File → Connect…)");
    }
}
