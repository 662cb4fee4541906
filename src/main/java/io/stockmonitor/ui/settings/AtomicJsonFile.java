package io.stockmonitor.ui.settings;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a JSON file the user's files live in (settings, alerts) so that a crash or a full disk mid-write never leaves
 * half a file: the value goes to a temporary file beside it, which then replaces the file in one move where the file
 * system allows it.
 */
public final class AtomicJsonFile {
    private AtomicJsonFile() {
    }

    /** Writes {@code value} to {@code file} with {@code mapper}, replacing it whole. */
    public static void write(ObjectMapper mapper, Path file, Object value) throws IOException {
        Files.createDirectories(file.getParent());
        Path temp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        try {
            mapper.writeValue(temp.toFile(), value);
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
