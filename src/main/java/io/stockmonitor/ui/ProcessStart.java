package io.stockmonitor.ui;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * When this process started, in epoch milliseconds, for the start-up probes.
 *
 * <p>{@code ProcessHandle.current().info().startInstant()} is not good enough on Linux: the JDK adds the process's
 * start in clock ticks to the boot time from /proc/stat, which has whole seconds only, so every start-up figure was
 * off by the same fraction of a second (0.8 s on the machine the benchmarks ran on). Here the start is taken back
 * from now by the process's age, both read from /proc: /proc/uptime and the start in clock ticks (100 per second
 * on Linux), good to about 10 ms. Elsewhere the JDK's figure is used.
 */
public final class ProcessStart {
    private static final int LINUX_CLOCK_TICKS_PER_SECOND = 100;
    /**
     * When set (epoch ms), the start of the process the user launched: a window relaunched with JavaFX on the module
     * path measures its start-up from there, not from its own start.
     */
    public static final String LAUNCH_START = "stockmonitor.launchStartMs";

    private ProcessStart() {
    }

    public static long epochMillis() {
        long now = System.currentTimeMillis();
        Long launched = Long.getLong(LAUNCH_START);
        if (launched != null && launched > 0 && launched <= now) {
            return launched;
        }
        try {
            long ageMs = ageFromProc(Files.readString(Path.of("/proc/uptime"), StandardCharsets.US_ASCII),
                    Files.readString(Path.of("/proc/self/stat"), StandardCharsets.US_ASCII));
            return now - ageMs;
        } catch (IOException | RuntimeException e) {
            return ProcessHandle.current().info().startInstant().map(i -> i.toEpochMilli()).orElse(now);
        }
    }

    /** The process's age in ms from the texts of /proc/uptime and /proc/self/stat. */
    static long ageFromProc(String uptime, String stat) {
        double upSeconds = Double.parseDouble(uptime.trim().split("\\s+")[0]);
        // Field 2 (the command) is in parentheses and may hold spaces: count the fields after its closing one.
        String[] afterCommand = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        long startTicks = Long.parseLong(afterCommand[22 - 3]); // field 22 (starttime); this array begins at field 3
        return Math.round(upSeconds * 1000) - startTicks * 1000 / LINUX_CLOCK_TICKS_PER_SECOND;
    }
}
