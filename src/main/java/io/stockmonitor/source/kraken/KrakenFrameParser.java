package io.stockmonitor.source.kraken;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.stockmonitor.feed.JsonFrameReader;
import io.stockmonitor.feed.SymbolTable;
import io.stockmonitor.source.TradeValues;
import java.io.IOException;
import java.util.Arrays;

/**
 * Reads Kraken's v2 data frames without allocating: {@code trade} frames (snapshot or update, any number of trades in
 * {@code data}: "Multiple trades may be batched in a single message"), {@code ticker} frames (best bid and ask) and
 * {@code heartbeat}s. Every trade element lands in reusable primitive arrays with a verdict of its own, so one forged
 * element is dropped without losing its neighbours; {@link #sortById()} puts a batch in id order, since the docs do not
 * promise it. Field order is not relied on: the channel may come after the data. Anything else (status, acks, pongs,
 * errors) is {@link Kind#OTHER}, for the session's general decoder.
 *
 * <p>Numbers: the socket sends prices and sizes as JSON numbers with the engine's full precision; they are read from
 * the number's own digits with a correctly rounded conversion (the double nearest to the decimal, as
 * {@code new BigDecimal(text).doubleValue()} gives), never through a lossy intermediate.
 *
 * <p>Frames longer than {@link #MAX_FAST_FRAME_CHARS} (a batch of more than a few hundred trades) are read by the same
 * code with a parser made for them: correct, merely not garbage-free. Not thread-safe: the feed thread owns it.
 */
final class KrakenFrameParser {
    /** What a frame was. */
    enum Kind { TRADES, TICKER, HEARTBEAT, OTHER }

    /** What is wrong with one trade element ({@link #OK} when nothing). */
    static final byte OK = 0;
    static final byte NO_SYMBOL = 1;
    static final byte BAD_ID = 2;
    static final byte BAD_PRICE = 3;
    static final byte BAD_QUANTITY = 4;
    static final byte BAD_TIME = 5;
    static final byte NOT_AN_OBJECT = 6;

    /** A snapshot of 50 trades is about 10 KB; longer frames take the allocating road. */
    static final int MAX_FAST_FRAME_CHARS = 64 * 1024;

    private final JsonFrameReader reader = new JsonFrameReader(MAX_FAST_FRAME_CHARS);
    private final JsonFactory slowFactory = JsonFactory.builder().build();
    private final SymbolTable symbols;

    // ---- the frame's trades (valid after parse() said TRADES) ----
    private int count;
    private String[] symbol = new String[64];
    private long[] id = new long[64];
    private long[] timeMs = new long[64];
    private double[] price = new double[64];
    private double[] quantity = new double[64];
    private byte[] problem = new byte[64];
    private int[] order = new int[64];

    // ---- the ticker (valid after parse() said TICKER) ----
    /** The ticker's symbol when subscribed; null when not (or when it had none: see {@link #tickerNamedSymbol}). */
    String tickerSymbol;
    /** The ticker element had a {@code symbol} string. */
    boolean tickerNamedSymbol;
    /** Best bid and ask; NaN when missing or not a number. */
    double bid;
    double ask;
    /** The ticker's quantities at the best bid and ask; NaN when missing. */
    double bidQty;
    double askQty;

    // ---- per frame ----
    private int channel;
    private boolean dataWasArray;
    private boolean typeSnapshot;
    private static final int CHANNEL_NONE = 0;
    private static final int CHANNEL_TRADE = 1;
    private static final int CHANNEL_TICKER = 2;
    private static final int CHANNEL_HEARTBEAT = 3;
    private static final int CHANNEL_OTHER = 4;

    KrakenFrameParser(SymbolTable symbols) {
        this.symbols = symbols;
    }

