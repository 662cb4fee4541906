package io.stockmonitor.feed;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.async.ByteArrayFeeder;
import java.io.IOException;

/**
 * Reads text frames with one Jackson non-blocking parser that lives for the whole connection and is fed frame after
 * frame (a stream of root-level JSON values), so no parser, context or buffer is created per frame: the base of the
 * zero-garbage frame parsers of every source. A parser reads one frame between {@link #begin} and {@link #end} (or
 * {@link #skipRest}); a frame not ended that way (malformed, cut short, followed by garbage, or left by a caller that
 * returned early) gets a fresh parser for the next frame, so nothing of it can run into the next one.
 *
 * <p>Written by hand around Jackson's streaming API because the per-trade path must not allocate (databind or a
 * tree per frame would); Jackson still does the JSON. Not thread-safe: the feed thread owns it.
 */
public final class JsonFrameReader {
    private final JsonFactory factory = JsonFactory.builder().build();
    private final int maxChars;
    private final byte[] bytes;
    private JsonParser parser;
    private ByteArrayFeeder feeder;
    /** Bytes fed to the current parser before this frame, to find where the frame's root value ended. */
    private long fedTotal;
    private long frameStart;
    private int fedNow;
    /** The parser stands between root values (fresh, or the last frame ended cleanly): it may take the next frame. */
    private boolean atBoundary;

    /** A reader for frames of at most {@code maxChars} characters (longer ones are left to a general decoder). */
    public JsonFrameReader(int maxChars) {
        this.maxChars = maxChars;
        this.bytes = new byte[maxChars * 3];
        reset();
    }

    /**
     * Feeds {@code frame}; returns the parser positioned before its root value, or null when the frame is too long
     * for this reader.
     */
    public JsonParser begin(String frame) {
        int length = frame.length();
        if (length > maxChars) {
            return null;
        }
        int n = encodeUtf8(frame, length);
        try {
            if (!atBoundary || !feeder.needMoreInput()) {
                reset();
            }
            feeder.feedInput(bytes, 0, n);
        } catch (IOException | RuntimeException e) {
            reset();
            try {
                feeder.feedInput(bytes, 0, n);
            } catch (IOException again) {
                throw new IllegalStateException("cannot feed a fresh JSON parser", again);
            }
        }
        atBoundary = false;
        frameStart = fedTotal;
        fedTotal += n;
        fedNow = n;
        return parser;
    }

    /**
     * After the root value's last token: true when nothing but whitespace followed it (the parser is then ready for
     * the next frame); false (and the parser reset) for a truncated frame or trailing content.
     */
    public boolean end() throws IOException {
        // A non-blocking parser answers NOT_AVAILABLE for a token cut short at the end of input (e.g. trailing
        // "tru"), so trailing garbage is checked against the bytes themselves.
        long endOffset = parser.currentLocation().getByteOffset() - frameStart;
        boolean clean = endOffset >= 0 && endOffset <= fedNow;
        for (int i = (int) Math.max(0, endOffset); clean && i < fedNow; i++) {
            byte b = bytes[i];
            clean = b == ' ' || b == '\n' || b == '\r' || b == '\t';
        }
        if (!clean || parser.nextToken() != JsonToken.NOT_AVAILABLE) {
            reset();
            return false;
        }
        atBoundary = true;
        return true;
    }

    /**
     * Consumes the rest of the current frame's root value (from inside it) and ends the frame as {@link #end} does:
     * the parser is ready for the next frame when nothing but whitespace followed, else reset.
     */
    public void skipRest() throws IOException {
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
        if (depth != 0) {
            reset();
        } else {
            end();
        }
    }

    /** Starts over with a fresh parser (after malformed input). */
    public void reset() {
        try {
            if (parser != null) {
                parser.close();
            }
            parser = factory.createNonBlockingByteArrayParser();
            fedTotal = 0;
            atBoundary = true;
            feeder = (ByteArrayFeeder) parser.getNonBlockingInputFeeder();
        } catch (IOException e) {
            throw new IllegalStateException("cannot create a JSON parser", e);
        }
    }

    /** The current token's text as a number (JSON number or decimal string), without allocating. */
    public static double number(JsonParser p) throws IOException {
        return FastDecimal.parse(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
    }

    /** Whether the current token's text equals {@code expected}, without allocating. */
    public static boolean textEquals(JsonParser p, String expected) throws IOException {
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
            } else if (Character.isSurrogate(c)) {
                // Lone surrogates become '?', as String.getBytes would; a decoder that must judge sees the frame.
                b[n++] = (byte) '?';
            } else {
                b[n++] = (byte) (0xE0 | (c >> 12));
                b[n++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                b[n++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        return n;
    }
}
