package io.stockmonitor.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import io.stockmonitor.protocol.Protocol;
import io.stockmonitor.source.TradeValues;
import java.util.Set;

/**
 * What a protocol v1 frame is as a tick, by the letter of docs/PROTOCOL.md and the bounds of {@link TradeValues},
 * read by {@link StrictJson}: a valid tick (and the trade it carries), an invalid one (its trade must never be
 * applied), an ambiguous one (repeated keys, deeper nesting than the protocol allows, a mistyped optional field:
 * applying its trade or not are both right, but only with the values it carries), or another kind of frame.
 */
public record TickVerdict(Kind kind, String symbol, long seq, long ts, double price, double size) {
    public enum Kind { VALID, INVALID, AMBIGUOUS, NOT_A_TICK }

    private static TickVerdict of(Kind kind) {
        return new TickVerdict(kind, null, 0, 0, 0, 0);
    }

    /** The verdict on {@code text} for a client that subscribed {@code symbols}, at {@code nowMs}. */
    public static TickVerdict of(String text, Set<String> symbols, long nowMs) {
        StrictJson.Reading reading = StrictJson.read(text);
        switch (reading.shape()) {
            case NOT_JSON, NOT_AN_OBJECT -> {
                return of(Kind.INVALID);
            }
            case TOO_DEEP -> {
                return of(Kind.AMBIGUOUS);
            }
            case DUPLICATE_KEYS -> {
                return of(Kind.AMBIGUOUS);
            }
            default -> {
            }
        }
        TickVerdict verdict = of(reading.node(), symbols, nowMs);
        // The fast path reads a deep frame, the general decoder refuses it: both are bounded.
        return reading.depth() > Protocol.MAX_NESTING_DEPTH ? ambiguous(verdict) : verdict;
    }

    /**
     * The trades a reader may take from {@code text}: for a frame with repeated keys, the valid tick of each way of
     * reading it (as {@link Kind#AMBIGUOUS}); else the frame's own verdict.
     */
    public static java.util.List<TickVerdict> candidates(String text, Set<String> symbols, long nowMs) {
        TickVerdict verdict = of(text, symbols, nowMs);
        if (verdict.kind() != Kind.AMBIGUOUS || verdict.symbol() != null) {
            return java.util.List.of(verdict);
        }
        java.util.List<TickVerdict> out = new java.util.ArrayList<>();
        for (JsonNode reading : StrictJson.readings(text)) {
            out.add(ambiguous(of(reading, symbols, nowMs)));
        }
        return out;
    }

    private static TickVerdict ambiguous(TickVerdict v) {
        return v.kind() == Kind.VALID ? new TickVerdict(Kind.AMBIGUOUS, v.symbol, v.seq, v.ts, v.price, v.size) : v;
    }

    private static TickVerdict of(JsonNode n, Set<String> symbols, long nowMs) {
        if (n == null || !n.isObject()) {
            return of(Kind.INVALID);
        }
        JsonNode type = n.get("type");
        if (type == null || !type.isTextual()) {
            return of(Kind.INVALID);
        }
        if (!type.textValue().equals("tick")) {
            return of(Kind.NOT_A_TICK);
        }
        JsonNode symbol = n.get("symbol");
        Long seq = StrictJson.longValue(n.get("seq"));
        Long ts = StrictJson.longValue(n.get("ts"));
        Double price = StrictJson.doubleValue(n.get("price"));
        Double size = StrictJson.doubleValue(n.get("size")); // whole shares, or a relayed venue's fraction
        if (symbol == null || !symbol.isTextual() || !symbols.contains(symbol.textValue()) || seq == null || seq <= 0
                || ts == null || ts < TradeValues.EARLIEST_MS || ts > nowMs + TradeValues.MAX_AHEAD_MS
                || price == null || !(price > 0) || price > TradeValues.MAX_PRICE || size == null || size < 0
                || size > TradeValues.MAX_SIZE) {
            return of(Kind.INVALID);
        }
        for (String side : new String[] {"bid", "ask"}) {
            JsonNode quote = n.get(side);
            if (quote != null && !quote.isNull()) {
                Double q = StrictJson.doubleValue(quote);
                if (q == null) {
                    return new TickVerdict(Kind.AMBIGUOUS, symbol.textValue(), seq, ts, price, size);
                }
                if (!(q >= 0) || Double.isInfinite(q)) {
                    return of(Kind.INVALID);
                }
            }
        }
        return new TickVerdict(Kind.VALID, symbol.textValue(), seq, ts, price, size);
    }

    /** Whether an applied trade is exactly the one this valid (or ambiguous) tick carries. */
    public boolean carries(String appliedSymbol, long appliedSeq, long appliedTs, double appliedPrice,
                           double appliedSize) {
        return (kind == Kind.VALID || kind == Kind.AMBIGUOUS && symbol != null) && symbol.equals(appliedSymbol) && seq == appliedSeq && ts == appliedTs
                && price == appliedPrice && size == appliedSize;
    }
}