    /** Reads {@code frame}; on TRADES the trade accessors hold it, on TICKER the ticker fields. */
    Kind parse(String frame) {
        clear();
        JsonParser p = reader.begin(frame);
        boolean fast = p != null;
        try {
            if (!fast) {
                p = slowFactory.createParser(frame);
            }
            if (!readRoot(p)) {
                if (fast) {
                    reader.reset();
                }
                return Kind.OTHER;
            }
            boolean clean = fast ? reader.end() : p.nextToken() == null;
            if (!clean) {
                return Kind.OTHER;
            }
        } catch (IOException | RuntimeException e) {
            if (fast) {
                reader.reset();
            }
            return Kind.OTHER;
        } finally {
            if (!fast && p != null) {
                try {
                    p.close();
                } catch (IOException e) {
                    // nothing held
                }
            }
        }
        return switch (channel) {
            case CHANNEL_HEARTBEAT -> Kind.HEARTBEAT;
            case CHANNEL_TRADE -> dataWasArray ? Kind.TRADES : Kind.OTHER;
            case CHANNEL_TICKER -> dataWasArray && count > 0 ? Kind.TICKER : Kind.OTHER;
            default -> Kind.OTHER;
        };
    }

    /** Trade elements read (valid or not). */
    int count() {
        return count;
    }

    /** True when the frame was the subscription's snapshot (the last 50 trades), not an update. */
    boolean snapshot() {
        return typeSnapshot;
    }

    /** Element {@code i}'s symbol; null when it is not a subscribed symbol (or had none: see {@link #problem}). */
    String symbol(int i) {
        return symbol[i];
    }

    long id(int i) {
        return id[i];
    }

    long timeMs(int i) {
        return timeMs[i];
    }

    double price(int i) {
        return price[i];
    }

    double quantity(int i) {
        return quantity[i];
    }

    /** {@link #OK} or what is wrong with element {@code i}. */
    byte problem(int i) {
        return problem[i];
    }

    /** The index of the {@code k}-th element in id order (after {@link #sortById()}). */
    int inOrder(int k) {
        return order[k];
    }

    /**
     * Orders the elements by id (a stable insertion sort over indices: a batch is nearly always in order already, so
     * this is one pass, and it allocates nothing).
     */
    void sortById() {
        int[] o = order;
        for (int i = 0; i < count; i++) {
            o[i] = i;
        }
        for (int i = 1; i < count; i++) {
            int v = o[i];
            long key = id[v];
            int j = i - 1;
            while (j >= 0 && id[o[j]] > key) {
                o[j + 1] = o[j];
                j--;
            }
            o[j + 1] = v;
        }
    }

    /** A line for the log about element {@code i} (allocates: only for bad elements). */
    String describe(int i) {
        String what = switch (problem[i]) {
            case NO_SYMBOL -> "no symbol";
            case BAD_ID -> "a missing or unusable trade_id";
            case BAD_PRICE -> "an unusable price " + price[i];
            case BAD_QUANTITY -> "an unusable qty " + quantity[i];
            case BAD_TIME -> "a missing or malformed timestamp";
            case NOT_AN_OBJECT -> "an element that is not an object";
            default -> "nothing wrong";
        };
        return "trade element" + (symbol[i] == null ? "" : " of " + symbol[i]) + " with " + what
                + (problem[i] == BAD_ID ? "" : ", id " + id[i]);
    }

    // ---------------------------------------------------------------- reading

