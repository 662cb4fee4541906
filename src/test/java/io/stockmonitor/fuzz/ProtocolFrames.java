package io.stockmonitor.fuzz;

import io.stockmonitor.protocol.ErrorCode;
import io.stockmonitor.protocol.ResyncReason;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Valid frames of protocol v1, as docs/PROTOCOL.md shows them, with random values: the requests a client sends and
 * the frames a server sends. Prices are whole cents, sizes whole shares, times Unix milliseconds. The starting point
 * of every mutated frame (see {@link FrameMutator} for why this is hand-written).
 */
public final class ProtocolFrames {
    /** Every {@code type} of the protocol, for {@link FrameMutator.Kind#TYPE_SWAP}. */
    public static final List<String> TYPES = List.of("welcome", "subscribe", "unsubscribe", "ping", "subscribed",
            "unsubscribed", "snapshot", "tick", "heartbeat", "pong", "error");

    private final List<String> symbols;

    /** Frames about {@code symbols} (the server's list; requests sometimes name others too). */
    public ProtocolFrames(List<String> symbols) {
        this.symbols = List.copyOf(symbols);
    }

    // ---------------------------------------------------------------- requests

    /** A subscribe, unsubscribe or ping with request id {@code id}. */
    public JsonDraft.Obj request(SplittableRandom r, long id) {
        int k = r.nextInt(10);
        if (k < 5) {
            return subscribe(r, id);
        }
        return k < 8 ? unsubscribe(r, id) : ping(id);
    }

    public JsonDraft.Obj subscribe(SplittableRandom r, long id) {
        List<String> named = someSymbols(r);
        JsonDraft.Obj frame = JsonDraft.object().put("type", "subscribe").put("id", id)
                .put("symbols", stringArray(named));
        if (r.nextInt(3) == 0) {
            JsonDraft.Obj after = JsonDraft.object();
            for (String s : named) {
                after.put(s, r.nextInt(4) == 0 ? 0 : r.nextLong(1, 50_000));
            }
            frame.put("resume", JsonDraft.object().put("epoch", r.nextBoolean() ? "e1" : "other-epoch")
                    .put("after", after));
        }
        return frame;
    }

    public JsonDraft.Obj unsubscribe(SplittableRandom r, long id) {
        return JsonDraft.object().put("type", "unsubscribe").put("id", id).put("symbols", stringArray(someSymbols(r)));
    }

    public static JsonDraft.Obj ping(long id) {
        return JsonDraft.object().put("type", "ping").put("id", id);
    }

    private List<String> someSymbols(SplittableRandom r) {
        int n = 1 + r.nextInt(Math.min(3, symbols.size()));
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(r.nextInt(8) == 0 ? "NOPE" + r.nextInt(10) : symbols.get(r.nextInt(symbols.size())));
        }
        return out;
    }

    // ---------------------------------------------------------------- server frames

    public JsonDraft.Obj welcome(String epoch, long heartbeatMs) {
        return JsonDraft.object().put("type", "welcome").put("protocol", 1).put("server", "fuzz/1")
                .put("epoch", epoch).put("heartbeatMs", heartbeatMs).put("historyTicks", 1000)
                .put("symbols", stringArray(symbols));
    }

    public static JsonDraft.Obj subscribedNew(long id, String symbol, String epoch) {
        return JsonDraft.object().put("type", "subscribed").put("id", id).put("symbol", symbol).put("epoch", epoch)
                .put("resumed", JsonDraft.raw("false")).put("reason", ResyncReason.NEW.wire());
    }

    public static JsonDraft.Obj subscribedResumed(long id, String symbol, String epoch, long after) {
        return JsonDraft.object().put("type", "subscribed").put("id", id).put("symbol", symbol).put("epoch", epoch)
                .put("resumed", JsonDraft.raw("true")).put("after", after);
    }

    /** A snapshot at {@code seq} around {@code cents}, with a few 1 s bars before {@code nowMs}. */
    public static JsonDraft.Obj snapshot(SplittableRandom r, String symbol, String epoch, long seq, long cents,
                                         long nowMs) {
        JsonDraft.Arr data = JsonDraft.array();
        long start = nowMs / 1000 * 1000 - 5_000;
        for (int i = 0; i < r.nextInt(4); i++) {
            long c = cents + r.nextInt(-20, 21);
            data.add(JsonDraft.array(JsonDraft.number(start + i * 1000L), price(c), price(c + 5), price(c - 5),
                    price(c + 1), JsonDraft.number(r.nextInt(1, 5000))));
        }
        return JsonDraft.object().put("type", "snapshot").put("symbol", symbol).put("epoch", epoch).put("seq", seq)
                .put("last", price(cents)).put("bid", price(cents - 1)).put("ask", price(cents + 1))
                .put("open", price(cents - 10)).put("high", price(cents + 50)).put("low", price(cents - 50))
                .put("prevClose", price(cents - 20)).put("volume", r.nextInt(1, 1_000_000))
                .put("bars", JsonDraft.object().put("intervalMs", 1000).put("data", data));
    }

    /** A tick; bid and ask are left out now and then (they are optional). */
    public static JsonDraft.Obj tick(SplittableRandom r, String symbol, long seq, long ts, long cents) {
        JsonDraft.Obj t = JsonDraft.object().put("type", "tick").put("symbol", symbol).put("seq", seq).put("ts", ts)
                .put("price", price(cents)).put("size", r.nextInt(4) == 0 ? r.nextInt(1, 99) : 100L * r.nextInt(1, 50));
        if (r.nextInt(5) != 0) {
            t.put("bid", price(cents - 1)).put("ask", price(cents + 1));
        }
        return t;
    }

    public static JsonDraft.Obj heartbeat(long ts, String symbol, long seq) {
        return JsonDraft.object().put("type", "heartbeat").put("ts", ts)
                .put("seqs", symbol == null ? JsonDraft.object() : JsonDraft.object().put(symbol, seq));
    }

    public static JsonDraft.Obj pong(long id, long ts) {
        return JsonDraft.object().put("type", "pong").put("id", id).put("ts", ts);
    }

    public static JsonDraft.Obj unsubscribed(long id, String symbol) {
        return JsonDraft.object().put("type", "unsubscribed").put("id", id).put("symbol", symbol);
    }

    public static JsonDraft.Obj error(SplittableRandom r, String symbol) {
        ErrorCode[] codes = {ErrorCode.BAD_REQUEST, ErrorCode.BAD_JSON, ErrorCode.UNKNOWN_TYPE, ErrorCode.RATE_LIMITED};
        JsonDraft.Obj e = JsonDraft.object().put("type", "error").put("id", JsonDraft.raw("null"))
                .put("code", codes[r.nextInt(codes.length)].wire()).put("message", "scripted error");
        if (symbol != null) {
            e.put("symbol", symbol);
        }
        return e;
    }

    /** A price of {@code cents} cents, as the protocol writes it ({@code 189.23}). */
    public static JsonDraft.Lit price(long cents) {
        return JsonDraft.decimal(BigDecimal.valueOf(cents, 2));
    }

    private static JsonDraft.Arr stringArray(List<String> values) {
        JsonDraft.Arr a = JsonDraft.array();
        values.forEach(v -> a.add(JsonDraft.string(v)));
        return a;
    }
}
