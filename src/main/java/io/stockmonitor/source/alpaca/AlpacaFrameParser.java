package io.stockmonitor.source.alpaca;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.stockmonitor.feed.JsonFrameReader;
import io.stockmonitor.feed.SymbolTable;
import io.stockmonitor.source.TradeValues;
import java.io.IOException;
import java.util.Arrays;

/**
 * Reads Alpaca's stream frames without allocating: "Every message you receive from the server will be in the format
 * {@code [{"T": "{message_type}", {contents}},...]}", and data points "may arrive in arrays that have a length that
 * is greater than one" ([archive realtime]). The whole array is read first into the reusable columns of this parser
 * (a frame that is not well-formed JSON applies nothing, not even its first trades), each message classified as a
 * trade, a quote, a bad message (a missing or mistyped field, an absurd value), one for a symbol no longer wanted,
 * or {@link #OTHER} (control messages and the types this session does not take, for the session's general decoder).
 * Field order is not relied on. Frames longer than {@link #MAX_FAST_FRAME_CHARS} (a huge batch) are read the same
 * way by a parser made for them. Not thread-safe.
 */
final class AlpacaFrameParser {
    static final byte TRADE = 1;
    static final byte QUOTE = 2;
    static final byte BAD = 3;
    /** A data point for a symbol not (or no longer) subscribed: the docs say these may still come for a while. */
    static final byte UNWANTED = 4;
    static final byte OTHER = 5;

    /** Data frames are a few hundred bytes a message; a frame longer than this takes the allocating route. */
    static final int MAX_FAST_FRAME_CHARS = 64 * 1024;
    /** Messages one frame may hold; a frame with more is refused as a whole. */
    static final int MAX_MESSAGES = 20_000;

    private final JsonFrameReader reader = new JsonFrameReader(MAX_FAST_FRAME_CHARS);
    private final JsonFactory factory = JsonFactory.builder().build();
    private final SymbolTable symbols;

    // The frame's messages, valid after parse() returned true: index 0 .. count-1.
    int count;
    byte[] kind = new byte[16];
    String[] symbol = new String[16];
    long[] id = new long[16];
    long[] timeNanos = new long[16];
    double[] price = new double[16];
    double[] size = new double[16];
    double[] bid = new double[16];
    /** A quote's sizes at the bid and ask ("bs", "as"); NaN when absent. */
    double[] bidSize = new double[16];
    double[] askSize = new double[16];
    double[] ask = new double[16];
    /** Why a {@link #BAD} message was refused (a constant). */
    String[] problem = new String[16];

    // The message being read.
    private byte type;
    private boolean sawType;
    private boolean sawSymbol;
    private String currentSymbol;
    private boolean hasId;
    private boolean idOutOfRange;
    private long currentId;
    private boolean hasTime;
    private long currentTime;
    private boolean hasPrice;
    private double currentPrice;
    private boolean hasSize;
    private double currentSize;
    private boolean hasBid;
    private double currentBid;
    private boolean hasAsk;
    private double currentAsk;
    private double currentBidSize;
    private double currentAskSize;

    AlpacaFrameParser(SymbolTable symbols) {
        this.symbols = symbols;
    }

    /** Reads {@code frame}; true when it is a JSON array of messages (then see the columns), false otherwise. */
    boolean parse(String frame) {
        count = 0;
        JsonParser p = reader.begin(frame);
        if (p == null) {
            return parseLong(frame);
        }
        try {
            if (!readArray(p)) {
                reader.reset();
                count = 0;
                return false;
            }
            if (!reader.end()) {
                count = 0;
                return false;
            }
            return true;
        } catch (IOException | RuntimeException e) {
            reader.reset();
            count = 0;
            return false;
        }
    }

    /** A frame too long for the reusable reader: the same reading with a parser of its own. */
    private boolean parseLong(String frame) {
        try (JsonParser p = factory.createParser(frame)) {
            if (!readArray(p) || p.nextToken() != null) {
                count = 0;
                return false;
            }
            return true;
        } catch (IOException | RuntimeException e) {
            count = 0;
            return false;
        }
    }

    private boolean readArray(JsonParser p) throws IOException {
        if (p.nextToken() != JsonToken.START_ARRAY) {
            return false;
        }
        JsonToken token;
        while ((token = next(p)) != JsonToken.END_ARRAY) {
            if (count == MAX_MESSAGES) {
                return false;
            }
            ensureRoom();
            int i = count++;
            symbol[i] = null;
            if (token != JsonToken.START_OBJECT) {
                p.skipChildren();
                bad(i, "a message that is not an object");
                continue;
            }
            readMessage(p, i);
        }
        return true;
    }

