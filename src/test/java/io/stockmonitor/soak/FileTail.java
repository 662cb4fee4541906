package io.stockmonitor.soak;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Reads the lines another process appends to a file, each once and only when complete (a line still being written
 * waits for its newline). Not thread-safe: one reader.
 */
final class FileTail {
    private final Path file;
    private long position;
    private final java.io.ByteArrayOutputStream partial = new java.io.ByteArrayOutputStream();
    private final byte[] buffer = new byte[64 * 1024];

    FileTail(Path file) {
        this.file = file;
    }

    /** Hands every complete line appended since the last call to {@code lines}; returns how many. */
    int poll(Consumer<String> lines) throws IOException {
        if (!Files.exists(file)) {
            return 0;
        }
        int count = 0;
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            in.seek(position);
            int n;
            while ((n = in.read(buffer)) > 0) {
                position += n;
                int start = 0;
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        partial.write(buffer, start, i - start);
                        lines.accept(partial.toString(StandardCharsets.UTF_8));
                        partial.reset();
                        count++;
                        start = i + 1;
                    }
                }
                partial.write(buffer, start, n - start);
            }
        }
        return count;
    }
}
