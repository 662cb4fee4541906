package io.stockmonitor.alerts;

import java.util.List;

/** Where the engine finds the line a rule names; the window hands it what the chart's indicators offer. */
public interface IndicatorLines {
    /** No lines (until the indicators package provides some): line rules then never fire. */
    IndicatorLines NONE = new IndicatorLines() {
        @Override
        public IndicatorLine find(String name) {
            return null;
        }

        @Override
        public List<String> names() {
            return List.of();
        }
    };

    /** The line called {@code name}, or null. */
    IndicatorLine find(String name);

    /** Names the user can pick from. */
    List<String> names();

    /** Lines from a fixed list (tests, and a simple registry). */
    static IndicatorLines of(List<IndicatorLine> lines) {
        List<IndicatorLine> copy = List.copyOf(lines);
        return new IndicatorLines() {
            @Override
            public IndicatorLine find(String name) {
                for (IndicatorLine l : copy) {
                    if (l.name().equals(name)) {
                        return l;
                    }
                }
                return null;
            }

            @Override
            public List<String> names() {
                return copy.stream().map(IndicatorLine::name).toList();
            }
        };
    }
}
