package io.stockmonitor.soak;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A JVM the soak starts as a separate process (so its memory is its own), on this JVM's class path, with stdout and
 * stderr in files under the run's directory. {@link #stop} is SIGTERM, as a user's Ctrl+C or a service manager.
 */
final class JavaChild implements AutoCloseable {
    private final String name;
    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private JavaChild(String name, Process process, Path stdout, Path stderr) {
        this.name = name;
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** Starts {@code mainClass} with {@code jvmFlags} and {@code args}; output goes to {@code dir/name.out|err}. */
    static JavaChild start(String name, Path dir, List<String> jvmFlags, String mainClass, List<String> args)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmFlags);
        command.add("-cp");
        command.add(classPath());
        command.add(mainClass);
        command.addAll(args);
        Path out = dir.resolve(name + ".out");
        Path err = dir.resolve(name + ".err");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        return new JavaChild(name, p, out, err);
    }

    /**
     * The flags of both children: the heap fixed and touched at start, so that a growing resident set means memory
     * outside the heap (threads, buffers, code, classes) and the live heap shows the rest; logs to stderr.
     */
    static List<String> flags(SoakSettings s, String... more) {
        List<String> flags = new ArrayList<>(List.of("-Xms" + s.childHeap(), "-Xmx" + s.childHeap(),
                "-XX:+AlwaysPreTouch", "-Dlogback.configurationFile=feed-simulator-logback.xml"));
        flags.addAll(List.of(more));
        return flags;
    }

    /**
     * The class path of this JVM as a list of entries: under Maven Surefire {@code java.class.path} may be a single
     * manifest-only jar, and Surefire names the real path in {@code surefire.test.class.path}.
     */
    private static String classPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    String stdout() {
        return read(stdout);
    }

    String stderr() {
        return read(stderr);
    }

    Path stderrFile() {
        return stderr;
    }

    /** SIGTERM, then up to {@code waitSeconds} for the exit; SIGKILL after that. Returns the exit code. */
    int stop(long waitSeconds) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(waitSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        return process.isAlive() ? -1 : process.exitValue();
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ")";
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
