package io.stockmonitor.source.finnhub;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.stockmonitor.feed.JsonFrameReader;
import io.stockmonitor.feed.SymbolTable;
import io.stockmonitor.source.TradeValues;
import java.io.IOException;
import java.util.Arrays;

/**
 * Reads Finnhub's trade messages without allocating: {@code {"data":[{"c":[...],"p":...,"s":"AAPL","t":<ms>,
 * "v":...}],"type":"trade"}}, where {@code data} holds "List of trades or price updates", possibly of several
 * symbols ([ws-doc]). The whole message is read first into the reusable columns of this parser (a message that is
 * not well-formed JSON applies nothing), each trade classified as good, bad (a missing or mistyped field, an absurd
 * value) or for a symbol no longer wanted. {@code {"type":"ping"}} is told apart without allocating too; anything
 * else is {@link Kind#OTHER}, for the session's general decoder. Field order is not relied on. Not thread-safe.
 */
final class FinnhubFrameParser {
    /** What a frame was. */
    enum Kind { TRADES, PING, OTHER, MALFORMED }

    static final byte TRADE = 1;
    static final byte BAD = 2;
    static final byte UNWANTED = 3;

    /** Trade messages are about 80 bytes a trade; a longer frame takes the allocating route. */
    static final int MAX_FAST_FRAME_CHARS = 64 * 1024;
    /** Trades one message may hold; a message with more is refused as a whole. */
    static final int MAX_TRADES = 20_000;

    private final JsonFrameReader reader = new JsonFrameReader(MAX_FAST_FRAME_CHARS);
    private final JsonFactory factory = JsonFactory.builder().build();
    private final SymbolTable symbols;

    // The message's trades, valid after parse() said TRADES: index 0 .. count-1.
    int count;
    byte[] kind = new byte[16];
    String[] symbol = new String[16];
    long[] timeMs = new long[16];
    double[] price = new double[16];
    double[] volume = new double[16];
    /** Why a {@link #BAD} trade was refused (a constant). */
    String[] problem = new String[16];

    private boolean typeTrade;
    private boolean typePing;
    private boolean typeOther;
    private boolean hasData;

    private boolean sawSymbol;
    private String currentSymbol;
    private boolean hasTime;
    private long currentTime;
    private boolean hasPrice;
    private double currentPrice;
    private boolean hasVolume;
    private double currentVolume;

    FinnhubFrameParser(SymbolTable symbols) {
        this.symbols = symbols;
    }

    Kind parse(String frame) {
        count = 0;
        typeTrade = false;
        typePing = false;
        typeOther = false;
        hasData = false;
        JsonParser p = reader.begin(frame);
        if (p == null) {
            return parseLong(frame);
        }
        try {
            if (!readRoot(p)) {
                reader.reset();
                count = 0;
                return Kind.MALFORMED;
            }
            if (!reader.end()) {
                count = 0;
                return Kind.MALFORMED;
            }
        } catch (IOException | RuntimeException e) {
            reader.reset();
            count = 0;
            return Kind.MALFORMED;
        }
        return kind();
    }

    /** A frame too long for the reusable reader: the same reading with a parser of its own. */
    private Kind parseLong(String frame) {
        try (JsonParser p = factory.createParser(frame)) {
            if (!readRoot(p) || p.nextToken() != null) {
                count = 0;
                return Kind.MALFORMED;
            }
        } catch (IOException | RuntimeException e) {
            count = 0;
            return Kind.MALFORMED;
        }
        return kind();
    }

    private Kind kind() {
        if (typeTrade && hasData) {
            return Kind.TRADES;
        }
        if (typePing && !hasData) {
            return Kind.PING;
        }
        count = 0;
        return Kind.OTHER;
    }

    private boolean readRoot(JsonParser p) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            return false;
        }
        JsonToken token;
        while ((token = next(p)) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = next(p);
            if ("type".equals(name) && value == JsonToken.VALUE_STRING) {
                if (JsonFrameReader.textEquals(p, "trade")) {
                    typeTrade = true;
                } else if (JsonFrameReader.textEquals(p, "ping")) {
                    typePing = true;
                } else {
                    typeOther = true;
                }
            } else if ("data".equals(name) && value == JsonToken.START_ARRAY) {
                hasData = true;
                readData(p);
            } else {
                p.skipChildren();
            }
        }
        if (typeOther) {
            typeTrade = false;
            typePing = false;
        }
        return token == JsonToken.END_OBJECT;
    }

    private void readData(JsonParser p) throws IOException {
        JsonToken token;
        while ((token = next(p)) != JsonToken.END_ARRAY) {
            if (count == MAX_TRADES) {
                throw new IOException("too many trades in one message");
            }
            ensureRoom();
            int i = count++;
            symbol[i] = null;
            if (token != JsonToken.START_OBJECT) {
                p.skipChildren();
                bad(i, "a trade that is not an object");
                continue;
            }
            readTrade(p, i);
        }
    }

    private void readTrade(JsonParser p, int i) throws IOException {
        sawSymbol = false;
        currentSymbol = null;
        hasTime = false;
        hasPrice = false;
        hasVolume = false;
        JsonToken token;
        while ((token = next(p)) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = next(p);
            if (value.isStructStart()) {
                p.skipChildren(); // c: the trade conditions
                continue;
            }
            boolean number = value == JsonToken.VALUE_NUMBER_INT || value == JsonToken.VALUE_NUMBER_FLOAT;
            switch (name) {
                case "s" -> {
                    if (value == JsonToken.VALUE_STRING) {
                        sawSymbol = true;
                        currentSymbol = symbols.lookup(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
                    }
                }
                case "t" -> {
                    if (value == JsonToken.VALUE_NUMBER_INT) {
                        JsonParser.NumberType t = p.getNumberType();
                        hasTime = true;
                        currentTime = t == JsonParser.NumberType.INT || t == JsonParser.NumberType.LONG
                                ? p.getLongValue() : -1;
                    }
                }
                case "p" -> {
                    if (number) {
                        hasPrice = true;
                        currentPrice = JsonFrameReader.number(p);
                    }
                }
                case "v" -> {
                    if (number) {
                        hasVolume = true;
                        currentVolume = JsonFrameReader.number(p);
                    }
                }
                default -> {
                    // c is an array (skipped above); anything new is not needed.
                }
            }
        }
        if (token != JsonToken.END_OBJECT) {
            throw new IOException("trade not closed");
        }
        classify(i);
    }

    private void classify(int i) {
        if (!sawSymbol) {
            bad(i, "no symbol");
            return;
        }
        symbol[i] = currentSymbol;
        if (currentSymbol == null) {
            kind[i] = UNWANTED;
        } else if (!hasTime || !hasPrice || !hasVolume) {
            bad(i, "a field missing or of the wrong type");
        } else {
            String why = TradeValues.problem(currentPrice, currentVolume, currentTime,
                    System.currentTimeMillis());
            if (why != null) {
                bad(i, why);
            } else {
                kind[i] = TRADE;
                timeMs[i] = currentTime;
                price[i] = currentPrice;
                volume[i] = currentVolume;
            }
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

    private void ensureRoom() {
        if (count < kind.length) {
            return;
        }
        int n = Math.min(MAX_TRADES, kind.length * 2);
        kind = Arrays.copyOf(kind, n);
        symbol = Arrays.copyOf(symbol, n);
        timeMs = Arrays.copyOf(timeMs, n);
        price = Arrays.copyOf(price, n);
        volume = Arrays.copyOf(volume, n);
        problem = Arrays.copyOf(problem, n);
    }
}
