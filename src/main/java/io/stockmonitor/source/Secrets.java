package io.stockmonitor.source;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * Reads credentials from where the command line allows them: a file or the environment, never the arguments
 * (which any local user can read in {@code ps}). A token file holds the token on its first line; a key file is
 * {@code key=...} and {@code secret=...} lines. Whatever is read stays in memory. The app's command line and the
 * feed server's relay read them the same way.
 */
public final class Secrets {
    /** Bearer token of our protocol's server, or Finnhub's token. */
    public static final String TOKEN_ENV = "STOCK_MONITOR_TOKEN";
    /** Alpaca's key id. */
    public static final String KEY_ENV = "STOCK_MONITOR_KEY";
    /** Alpaca's secret. */
    public static final String SECRET_ENV = "STOCK_MONITOR_SECRET";
    /** A credential file larger than this is not one. */
    private static final long MAX_FILE_BYTES = 16 * 1024;

    private Secrets() {
    }

    /** The token in the first line of {@code file}, trimmed. */
    public static String tokenFile(Path file) throws IOException {
        String text = read(file).strip();
        int newline = text.indexOf('\n');
        String token = (newline < 0 ? text : text.substring(0, newline)).strip();
        if (token.isEmpty()) {
            throw new IOException("the file is empty");
        }
        return token;
    }

    /** The {@code key} and {@code secret} of {@code file} (Java properties format). */
    public static Credentials keyFile(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = new java.io.StringReader(read(file))) {
            p.load(r);
        }
        String key = trimmed(p.getProperty("key"));
        String secret = trimmed(p.getProperty("secret"));
        if (key == null || secret == null) {
            throw new IOException("it needs a key=... line and a secret=... line");
        }
        return new Credentials(key, secret);
    }

    /** The token from the environment, or null. */
    public static String tokenFromEnv(Map<String, String> env) {
        return trimmed(env.get(TOKEN_ENV));
    }

    /** Key and secret from the environment, or null when either is missing. */
    public static Credentials keyFromEnv(Map<String, String> env) {
        String key = trimmed(env.get(KEY_ENV));
        String secret = trimmed(env.get(SECRET_ENV));
        return key == null || secret == null ? null : new Credentials(key, secret);
    }

    private static String read(Path file) throws IOException {
        if (Files.size(file) > MAX_FILE_BYTES) {
            throw new IOException("larger than " + MAX_FILE_BYTES + " bytes: not a credential file");
        }
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    private static String trimmed(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
