package io.stockmonitor.app;

import io.stockmonitor.alerts.AlertRule;
import io.stockmonitor.source.SourceChoice;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * @param alerts   alert rules ({@code --alert}, headless only), in the order given
 */
public record AppOptions(SourceChoice choice, List<String> symbols, boolean headless, Path record, Duration duration,
                         String theme, List<AlertRule> alerts) {
    /** The demo watchlist: about ten well-known symbols, all in the simulator's universe. */
    public static final List<String> DEFAULT_SYMBOLS = SourceChoice.demo().defaultSymbols();

    public AppOptions {
        symbols = List.copyOf(symbols);
        alerts = List.copyOf(alerts);
    }

    /** Options without alert rules. */
    public AppOptions(SourceChoice choice, List<String> symbols, boolean headless, Path record, Duration duration,
                      String theme) {
        this(choice, symbols, headless, record, duration, theme, List.of());
    }

    /** The source to use: the one asked for, else demo. */
    public SourceChoice choiceOrDemo() {
        return choice == null ? SourceChoice.demo() : choice;
    }

    /** The symbols to use when none were remembered: the command line's, else the source's defaults. */
    public List<String> symbolsOrDefault() {
        return symbols.isEmpty() ? choiceOrDemo().defaultSymbols() : symbols;
    }

    /** The symbols to subscribe headless: {@link #symbolsOrDefault()} and then every alert rule's symbol. */
    public List<String> symbolsWithAlerts() {
        List<String> all = new ArrayList<>(symbolsOrDefault());
        for (AlertRule rule : alerts) {
            if (!all.contains(rule.symbol())) {
                all.add(rule.symbol());
            }
        }
        return List.copyOf(all);
    }

    @Override
    public String toString() {
        return "AppOptions[" + choice + ", symbols=" + symbols + ", headless=" + headless + ", record=" + record
                + ", duration=" + duration + ", theme=" + theme + ", alerts=" + alerts.size() + "]";
    }
}
