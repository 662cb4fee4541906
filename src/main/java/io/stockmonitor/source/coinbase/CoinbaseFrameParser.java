package io.stockmonitor.source.coinbase;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.stockmonitor.feed.FastDecimal;
import io.stockmonitor.feed.JsonFrameReader;
import io.stockmonitor.feed.SymbolTable;
import io.stockmonitor.source.TradeValues;
import java.io.IOException;

/**
 * Reads the Coinbase frames that come per trade or per second ({@code match}, {@code last_match}, {@code ticker},
 * {@code heartbeat}) without allocating: the payload lands in this parser's reusable fields. Field order is not
 * relied on (the docs print {@code type} first, but a frame is read whole before its type decides what it was).
 * Values must have the documented JSON types: ids and {@code last_trade_id} integers, prices and sizes decimal
 * strings, {@code time} an ISO 8601 UTC string; a frame of a known type that breaks this, or carries an absurd value
 * (a price, size or time outside {@link TradeValues}, an id not above zero), is {@link Kind#MALFORMED}
 * with {@link #problem} saying why. Everything else ({@code subscriptions}, {@code error}, malformed JSON, frames
 * too long for a trade) is {@link Kind#OTHER}, for the session's general decoder. Not thread-safe.
 */
final class CoinbaseFrameParser {
    /** What a frame was. */
    enum Kind { MATCH, LAST_MATCH, TICKER, HEARTBEAT, MALFORMED, OTHER }

    /** A match is about 330 characters, a ticker about 450; longer frames are something else. */
    static final int MAX_FAST_FRAME_CHARS = 2048;

    private static final int TYPE_NONE = 0;
    private static final int TYPE_MATCH = 1;
    private static final int TYPE_LAST_MATCH = 2;
    private static final int TYPE_TICKER = 3;
    private static final int TYPE_HEARTBEAT = 4;
    private static final int TYPE_OTHER = 5;

    private final JsonFrameReader reader = new JsonFrameReader(MAX_FAST_FRAME_CHARS);
    private final SymbolTable symbols;

    // The frame's payload (valid after parse() said MATCH, LAST_MATCH, TICKER or HEARTBEAT).
    /** The product, null when it is not one of ours (unsubscribed a moment ago). */
    String symbol;
    /** The product id as sent was present (even when not ours). */
    boolean hasProduct;
    /** {@code trade_id} of a match; of a ticker, its last trade (0 when absent). */
    long tradeId;
    /** {@code last_trade_id} of a heartbeat (0: unknown, as Coinbase sent it in 2019-2020). */
    long lastTradeId;
    long timeMs;
    double price;
    double size;
    double bid;
    /** The ticker's sizes at the best bid and ask; NaN when absent. */
    double bidSize;
    double askSize;
    double ask;
    double open24h;
    double high24h;
    double low24h;
    double volume24h;
    /** Why a frame was {@link Kind#MALFORMED}: a constant, so naming the fault allocates nothing. */
    String problem;

    private int type;
    private boolean hasTradeId;
    private boolean hasLastTradeId;
    private boolean hasTime;
    private boolean wrongType;
    private boolean badNumber;

    CoinbaseFrameParser(SymbolTable symbols) {
        this.symbols = symbols;
    }

