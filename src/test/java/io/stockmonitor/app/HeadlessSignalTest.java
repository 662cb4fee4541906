package io.stockmonitor.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A headless run without --duration, in a child JVM, ends on SIGTERM with a summary and a complete record. */
@Timeout(value = 90, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HeadlessSignalTest {

    @Test
    void sigtermPrintsTheSummaryAndFlushesTheRecord() throws Exception {
        Path home = Path.of(System.getProperty("stockmonitor.home", "target/test-home")).toAbsolutePath();
        Files.createDirectories(home);
        Path record = Files.createTempFile(home, "signal", ".jsonl");
        Path stdout = Files.createTempFile(home, "signal", ".out");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "-Xmx256m", "-Dstockmonitor.home=" + home,
                "-cp", System.getProperty("java.class.path"), Launcher.class.getName(),
                "--headless", "--demo", "--symbols", "AAPL,MSFT,NVDA", "--record", record.toString()))
                .redirectErrorStream(false)
                .redirectOutput(stdout.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            // The test classpath logs to stdout: the state change tells when the feed is up.
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.readString(stdout).contains("CONNECTED"));
            // Let a few ticks arrive (about 15 per second over three symbols) before the signal.
            await().atMost(Duration.ofSeconds(60)).pollDelay(Duration.ofSeconds(1)).until(p::isAlive);
            p.destroy();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            p.destroyForcibly();
        }
        String out = Files.readString(stdout, StandardCharsets.UTF_8);
        assertThat(out).contains("headless summary", "ticks ", "p99");
        List<String> lines = Files.readAllLines(record);
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("{\"type\":\"tick\""));
        assertThat(lines).allSatisfy(l -> assertThat(l).startsWith("{").endsWith("}"));
        assertThat(lines.get(lines.size() - 1)).contains("\"CLOSED\"");
    }
}
