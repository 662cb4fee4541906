package io.stockmonitor.source.v1;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.async.ByteArrayFeeder;
import io.stockmonitor.feed.FastDecimal;
import io.stockmonitor.feed.SymbolTable;
import java.io.IOException;

/**
 * The hot path of the client: reads a tick frame into a reusable {@link ParsedTick} with Jackson's streaming API and
 * no per-tick objects. One non-blocking Jackson parser lives for the whole connection and is fed frame after frame
 * (a stream of root-level JSON values), so no parser, context or buffer is created per frame; field names come back
 * canonical, the symbol is matched against the {@link SymbolTable} from the parser's characters, and prices are
 * converted by {@link FastDecimal} from the characters.
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

    private final JsonFactory factory;
    private final SymbolTable symbols;
    private final ParsedTick tick = new ParsedTick();
    private final byte[] bytes = new byte[MAX_FAST_FRAME_CHARS * 3];
    private JsonParser parser;
    private ByteArrayFeeder feeder;
    /** Bytes fed to the current parser before this frame, to find where the frame's root value ended. */
    private long fedTotal;
    private long frameStart;
    private int fedNow;

    TickFrameParser(SymbolTable symbols) {
        this.factory = JsonFactory.builder().build();
        this.symbols = symbols;
        reset();
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
        int length = frame.length();
        if (length > MAX_FAST_FRAME_CHARS) {
            return Kind.OTHER;
        }
        int n = encodeUtf8(frame, length);
        tick.clear();
        try {
            if (!feeder.needMoreInput()) {
                reset();
            }
            feeder.feedInput(bytes, 0, n);
            frameStart = fedTotal;
            fedTotal += n;
            fedNow = n;
            return readRoot();
        } catch (IOException | RuntimeException e) {
            // Malformed JSON leaves the parser mid-value; start clean for the next frame, let the codec explain.
            reset();
            return Kind.OTHER;
        }
    }

    private Kind readRoot() throws IOException {
        JsonParser p = parser;
        if (p.nextToken() != JsonToken.START_OBJECT) {
            reset();
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
                    isTick = value == JsonToken.VALUE_STRING && textEquals(p, "tick");
                    if (!isTick) {
                        return skipRest();
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
                    if (value == JsonToken.VALUE_NUMBER_INT) {
                        tick.size = p.getLongValue();
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
        if (token != JsonToken.END_OBJECT || !onlyWhitespaceAfterRoot() || p.nextToken() != JsonToken.NOT_AVAILABLE) {
            // Truncated frame or trailing content: not ours to judge.
            reset();
            return Kind.OTHER;
        }
        return isTick && typeSeen ? Kind.TICK : Kind.OTHER;
    }

    /** Consumes the rest of a non-tick frame so the parser is ready for the next one. */
    private Kind skipRest() throws IOException {
        JsonParser p = parser;
        p.skipChildren();
        int depth = 1;
        JsonToken token;
        while (depth > 0 && (token = p.nextToken()) != null && token != JsonToken.NOT_AVAILABLE) {
            if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                depth++;
            } else if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                depth--;
            }
        }
        if (depth != 0 || p.nextToken() != JsonToken.NOT_AVAILABLE) {
            reset();
        }
        return Kind.OTHER;
    }

    /**
     * A non-blocking parser answers NOT_AVAILABLE for a token cut short at the end of input (e.g. trailing
     * {@code tru}), so trailing garbage must be checked against the bytes themselves.
     */
    private boolean onlyWhitespaceAfterRoot() {
        long end = parser.currentLocation().getByteOffset() - frameStart;
        if (end < 0 || end > fedNow) {
            return false;
        }
        for (int i = (int) end; i < fedNow; i++) {
            byte b = bytes[i];
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return false;
            }
        }
        return true;
    }

    private static boolean isNumber(JsonToken t) {
        return t == JsonToken.VALUE_NUMBER_FLOAT || t == JsonToken.VALUE_NUMBER_INT;
    }

    private static double number(JsonParser p) throws IOException {
        return FastDecimal.parse(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
    }

    private static boolean textEquals(JsonParser p, String expected) throws IOException {
        int len = p.getTextLength();
        if (len != expected.length()) {
            return false;
        }
        char[] c = p.getTextCharacters();
        int off = p.getTextOffset();
        for (int i = 0; i < len; i++) {
            if (c[off + i] != expected.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private int encodeUtf8(String s, int length) {
        byte[] b = bytes;
        int n = 0;
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                b[n++] = (byte) c;
            } else if (c < 0x800) {
                b[n++] = (byte) (0xC0 | (c >> 6));
                b[n++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                b[n++] = (byte) (0xF0 | (cp >> 18));
                b[n++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                b[n++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                b[n++] = (byte) (0x80 | (cp & 0x3F));
            } else {
                // Lone surrogates become '?', as String.getBytes would; the codec path reports the frame if needed.
                char out = Character.isSurrogate(c) ? '?' : c;
                if (out == '?') {
                    b[n++] = (byte) out;
                } else {
                    b[n++] = (byte) (0xE0 | (out >> 12));
                    b[n++] = (byte) (0x80 | ((out >> 6) & 0x3F));
                    b[n++] = (byte) (0x80 | (out & 0x3F));
                }
            }
        }
        return n;
    }

    private void reset() {
        try {
            if (parser != null) {
                parser.close();
            }
            parser = factory.createNonBlockingByteArrayParser();
            fedTotal = 0;
            feeder = (ByteArrayFeeder) parser.getNonBlockingInputFeeder();
        } catch (IOException e) {
            throw new IllegalStateException("cannot create a JSON parser", e);
        }
    }
}
