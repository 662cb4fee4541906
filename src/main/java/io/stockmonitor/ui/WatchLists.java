package io.stockmonitor.ui;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One source's named watchlists and which one is open, as saved and restored (a plain copy).
 *
 * @param lists  list name → symbols in the user's order, in tab order
 * @param active the open list's name
 */
public record WatchLists(Map<String, List<String>> lists, String active) {
    /** Lists at most; names at most this long. */
    public static final int MAX_LISTS = 20;
    public static final int MAX_NAME = 40;
    public static final String FIRST = "Main";

    public WatchLists {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        lists.forEach((name, symbols) -> copy.put(name, List.copyOf(symbols)));
        if (copy.isEmpty()) {
            copy.put(FIRST, List.of());
        }
        lists = java.util.Collections.unmodifiableMap(copy);
        if (active == null || !lists.containsKey(active)) {
            active = lists.keySet().iterator().next();
        }
    }

    /** One list called "Main" holding {@code symbols}. */
    public static WatchLists single(List<String> symbols) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put(FIRST, symbols);
        return new WatchLists(m, FIRST);
    }

    /** These lists with the open one's symbols replaced. */
    public WatchLists withActiveSymbols(List<String> symbols) {
        Map<String, List<String>> m = new LinkedHashMap<>(lists);
        m.put(active, new ArrayList<>(symbols));
        return new WatchLists(m, active);
    }
}
