package io.stockmonitor.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The product version from the pom (a build-filtered resource), shown by {@code --version} and the welcome frame. */
public final class ProductVersion {
    private static final String VERSION = load();

    private ProductVersion() {
    }

    public static String get() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = ProductVersion.class.getResourceAsStream("/io/stockmonitor/version.properties")) {
            if (in == null) {
                return "dev";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "dev");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
