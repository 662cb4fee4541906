package io.stockmonitor.source;

/**
 * A provider's key and secret (Alpaca), or token (Finnhub, our own servers): held in memory only, never printed.
 * {@link #toString()} masks both, so a credential cannot reach a log line or a record by accident.
 *
 * @param key    the key id or token, or null
 * @param secret the secret, or null when the provider takes a token alone
 */
public record Credentials(String key, String secret) {
    public static final Credentials NONE = new Credentials(null, null);

    public boolean present() {
        return key != null && !key.isEmpty();
    }

    @Override
    public String toString() {
        return "Credentials[" + (present() ? "key=***" : "none") + (secret == null ? "" : ", secret=***") + "]";
    }
}
