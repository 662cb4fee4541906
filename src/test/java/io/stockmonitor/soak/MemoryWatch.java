package io.stockmonitor.soak;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The memory of one child process over a run: a first sample once it is warmed up (the baseline), samples in
 * between, and a last one at the end. "Flat" means the last sample's live heap and resident set are within the
 * stated bounds of the baseline.
 */
final class MemoryWatch {
    private final String name;
    private final long pid;
    private final Path scratch;
    private final List<ProcessMemory.Sample> samples = new ArrayList<>();

    MemoryWatch(String name, long pid, Path scratch) {
        this.name = name;
        this.pid = pid;
        this.scratch = scratch;
    }

    String name() {
        return name;
    }

    ProcessMemory.Sample sample() {
        ProcessMemory.Sample s = ProcessMemory.sample(pid, scratch);
        synchronized (samples) {
            samples.add(s);
        }
        return s;
    }

    List<ProcessMemory.Sample> samples() {
        synchronized (samples) {
            return List.copyOf(samples);
        }
    }

    ProcessMemory.Sample first() {
        List<ProcessMemory.Sample> s = samples();
        return s.isEmpty() ? null : s.get(0);
    }

    ProcessMemory.Sample last() {
        List<ProcessMemory.Sample> s = samples();
        return s.isEmpty() ? null : s.get(s.size() - 1);
    }

    /** Null when flat within the bounds, else why not. */
    String notFlat(long heapGrowthMiB, long rssGrowthMiB) {
        ProcessMemory.Sample a = first();
        ProcessMemory.Sample b = last();
        if (a == null || b == null || a == b) {
            return name + ": fewer than two memory samples";
        }
        List<String> why = new ArrayList<>();
        if (a.liveHeapKiB() < 0 || b.liveHeapKiB() < 0) {
            why.add("live heap not measured (jcmd)");
        } else if (b.liveHeapMiB() > a.liveHeapMiB() + heapGrowthMiB) {
            why.add("live heap " + a.liveHeapMiB() + " -> " + b.liveHeapMiB() + " MiB (bound +" + heapGrowthMiB + ")");
        }
        if (a.rssKiB() < 0 || b.rssKiB() < 0) {
            why.add("RSS not measured");
        } else if (b.rssMiB() > a.rssMiB() + rssGrowthMiB) {
            why.add("RSS " + a.rssMiB() + " -> " + b.rssMiB() + " MiB (bound +" + rssGrowthMiB + ")");
        }
        return why.isEmpty() ? null : name + ": " + String.join(", ", why);
    }

    /** Every sample as "t+Ns: RSS a MiB, live heap b MiB", the first being the baseline. */
    List<String> describe() {
        List<String> out = new ArrayList<>();
        List<ProcessMemory.Sample> s = samples();
        for (ProcessMemory.Sample x : s) {
            out.add(String.format(Locale.ROOT, "t+%ds: %s", (x.atMs() - s.get(0).atMs()) / 1000, x));
        }
        return out;
    }
}