    /** The root object; false when it is not one. */
    private boolean readRoot(JsonParser p) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            return false;
        }
        JsonToken token;
        while ((token = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            switch (name) {
                // An object or array where a string belongs is skipped whole: left open, its end would be read as
                // the frame's end (a fuzz case: {"channel":"trade","type":{} cut short, then the next frame misread).
                case "channel" -> {
                    channel = value == JsonToken.VALUE_STRING ? channelOf(p) : CHANNEL_OTHER;
                    p.skipChildren();
                }
                case "type" -> {
                    typeSnapshot = value == JsonToken.VALUE_STRING && JsonFrameReader.textEquals(p, "snapshot");
                    p.skipChildren();
                }
                case "data" -> {
                    if (value == JsonToken.START_ARRAY) {
                        dataWasArray = true;
                        readData(p);
                    } else {
                        p.skipChildren();
                    }
                }
                default -> p.skipChildren();
            }
        }
        return token == JsonToken.END_OBJECT;
    }

    private static int channelOf(JsonParser p) throws IOException {
        if (JsonFrameReader.textEquals(p, "trade")) {
            return CHANNEL_TRADE;
        }
        if (JsonFrameReader.textEquals(p, "ticker")) {
            return CHANNEL_TICKER;
        }
        if (JsonFrameReader.textEquals(p, "heartbeat")) {
            return CHANNEL_HEARTBEAT;
        }
        return CHANNEL_OTHER;
    }

    /** The elements of {@code data}: each read as a trade and as a ticker, the channel decides later. */
    private void readData(JsonParser p) throws IOException {
        JsonToken token;
        while ((token = p.nextToken()) != JsonToken.END_ARRAY) {
            if (token == null || token == JsonToken.NOT_AVAILABLE) {
                throw new IOException("data array not closed");
            }
            int i = next();
            if (token != JsonToken.START_OBJECT) {
                p.skipChildren();
                problem[i] = NOT_AN_OBJECT;
                continue;
            }
            readElement(p, i);
        }
    }

    private int next() {
        if (count == id.length) {
            grow();
        }
        int i = count++;
        symbol[i] = null;
        id[i] = Long.MIN_VALUE;
        timeMs[i] = KrakenTimestamp.INVALID;
        price[i] = Double.NaN;
        quantity[i] = Double.NaN;
        problem[i] = OK;
        return i;
    }

    private void readElement(JsonParser p, int i) throws IOException {
        boolean sawSymbol = false;
        boolean badTime = false;
        JsonToken token;
        while ((token = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            if (value.isStructStart()) {
                p.skipChildren();
                continue;
            }
            switch (name) {
                case "symbol" -> {
                    if (value == JsonToken.VALUE_STRING) {
                        sawSymbol = true;
                        symbol[i] = symbols.lookup(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
                    }
                }
                case "trade_id" -> {
                    if (value == JsonToken.VALUE_NUMBER_INT) {
                        // Beyond a long it throws: the frame is dropped as unreadable, which is what it is.
                        id[i] = p.getLongValue();
                    }
                }
                case "price" -> price[i] = number(p, value);
                case "qty" -> quantity[i] = number(p, value);
                case "timestamp" -> {
                    if (value == JsonToken.VALUE_STRING) {
                        timeMs[i] = KrakenTimestamp.parseMillis(p.getTextCharacters(), p.getTextOffset(),
                                p.getTextLength());
                    } else {
                        badTime = true;
                    }
                }
                case "bid" -> bid = number(p, value);
                case "ask" -> ask = number(p, value);
                case "bid_qty" -> bidQty = number(p, value);
                case "ask_qty" -> askQty = number(p, value);
                default -> {
                    // side, ord_type; the ticker's statistics: not needed here.
                }
            }
        }
        if (token != JsonToken.END_OBJECT) {
            throw new IOException("data element not closed");
        }
        tickerNamedSymbol = sawSymbol;
        tickerSymbol = symbol[i];
        problem[i] = !sawSymbol ? NO_SYMBOL
                : id[i] < 0 ? BAD_ID
                : !TradeValues.price(price[i]) ? BAD_PRICE
                : !TradeValues.size(quantity[i]) ? BAD_QUANTITY
                : badTime || !TradeValues.time(timeMs[i], System.currentTimeMillis()) ? BAD_TIME
                : OK;
    }

    /** A JSON number's value (NaN for any other type: Kraken documents numbers, a string is a wrong type). */
    private static double number(JsonParser p, JsonToken value) throws IOException {
        if (value != JsonToken.VALUE_NUMBER_FLOAT && value != JsonToken.VALUE_NUMBER_INT) {
            return Double.NaN;
        }
        return JsonFrameReader.number(p);
    }

    /** A quote side: positive and finite (trade prices are checked by {@link TradeValues}). */
    static boolean usable(double v) {
        return v > 0 && !Double.isInfinite(v);
    }

    private void grow() {
        int n = id.length * 2;
        symbol = Arrays.copyOf(symbol, n);
        id = Arrays.copyOf(id, n);
        timeMs = Arrays.copyOf(timeMs, n);
        price = Arrays.copyOf(price, n);
        quantity = Arrays.copyOf(quantity, n);
        problem = Arrays.copyOf(problem, n);
        order = Arrays.copyOf(order, n);
    }

    private void clear() {
        count = 0;
        tickerSymbol = null;
        tickerNamedSymbol = false;
        bid = Double.NaN;
        ask = Double.NaN;
        bidQty = Double.NaN;
        askQty = Double.NaN;
        channel = CHANNEL_NONE;
        dataWasArray = false;
        typeSnapshot = false;
    }
}
