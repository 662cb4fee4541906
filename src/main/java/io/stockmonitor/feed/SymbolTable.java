package io.stockmonitor.feed;

import java.util.Arrays;

/**
 * The symbols the client knows, looked up straight from the parser's characters so a tick never allocates a String
 * for its symbol. Open addressing, String.hashCode-compatible hashing. Not thread-safe: the feed thread owns it.
 */
public final class SymbolTable {
    private String[] slots = new String[64];
    private int size;

    public void add(String symbol) {
        if (lookup(symbol) != null) {
            return;
        }
        if ((size + 1) * 2 > slots.length) {
            String[] old = slots;
            slots = new String[old.length * 2];
            size = 0;
            for (String s : old) {
                if (s != null) {
                    insert(s);
                }
            }
        }
        insert(symbol);
    }

    public void remove(String symbol) {
        String[] old = slots;
        slots = new String[old.length];
        size = 0;
        for (String s : old) {
            if (s != null && !s.equals(symbol)) {
                insert(s);
            }
        }
    }

    void clear() {
        Arrays.fill(slots, null);
        size = 0;
    }

    private void insert(String symbol) {
        int mask = slots.length - 1;
        int i = spread(symbol.hashCode()) & mask;
        while (slots[i] != null) {
            i = (i + 1) & mask;
        }
        slots[i] = symbol;
        size++;
    }

    public String lookup(String symbol) {
        return lookup(symbol.toCharArray(), 0, symbol.length());
    }

    /** The known symbol spelled by {@code c[off, off+len)}, or null. */
    public String lookup(char[] c, int off, int len) {
        int h = 0;
        for (int i = 0; i < len; i++) {
            h = 31 * h + c[off + i];
        }
        int mask = slots.length - 1;
        int i = spread(h) & mask;
        String s;
        while ((s = slots[i]) != null) {
            if (s.length() == len && matches(s, c, off, len)) {
                return s;
            }
            i = (i + 1) & mask;
        }
        return null;
    }

    private static boolean matches(String s, char[] c, int off, int len) {
        for (int i = 0; i < len; i++) {
            if (s.charAt(i) != c[off + i]) {
                return false;
            }
        }
        return true;
    }

    private static int spread(int h) {
        return h ^ (h >>> 16);
    }
}
