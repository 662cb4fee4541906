package io.stockmonitor.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a secret (a token or a keystore password) from a file, so it never has to be on a command line where
 * other local users see it in {@code ps}. The file holds one line; a trailing line break is ignored. Errors are one
 * line naming the file and never the content.
 */
final class SecretFile {
    private SecretFile() {
    }

    /** The secret in {@code file}; IllegalArgumentException when missing, unreadable, empty or not one line. */
    static String read(Path file, String what) {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(SimulatorConfig.MAX_SECRET_FILE_BYTES + 1);
        } catch (IOException | SecurityException e) {
            throw new IllegalArgumentException(what + " file " + file + " cannot be read ("
                    + e.getClass().getSimpleName() + ")");
        }
        if (bytes.length > SimulatorConfig.MAX_SECRET_FILE_BYTES) {
            throw new IllegalArgumentException(what + " file " + file + " is over "
                    + SimulatorConfig.MAX_SECRET_FILE_BYTES + " bytes");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(what + " file " + file + " is not UTF-8 text");
        }
        if (text.endsWith("\n")) {
            text = text.substring(0, text.length() - 1);
        }
        if (text.endsWith("\r")) {
            text = text.substring(0, text.length() - 1);
        }
        if (text.isBlank()) {
            throw new IllegalArgumentException(what + " file " + file + " is empty");
        }
        if (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            throw new IllegalArgumentException(what + " file " + file + " must hold one line");
        }
        return text;
    }
}
