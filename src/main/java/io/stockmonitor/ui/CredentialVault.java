package io.stockmonitor.ui;

import io.stockmonitor.source.Credentials;
import io.stockmonitor.source.SourceKind;
import java.util.Optional;

/**
 * Where the window may remember a provider's key or token when the user asks it to: the operating system's
 * credential store. Never the settings file, never a log. The application provides the real one; without a
 * credential store (a headless machine, no Secret Service) {@link #available()} is false and credentials stay in
 * memory for the run.
 */
public interface CredentialVault {
    /** True when credentials can be remembered here. */
    boolean available();

    /** Where remembered credentials are kept, in words for the user (e.g. "the system keychain (Secret Service)"). */
    String where();

    /** The remembered credentials of {@code kind}, if any. */
    Optional<Credentials> load(SourceKind kind);

    /** Remembers {@code credentials} for {@code kind}; returns false (and remembers nothing) on failure. */
    boolean save(SourceKind kind, Credentials credentials);

    /** Forgets what was remembered for {@code kind}. */
    void forget(SourceKind kind);

    /** A vault that remembers nothing. */
    CredentialVault NONE = new CredentialVault() {
        @Override
        public boolean available() {
            return false;
        }

        @Override
        public String where() {
            return "no credential store here";
        }

        @Override
        public Optional<Credentials> load(SourceKind kind) {
            return Optional.empty();
        }

        @Override
        public boolean save(SourceKind kind, Credentials credentials) {
            return false;
        }

        @Override
        public void forget(SourceKind kind) {
        }
    };
}
