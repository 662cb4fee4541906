package io.stockmonitor.app;

import com.github.javakeyring.BackendNotSupportedException;
import com.github.javakeyring.Keyring;
import com.github.javakeyring.PasswordAccessException;
import io.stockmonitor.source.Credentials;
import io.stockmonitor.source.SourceKind;
import io.stockmonitor.ui.connect.CredentialVault;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Remembers provider keys in the operating system's credential store through java-keyring: the Secret Service
 * (GNOME Keyring, KWallet) on Linux, the Keychain on macOS, the Credential Manager on Windows. One entry per source:
 * service "Stock Monitor", account the source id; the value is the key, a newline and the secret when there is one.
 * Nothing of it is ever logged. Where no store answers (no D-Bus session, a locked store), it says so and the
 * credentials stay in memory.
 */
final class SystemKeychain implements CredentialVault {
    static final String SERVICE = "Stock Monitor";
    private static final Logger LOG = LoggerFactory.getLogger(SystemKeychain.class);

    private final Keyring keyring;
    private final String where;

    private SystemKeychain(Keyring keyring, String where) {
        this.keyring = keyring;
        this.where = where;
    }

    /** The system's store, or {@link CredentialVault#NONE} when there is none here. */
    static CredentialVault open() {
        try {
            Keyring k = Keyring.create();
            return new SystemKeychain(k, "the system credential store (" + describe(k) + ")");
        } catch (BackendNotSupportedException | RuntimeException | LinkageError e) {
            LOG.info("No system credential store here ({}); keys stay in memory", e.getClass().getSimpleName());
            return CredentialVault.NONE;
        }
    }

    private static String describe(Keyring k) {
        return switch (k.getKeyringStorageType()) {
            case OSX_KEYCHAIN, LEGACY_OSX_KEYCHAIN -> "macOS Keychain";
            case WINDOWS_CREDENTIAL_STORE -> "Windows Credential Manager";
            case KWALLET -> "KWallet";
            default -> "Secret Service";
        };
    }

    @Override
    public boolean available() {
        return true;
    }

    @Override
    public String where() {
        return where;
    }

    @Override
    public Optional<Credentials> load(SourceKind kind) {
        try {
            String value = keyring.getPassword(SERVICE, kind.id());
            if (value == null || value.isEmpty()) {
                return Optional.empty();
            }
            int newline = value.indexOf('\n');
            return Optional.of(newline < 0 ? new Credentials(value, null)
                    : new Credentials(value.substring(0, newline), value.substring(newline + 1)));
        } catch (PasswordAccessException | RuntimeException e) {
            // Nothing stored, or the store refused: either way there is nothing to use.
            return Optional.empty();
        }
    }

    @Override
    public boolean save(SourceKind kind, Credentials credentials) {
        if (!credentials.present()) {
            return false;
        }
        String value = credentials.key() + (credentials.secret() == null ? "" : "\n" + credentials.secret());
        try {
            keyring.setPassword(SERVICE, kind.id(), value);
            return true;
        } catch (PasswordAccessException | RuntimeException e) {
            LOG.warn("Could not remember the {} credentials in {}: {}", kind.id(), where, e.getClass().getSimpleName());
            return false;
        }
    }

    @Override
    public void forget(SourceKind kind) {
        try {
            keyring.deletePassword(SERVICE, kind.id());
        } catch (PasswordAccessException | RuntimeException e) {
            // Nothing was stored.
        }
    }
}
