package io.stockmonitor.simulator;

import java.security.SecureRandom;

/**
 * One epoch of a feed: the opaque id clients compare, its index (0, 1, 2, ... as a feed goes through epochs; the
 * simulated market's prices and derived history depend on it) and when it started (the derived history ends there).
 * Every server of a shared history serves the one the shared history names.
 */
record Epoch(String id, int index, long startMs) {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A new epoch with a fresh id: {@code e<start in base 36>-<12 random hex digits>}. */
    static Epoch next(int index, long startMs) {
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        StringBuilder sb = new StringBuilder("e").append(Long.toString(startMs, 36)).append('-');
        for (byte b : bytes) {
            sb.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return new Epoch(sb.toString(), index, startMs);
    }
}
