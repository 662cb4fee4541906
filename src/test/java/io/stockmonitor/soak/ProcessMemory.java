package io.stockmonitor.soak;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Memory of another JVM on this machine: its resident set (Linux {@code /proc/PID/status}) and its live heap, the
 * heap in use right after a full GC ({@code jcmd PID GC.run} then {@code GC.heap_info}, in one jcmd run). The live
 * heap is what a leak grows; the resident set also holds what the JVM keeps for later (committed heap, code cache).
 */
final class ProcessMemory {
    private static final Pattern VM_RSS = Pattern.compile("VmRSS:\\s+(\\d+) kB");
    /** G1: "garbage-first heap   total 262144K, used 23868K [...]"; other collectors print "used NK" likewise. */
    private static final Pattern HEAP_USED = Pattern.compile("total \\d+K, used (\\d+)K");

    /** One measurement; -1 where it could not be taken. */
    record Sample(long atMs, long rssKiB, long liveHeapKiB) {
        long rssMiB() {
            return rssKiB < 0 ? -1 : rssKiB / 1024;
        }

        long liveHeapMiB() {
            return liveHeapKiB < 0 ? -1 : liveHeapKiB / 1024;
        }

        @Override
        public String toString() {
            return "RSS " + rssMiB() + " MiB, live heap " + liveHeapMiB() + " MiB";
        }
    }

    private ProcessMemory() {
    }

    static Sample sample(long pid, Path scratch) {
        long heap = liveHeapKiB(pid, scratch);
        return new Sample(System.currentTimeMillis(), rssKiB(pid), heap);
    }

    static long rssKiB(long pid) {
        try {
            Matcher m = VM_RSS.matcher(Files.readString(Path.of("/proc", Long.toString(pid), "status")));
            return m.find() ? Long.parseLong(m.group(1)) : -1;
        } catch (IOException e) {
            return -1;
        }
    }

    private static long liveHeapKiB(long pid, Path scratch) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        if (!Files.isExecutable(jcmd)) {
            return -1;
        }
        Path commands = scratch.resolve("jcmd-" + pid + ".txt");
        try {
            Files.writeString(commands, "GC.run\nGC.heap_info\n");
            Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "-f", commands.toString())
                    .redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return -1;
            }
            Matcher m = HEAP_USED.matcher(new String(out, StandardCharsets.UTF_8));
            return m.find() ? Long.parseLong(m.group(1)) : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        } finally {
            try {
                Files.deleteIfExists(commands);
            } catch (IOException e) {
                // a scratch file left behind
            }
        }
    }
}