    /** Reads {@code frame}; see the class comment for what each kind leaves in the fields. */
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
                String name = p.currentName(); // canonicalised by Jackson's symbol table: no String per frame
                JsonToken value = p.nextToken();
                if (value.isStructStart()) {
                    p.skipChildren();
                    if (isKnownField(name)) {
                        wrongType = true;
                    }
                    continue;
                }
                field(p, name, value);
            }
            if (token != JsonToken.END_OBJECT || !reader.end()) {
                return Kind.OTHER;
            }
        } catch (IOException | RuntimeException e) {
            reader.reset();
            return Kind.OTHER;
        }
        return switch (type) {
            case TYPE_MATCH -> checkMatch() ? Kind.MATCH : Kind.MALFORMED;
            case TYPE_LAST_MATCH -> checkMatch() ? Kind.LAST_MATCH : Kind.MALFORMED;
            case TYPE_TICKER -> checkTicker() ? Kind.TICKER : Kind.MALFORMED;
            case TYPE_HEARTBEAT -> checkHeartbeat() ? Kind.HEARTBEAT : Kind.MALFORMED;
            default -> Kind.OTHER;
        };
    }

    private void field(JsonParser p, String name, JsonToken value) throws IOException {
        switch (name) {
            case "type" -> type = value == JsonToken.VALUE_STRING ? typeOf(p) : TYPE_OTHER;
            case "product_id" -> {
                if (value == JsonToken.VALUE_STRING) {
                    hasProduct = true;
                    symbol = symbols.lookup(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
                } else {
                    wrongType = true;
                }
            }
            case "trade_id" -> {
                if (value == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
                    tradeId = p.getLongValue();
                    hasTradeId = true;
                } else {
                    wrongType = true;
                }
            }
            case "last_trade_id" -> {
                if (value == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
                    lastTradeId = p.getLongValue();
                    hasLastTradeId = true;
                } else {
                    wrongType = true;
                }
            }
            case "time" -> {
                if (value == JsonToken.VALUE_STRING) {
                    timeMs = CoinbaseTime.parseMillis(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
                    hasTime = true;
                } else {
                    wrongType = true;
                }
            }
            case "price" -> price = decimal(p, value);
            case "size" -> size = decimal(p, value);
            case "best_bid" -> bid = decimal(p, value);
            case "best_ask" -> ask = decimal(p, value);
            case "best_bid_size" -> bidSize = decimal(p, value);
            case "best_ask_size" -> askSize = decimal(p, value);
            case "open_24h" -> open24h = decimal(p, value);
            case "high_24h" -> high24h = decimal(p, value);
            case "low_24h" -> low24h = decimal(p, value);
            case "volume_24h" -> volume24h = decimal(p, value);
            default -> {
                // sequence (not contiguous on these channels: never used for gaps), side, order ids, sizes of the
                // book, volume_30d, last_size, and whatever Coinbase adds later.
            }
        }
    }

    private static boolean isKnownField(String name) {
        return switch (name) {
            case "type", "product_id", "trade_id", "last_trade_id", "time", "price", "size", "best_bid", "best_ask",
                 "open_24h", "high_24h", "low_24h", "volume_24h" -> true;
            default -> false;
        };
    }

    private static int typeOf(JsonParser p) throws IOException {
        if (JsonFrameReader.textEquals(p, "match")) {
            return TYPE_MATCH;
        }
        if (JsonFrameReader.textEquals(p, "ticker")) {
            return TYPE_TICKER;
        }
        if (JsonFrameReader.textEquals(p, "heartbeat")) {
            return TYPE_HEARTBEAT;
        }
        if (JsonFrameReader.textEquals(p, "last_match")) {
            return TYPE_LAST_MATCH;
        }
        return TYPE_OTHER;
    }

    /** A decimal string as documented; NaN (and the frame marked) for a wrong type or unreadable text. */
    private double decimal(JsonParser p, JsonToken value) throws IOException {
        if (value != JsonToken.VALUE_STRING) {
            if (value != JsonToken.VALUE_NULL) {
                wrongType = true;
            }
            return Double.NaN;
        }
        try {
            return FastDecimal.parse(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
        } catch (NumberFormatException e) {
            badNumber = true;
            return Double.NaN;
        }
    }

    private boolean checkMatch() {
        if (wrongType || badNumber) {
            return fault(wrongType ? "a field of the wrong JSON type" : "a price or size that is not a number");
        }
        if (!hasProduct || !hasTradeId || !hasTime || Double.isNaN(price) || Double.isNaN(size)) {
            return fault("a field missing (product_id, trade_id, time, price and size are required)");
        }
        if (tradeId <= 0) {
            return fault("a trade id not above zero");
        }
        if (!TradeValues.price(price)) {
            return fault("a price out of range");
        }
        if (!TradeValues.size(size)) {
            return fault("a size out of range");
        }
        if (timeMs == CoinbaseTime.INVALID || !TradeValues.time(timeMs, System.currentTimeMillis())) {
            return fault("a time that is not an ISO 8601 UTC time, or out of range");
        }
        return true;
    }

    private boolean checkTicker() {
        if (wrongType || badNumber) {
            return fault(wrongType ? "a field of the wrong JSON type" : "a decimal that is not a number");
        }
        if (!hasProduct) {
            return fault("no product_id");
        }
        // A missing side of the book (NaN) keeps the model's; a present one must be a price.
        if (bid <= 0 || ask <= 0 || Double.isInfinite(bid) || Double.isInfinite(ask)) {
            return fault("a best bid or ask not above zero");
        }
        if (open24h <= 0 || high24h <= 0 || low24h <= 0 || volume24h < 0 || Double.isInfinite(open24h)
                || Double.isInfinite(high24h) || Double.isInfinite(low24h) || Double.isInfinite(volume24h)) {
            return fault("24 h statistics out of range");
        }
        return true;
    }

    private boolean checkHeartbeat() {
        if (wrongType) {
            return fault("a field of the wrong JSON type");
        }
        if (!hasProduct || !hasLastTradeId) {
            return fault("a field missing (product_id and last_trade_id are required)");
        }
        if (lastTradeId < 0) {
            return fault("a negative last_trade_id");
        }
        return true;
    }

    private boolean fault(String why) {
        problem = why;
        return false;
    }

    private void clear() {
        symbol = null;
        hasProduct = false;
        tradeId = 0;
        lastTradeId = 0;
        timeMs = CoinbaseTime.INVALID;
        price = Double.NaN;
        size = Double.NaN;
        bid = Double.NaN;
        bidSize = Double.NaN;
        askSize = Double.NaN;
        ask = Double.NaN;
        open24h = Double.NaN;
        high24h = Double.NaN;
        low24h = Double.NaN;
        volume24h = Double.NaN;
        problem = null;
        type = TYPE_NONE;
        hasTradeId = false;
        hasLastTradeId = false;
        hasTime = false;
        wrongType = false;
        badNumber = false;
    }
}
