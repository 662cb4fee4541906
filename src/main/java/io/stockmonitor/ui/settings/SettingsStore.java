package io.stockmonitor.ui.settings;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and writes {@link Settings} as JSON. Loading never fails: a corrupt or unreadable file is moved aside
 * ({@code settings.json.corrupt-<UTC timestamp>}) and defaults are used, with a notice for the user. Saving writes
 * a temporary file and moves it over the old one, so a crash mid-write never leaves half a file.
 */
public final class SettingsStore {
    public static final String FILE_NAME = "settings.json";
    private static final Logger LOG = LoggerFactory.getLogger(SettingsStore.class);
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    /** The settings and, when something went wrong, one sentence for the status bar. */
    public record Loaded(Settings settings, String notice) {
        public boolean hasNotice() {
            return notice != null;
        }
    }

    private final Path file;
    private final Clock clock;
    private final ObjectMapper mapper = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .enable(SerializationFeature.INDENT_OUTPUT);

    public SettingsStore(Path configDir, Clock clock) {
        this.file = configDir.resolve(FILE_NAME);
        this.clock = clock;
    }

    public Path file() {
        return file;
    }

    public Loaded load() {
        try {
            byte[] bytes = Files.readAllBytes(file);
            Settings settings = mapper.readValue(bytes, Settings.class);
            if (settings == null) {
                throw new IOException("empty document");
            }
            return new Loaded(settings.normalized(), null);
        } catch (NoSuchFileException e) {
            return new Loaded(Settings.defaults(), null);
        } catch (JacksonException e) {
            return moveAside("it is not valid settings JSON", e);
        } catch (IOException | RuntimeException e) {
            return moveAside("it could not be read", e);
        }
    }

    private Loaded moveAside(String why, Exception cause) {
        Path aside = file.resolveSibling(FILE_NAME + ".corrupt-" + STAMP.format(clock.instant()));
        String notice;
        try {
            Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
            notice = "Settings were reset: " + file.getFileName() + " was moved to " + aside.getFileName()
                    + " because " + why + ".";
        } catch (IOException | RuntimeException e) {
            notice = "Settings were reset: " + file + " is unusable (" + why + ") and could not be moved aside.";
        }
        LOG.warn("{} ({})", notice, cause.toString());
        return new Loaded(Settings.defaults(), notice);
    }

    /** Writes atomically where the file system allows it. */
    public void save(Settings settings) throws IOException {
        AtomicJsonFile.write(mapper, file, settings);
    }
}
