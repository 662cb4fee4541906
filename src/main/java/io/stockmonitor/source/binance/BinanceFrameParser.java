package io.stockmonitor.source.binance;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.stockmonitor.feed.JsonFrameReader;
import io.stockmonitor.feed.SymbolTable;
import java.io.IOException;

/**
 * Reads Binance's combined-stream data frames ({@code {"stream":"btcusdt@aggTrade","data":{...}}}) without
 * allocating: aggTrade and bookTicker payloads land in the reusable fields of this parser. Field order is not
 * relied on: {@code a} is the aggregate id when it is a number (aggTrade) and the best ask when it is a string
 * (bookTicker), and the event type decides what the frame was. Anything else (subscription answers, errors,
 * {@code serverShutdown}) is {@link Kind#OTHER}, for the session's general decoder. Not thread-safe.
 */
final class BinanceFrameParser {
    /** What a frame was. */
    enum Kind { TRADE, QUOTE, OTHER }

    /** Data frames are about 250 bytes; longer ones are something else. */
    static final int MAX_FAST_FRAME_CHARS = 2048;

    private final JsonFrameReader reader = new JsonFrameReader(MAX_FAST_FRAME_CHARS);
    private final SymbolTable symbols;

    // The frame's payload (valid after parse() said TRADE or QUOTE).
    String symbol;
    long id;
    long tradeTime;
    double price;
    double quantity;
    double bid;
    double ask;
    /** bookTicker's quantities at the best bid and ask ("B", "A"); NaN when absent. */
    double bidQty;
    double askQty;

    private boolean sawSymbolField;
    private boolean isAggTrade;
    private boolean otherEvent;
    private boolean hasId;
    private boolean hasTime;
    private boolean hasPrice;
    private boolean hasQuantity;
    private boolean hasBid;
    private boolean hasAsk;
    private boolean hasData;

    BinanceFrameParser(SymbolTable symbols) {
        this.symbols = symbols;
    }

    /** Reads {@code frame}; on TRADE or QUOTE the fields hold it (symbol null: a symbol not subscribed). */
    Kind parse(String frame) {
        clear();
        JsonParser p = reader.begin(frame);
        if (p == null) {
            return Kind.OTHER;
        }
        try {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                reader.reset();
                return Kind.OTHER;
            }
            JsonToken token;
            while ((token = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if ("data".equals(name) && value == JsonToken.START_OBJECT) {
                    hasData = true;
                    readData(p);
                } else {
                    p.skipChildren();
                }
            }
            if (token != JsonToken.END_OBJECT || !reader.end()) {
                return Kind.OTHER;
            }
        } catch (IOException | RuntimeException e) {
            reader.reset();
            return Kind.OTHER;
        }
        if (!hasData || otherEvent) {
            return Kind.OTHER;
        }
        if (isAggTrade && hasId && hasTime && hasPrice && hasQuantity && sawSymbolField) {
            return Kind.TRADE;
        }
        if (!isAggTrade && hasBid && hasAsk && sawSymbolField) {
            return Kind.QUOTE;
        }
        return Kind.OTHER;
    }

    private void readData(JsonParser p) throws IOException {
        JsonToken token;
        while ((token = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            if (value.isStructStart()) {
                p.skipChildren();
                continue;
            }
            switch (name) {
                case "e" -> {
                    if (value == JsonToken.VALUE_STRING && JsonFrameReader.textEquals(p, "aggTrade")) {
                        isAggTrade = true;
                    } else {
                        otherEvent = true;
                    }
                }
                case "s" -> {
                    if (value == JsonToken.VALUE_STRING) {
                        sawSymbolField = true;
                        symbol = symbols.lookup(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
                    }
                }
                case "a" -> {
                    if (value == JsonToken.VALUE_NUMBER_INT) {
                        id = p.getLongValue();
                        hasId = true;
                    } else if (value == JsonToken.VALUE_STRING) {
                        ask = JsonFrameReader.number(p);
                        hasAsk = true;
                    }
                }
                case "b" -> {
                    if (value == JsonToken.VALUE_STRING) {
                        bid = JsonFrameReader.number(p);
                        hasBid = true;
                    }
                }
                case "p" -> {
                    if (value == JsonToken.VALUE_STRING) {
                        price = JsonFrameReader.number(p);
                        hasPrice = true;
                    }
                }
                case "q" -> {
                    if (value == JsonToken.VALUE_STRING) {
                        quantity = JsonFrameReader.number(p);
                        hasQuantity = true;
                    }
                }
                case "T" -> {
                    if (value == JsonToken.VALUE_NUMBER_INT) {
                        tradeTime = p.getLongValue();
                        hasTime = true;
                    }
                }
                case "B" -> {
                    if (value == JsonToken.VALUE_STRING) {
                        bidQty = JsonFrameReader.number(p);
                    }
                }
                case "A" -> {
                    if (value == JsonToken.VALUE_STRING) {
                        askQty = JsonFrameReader.number(p);
                    }
                }
                default -> {
                    // E, f, l, m, M, u: not needed here.
                }
            }
        }
        if (token != JsonToken.END_OBJECT) {
            throw new IOException("data object not closed");
        }
    }

    private void clear() {
        symbol = null;
        id = 0;
        tradeTime = 0;
        price = Double.NaN;
        quantity = Double.NaN;
        bid = Double.NaN;
        ask = Double.NaN;
        bidQty = Double.NaN;
        askQty = Double.NaN;
        sawSymbolField = false;
        isAggTrade = false;
        otherEvent = false;
        hasId = false;
        hasTime = false;
        hasPrice = false;
        hasQuantity = false;
        hasBid = false;
        hasAsk = false;
        hasData = false;
    }
}