    private void readMessage(JsonParser p, int i) throws IOException {
        clearMessage();
        JsonToken token;
        while ((token = next(p)) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = next(p);
            if (value.isStructStart()) {
                p.skipChildren(); // c (conditions) and anything new
                continue;
            }
            boolean number = value == JsonToken.VALUE_NUMBER_INT || value == JsonToken.VALUE_NUMBER_FLOAT;
            switch (name) {
                case "T" -> {
                    sawType = true;
                    if (value == JsonToken.VALUE_STRING && JsonFrameReader.textEquals(p, "t")) {
                        type = TRADE;
                    } else if (value == JsonToken.VALUE_STRING && JsonFrameReader.textEquals(p, "q")) {
                        type = QUOTE;
                    } else {
                        type = OTHER;
                    }
                }
                case "S" -> {
                    if (value == JsonToken.VALUE_STRING) {
                        sawSymbol = true;
                        currentSymbol = symbols.lookup(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
                    }
                }
                case "i" -> {
                    if (value == JsonToken.VALUE_NUMBER_INT) {
                        hasId = true;
                        JsonParser.NumberType t = p.getNumberType();
                        if (t == JsonParser.NumberType.INT || t == JsonParser.NumberType.LONG) {
                            currentId = p.getLongValue();
                            idOutOfRange = currentId < 0;
                        } else {
                            idOutOfRange = true;
                        }
                    }
                }
                case "t" -> {
                    if (value == JsonToken.VALUE_STRING) {
                        hasTime = true;
                        currentTime = AlpacaTime.parse(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
                    }
                }
                case "p" -> {
                    if (number) {
                        hasPrice = true;
                        currentPrice = JsonFrameReader.number(p);
                    }
                }
                case "s" -> {
                    if (number) {
                        hasSize = true;
                        currentSize = JsonFrameReader.number(p);
                    }
                }
                case "bp" -> {
                    if (number) {
                        hasBid = true;
                        currentBid = JsonFrameReader.number(p);
                    }
                }
                case "ap" -> {
                    if (number) {
                        hasAsk = true;
                        currentAsk = JsonFrameReader.number(p);
                    }
                }
                case "bs" -> {
                    if (number) {
                        currentBidSize = JsonFrameReader.number(p);
                    }
                }
                case "as" -> {
                    if (number) {
                        currentAskSize = JsonFrameReader.number(p);
                    }
                }
                default -> {
                    // x, z, bx, ax, and fields of other message types: not needed here.
                }
            }
        }
        if (token != JsonToken.END_OBJECT) {
            throw new IOException("message not closed");
        }
        classify(i);
    }

    private void classify(int i) {
        if (!sawType) {
            bad(i, "a message without a type");
        } else if (type == OTHER) {
            kind[i] = OTHER;
        } else if (!sawSymbol) {
            bad(i, "no symbol");
        } else if (currentSymbol == null) {
            kind[i] = UNWANTED;
        } else if (type == TRADE) {
            classifyTrade(i);
        } else {
            classifyQuote(i);
        }
    }

    private void classifyTrade(int i) {
        symbol[i] = currentSymbol;
        if (!hasId || !hasTime || !hasPrice || !hasSize) {
            bad(i, "a field missing or of the wrong type");
        } else if (idOutOfRange) {
            bad(i, "trade id out of range");
        } else if (currentTime == AlpacaTime.INVALID
                || !TradeValues.time(currentTime / 1_000_000, System.currentTimeMillis())) {
            bad(i, "time out of range or not RFC 3339");
        } else if (!TradeValues.price(currentPrice)) {
            bad(i, "price out of range");
        } else if (!TradeValues.size(currentSize)) {
            bad(i, "size out of range");
        } else {
            kind[i] = TRADE;
            id[i] = currentId;
            timeNanos[i] = currentTime;
            price[i] = currentPrice;
            size[i] = currentSize;
        }
    }

    private void classifyQuote(int i) {
        symbol[i] = currentSymbol;
        if (!hasBid || !hasAsk) {
            bad(i, "a field missing or of the wrong type");
        } else if (!TradeValues.quoteSide(currentBid) || !TradeValues.quoteSide(currentAsk)) {
            bad(i, "bid or ask out of range");
        } else {
            kind[i] = QUOTE;
            bid[i] = currentBid;
            bidSize[i] = currentBidSize;
            askSize[i] = currentAskSize;
            ask[i] = currentAsk;
        }
    }

    private void bad(int i, String why) {
        kind[i] = BAD;
        problem[i] = why;
    }

    /** The next token; a frame cut short (the non-blocking parser has no more input) is malformed. */
    private static JsonToken next(JsonParser p) throws IOException {
        JsonToken t = p.nextToken();
        if (t == null || t == JsonToken.NOT_AVAILABLE) {
            throw new IOException("frame cut short");
        }
        return t;
    }

    private void clearMessage() {
        type = 0;
        sawType = false;
        sawSymbol = false;
        currentSymbol = null;
        hasId = false;
        idOutOfRange = false;
        hasTime = false;
        hasPrice = false;
        hasSize = false;
        hasBid = false;
        currentBidSize = Double.NaN;
        currentAskSize = Double.NaN;
        hasAsk = false;
    }

    private void ensureRoom() {
        if (count < kind.length) {
            return;
        }
        int n = Math.min(MAX_MESSAGES, kind.length * 2);
        kind = Arrays.copyOf(kind, n);
        symbol = Arrays.copyOf(symbol, n);
        id = Arrays.copyOf(id, n);
        timeNanos = Arrays.copyOf(timeNanos, n);
        price = Arrays.copyOf(price, n);
        size = Arrays.copyOf(size, n);
        bid = Arrays.copyOf(bid, n);
        bidSize = Arrays.copyOf(bidSize, n);
        askSize = Arrays.copyOf(askSize, n);
        ask = Arrays.copyOf(ask, n);
        problem = Arrays.copyOf(problem, n);
    }
}
