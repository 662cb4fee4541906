package io.stockmonitor.app;

import io.stockmonitor.source.SourceChoice;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What the command line asked for, after validation.
 *
 * @param choice   the source asked for ({@code --source}, {@code --server}, {@code --demo}), or null for the
 *                 remembered one (the window) — credentials included, in memory only
 * @param symbols  symbols to subscribe, in the source's own spelling (empty: the remembered or default watchlist)
 * @param headless run without a window
 * @param record   JSON Lines record file (headless only), or null
 * @param duration how long a headless run lasts, or null to run until interrupted
 * @param theme    "dark" or "light", or null for the remembered theme
 */
public record AppOptions(SourceChoice choice, List<String> symbols, boolean headless, Path record, Duration duration,
                         String theme) {
    /** The demo watchlist: about ten well-known symbols, all in the simulator's universe. */
    public static final List<String> DEFAULT_SYMBOLS = SourceChoice.demo().defaultSymbols();

    public AppOptions {
        symbols = List.copyOf(symbols);
    }

    /** The source to use: the one asked for, else demo. */
    public SourceChoice choiceOrDemo() {
        return choice == null ? SourceChoice.demo() : choice;
    }

    /** The symbols to use when none were remembered: the command line's, else the source's defaults. */
    public List<String> symbolsOrDefault() {
        return symbols.isEmpty() ? choiceOrDemo().defaultSymbols() : symbols;
    }

    @Override
    public String toString() {
        return "AppOptions[" + choice + ", symbols=" + symbols + ", headless=" + headless + ", record=" + record
                + ", duration=" + duration + ", theme=" + theme + "]";
    }
}
