package io.stockmonitor.bench.soak;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.stockmonitor.soak.ChaosSoak;
import io.stockmonitor.soak.SoakReport;
import io.stockmonitor.soak.SoakSettings;
import org.slf4j.LoggerFactory;

/**
 * The chaos soak from the command line (docs/RELIABILITY.md):
 * {@code --minutes 30 [--seed N] [--connections 50] [--symbols A,B] [--rate 4] [--history-ticks 200] [--out DIR]}.
 * Prints the report (also in {@code DIR/report.txt}) and exits 0 when the run passed, 1 when it failed, 2 for a bad
 * option.
 */
public final class ChaosSoakMain {
    private ChaosSoakMain() {
    }

    public static void main(String[] args) throws Exception {
        SoakSettings settings;
        try {
            settings = SoakSettings.fromArgs(args);
        } catch (IllegalArgumentException e) {
            System.err.println("chaos soak: " + e.getMessage());
            System.exit(2);
            return;
        }
        // 49 clients log every reconnect: keep the console to the soak's own lines and real warnings.
        ((Logger) LoggerFactory.getLogger("io.stockmonitor.feed")).setLevel(Level.WARN);
        ((Logger) LoggerFactory.getLogger("io.stockmonitor.source")).setLevel(Level.WARN);
        System.out.println("chaos soak: seed " + settings.seed() + " (replay with --seed " + settings.seed() + "), "
                + settings.chaos().toSeconds() + " s of faults, output in " + settings.outDir().toAbsolutePath());
        SoakReport report = ChaosSoak.run(settings);
        System.out.println(report.text());
        System.exit(report.passed() ? 0 : 1);
    }
}
