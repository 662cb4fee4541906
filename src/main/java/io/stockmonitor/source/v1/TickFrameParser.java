package io.stockmonitor.source.v1;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.stockmonitor.feed.JsonFrameReader;
import io.stockmonitor.feed.SymbolTable;
import java.io.IOException;

/**
 * The hot path of the client: reads a tick frame into a reusable {@link ParsedTick} with Jackson's streaming API and
 * no per-tick objects, through a {@link JsonFrameReader} (one parser for the whole connection); field names come
 * back canonical, the symbol is matched against the {@link SymbolTable} from the parser's characters, and prices are
 * converted from the characters.
 *
 * <p>Anything that is not a well-formed tick ({@link Kind#OTHER}) is left to the general {@code MessageCodec}, which
 * decodes control frames and names what is wrong with bad ones. Not thread-safe: the feed thread owns it.
 */
public final class TickFrameParser {
    /** What a frame turned out to be. */
    public enum Kind {
        /** A tick; {@link #tick()} holds it (its {@code problem()} may still reject its values). */
        TICK,
        /** Not a tick, or not parseable here: decode with the general codec. */
        OTHER
    }

    /** Ticks are about 130 bytes; anything much longer is a snapshot or garbage and goes to the codec directly. */
    static final int MAX_FAST_FRAME_CHARS = 1024;

    private final JsonFrameReader reader = new JsonFrameReader(MAX_FAST_FRAME_CHARS);
    private final SymbolTable symbols;
    private final ParsedTick tick = new ParsedTick();

    TickFrameParser(SymbolTable symbols) {
        this.symbols = symbols;
    }

    /** A parser that knows exactly {@code knownSymbols} (benchmarks and tests). */
    public static TickFrameParser forSymbols(Iterable<String> knownSymbols) {
        SymbolTable table = new SymbolTable();
        for (String s : knownSymbols) {
            table.add(s);
        }
        return new TickFrameParser(table);
    }

    public ParsedTick tick() {
        return tick;
    }

    /** Reads {@code frame}; on {@link Kind#TICK} the fields are in {@link #tick()}. */
    public Kind parse(String frame) {
        tick.clear();
        JsonParser p = reader.begin(frame);
        if (p == null) {
            return Kind.OTHER;
        }
        try {
            return readRoot(p);
        } catch (IOException | RuntimeException e) {
            // Malformed JSON leaves the parser mid-value; start clean for the next frame, let the codec explain.
            reader.reset();
            return Kind.OTHER;
        }
    }

    private Kind readRoot(JsonParser p) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            reader.reset();
            return Kind.OTHER;
        }
        boolean isTick = false;
        boolean typeSeen = false;
        JsonToken token;
        while ((token = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            if (value.isStructStart()) {
                // A known field with an object or array value stays unseen and makes the tick incomplete.
                p.skipChildren();
                continue;
            }
            switch (name) {
                case "type":
                    typeSeen = true;
                    isTick = value == JsonToken.VALUE_STRING && JsonFrameReader.textEquals(p, "tick");
                    if (!isTick) {
                        reader.skipRest();
                        return Kind.OTHER;
                    }
                    break;
                case "symbol":
                    if (value == JsonToken.VALUE_STRING) {
                        tick.symbol = symbols.lookup(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
                        tick.seen |= ParsedTick.SYMBOL;
                    }
                    break;
                case "seq":
                    if (value == JsonToken.VALUE_NUMBER_INT) {
                        tick.seq = p.getLongValue();
                        tick.seen |= ParsedTick.SEQ;
                    }
                    break;
                case "ts":
                    if (value == JsonToken.VALUE_NUMBER_INT) {
                        tick.ts = p.getLongValue();
                        tick.seen |= ParsedTick.TS;
                    }
                    break;
                case "size":
                    // Whole shares from the simulator; a relay of a crypto venue sends fractions.
                    if (isNumber(value)) {
                        tick.size = value == JsonToken.VALUE_NUMBER_INT ? p.getLongValue() : number(p);
                        tick.seen |= ParsedTick.SIZE;
                    }
                    break;
                case "price":
                    if (isNumber(value)) {
                        tick.price = number(p);
                        tick.seen |= ParsedTick.PRICE;
                    }
                    break;
                case "bid":
                    if (isNumber(value)) {
                        tick.bid = number(p);
                        tick.seen |= ParsedTick.BID;
                    }
                    break;
                case "ask":
                    if (isNumber(value)) {
                        tick.ask = number(p);
                        tick.seen |= ParsedTick.ASK;
                    }
                    break;
                default:
                    p.skipChildren();
                    break;
            }
        }
        if (token != JsonToken.END_OBJECT) {
            reader.reset();
            return Kind.OTHER;
        }
        if (!reader.end()) {
            // Truncated frame or trailing content: not ours to judge.
            return Kind.OTHER;
        }
        return isTick && typeSeen ? Kind.TICK : Kind.OTHER;
    }

    private static boolean isNumber(JsonToken t) {
        return t == JsonToken.VALUE_NUMBER_FLOAT || t == JsonToken.VALUE_NUMBER_INT;
    }

    private static double number(JsonParser p) throws IOException {
        return JsonFrameReader.number(p);
    }
}
