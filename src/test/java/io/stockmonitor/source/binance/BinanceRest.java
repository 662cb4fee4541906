package io.stockmonitor.source.binance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stockmonitor.source.testing.EmulatedMarket;
import io.stockmonitor.source.testing.EmulatedTrade;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToLongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.util.Fields;

/**
 * The market-data REST endpoints of Binance spot as its documentation describes them (rest-api.md, "Market Data
 * endpoints" and "General endpoints"), answered from the emulated market. Emulator thread only. Each method returns
 * the JSON body or throws {@link ApiError} with the documented error payload.
 */
final class BinanceRest {
    static final ObjectMapper JSON = new ObjectMapper();

    /** rest-api.md, aggTrades/klines: "Default: 500; Maximum: 1000." */
    static final int DEFAULT_LIMIT = 500;
    static final int MAX_LIMIT = 1000;
    static final long DAY_MS = 86_400_000L;

    /** Kline intervals, rest-api.md "Supported kline intervals (case-sensitive)"; 0 marks the calendar month. */
    static final Map<String, Long> INTERVALS = Map.ofEntries(
            Map.entry("1s", 1_000L), Map.entry("1m", 60_000L), Map.entry("3m", 180_000L),
            Map.entry("5m", 300_000L), Map.entry("15m", 900_000L), Map.entry("30m", 1_800_000L),
            Map.entry("1h", 3_600_000L), Map.entry("2h", 7_200_000L), Map.entry("4h", 14_400_000L),
            Map.entry("6h", 21_600_000L), Map.entry("8h", 28_800_000L), Map.entry("12h", 43_200_000L),
            Map.entry("1d", DAY_MS), Map.entry("3d", 3 * DAY_MS), Map.entry("1w", 7 * DAY_MS),
            Map.entry("1M", 0L));

    private static final Pattern UNSIGNED = Pattern.compile("^[0-9]{1,20}$");
    private static final Pattern TIME_ZONE = Pattern.compile("^([+-]?)(\\d{1,2})(?::(\\d{2}))?$");
    /** The message real servers give for a malformed symbols list (observed; errors.md gives only the template). */
    private static final String SYMBOLS_RANGE =
            "^\\[(\"[A-Z0-9-_.]{1,20}\"(,\"[A-Z0-9-_.]{1,20}\"){0,}){0,1}\\]$";

    /** An error answer: HTTP status and Binance's {"code","msg"} payload (errors.md). */
    static final class ApiError extends RuntimeException {
        final int status;
        final int code;

        ApiError(int status, int code, String msg) {
            super(msg, null, false, false);
            this.status = status;
            this.code = code;
        }

        String body() {
            ObjectNode o = JSON.createObjectNode();
            o.put("code", code);
            o.put("msg", getMessage());
            return o.toString();
        }
    }

    /** The REQUEST_WEIGHT limiter as exchangeInfo's rateLimits shows it. */
    record WeightLimit(int limit, String interval, int intervalNum) {
    }

    private final EmulatedMarket market;
    private final Map<String, BinanceSymbol> symbols;

    BinanceRest(EmulatedMarket market, Map<String, BinanceSymbol> symbols) {
        this.market = market;
        this.symbols = symbols;
    }

    // ------------------------------------------------------------------ general endpoints

    /** GET /api/v3/ping: {} */
    String ping(Fields q) {
        readOnly(q);
        return "{}";
    }

    /** GET /api/v3/time: {"serverTime":...} */
    String time(Fields q) {
        readOnly(q);
        return "{\"serverTime\":" + System.currentTimeMillis() + "}";
    }

    /** GET /api/v3/exchangeInfo with symbol, symbols or symbolStatus; permissions and showPermissionSets read. */
    String exchangeInfo(Fields q, WeightLimit weight) {
        readOnly(q, "symbol", "symbols", "permissions", "showPermissionSets", "symbolStatus");
        String status = value(q, "symbolStatus");
        if (status != null && (q.get("symbol") != null || q.get("symbols") != null)) {
            throw badCombination();
        }
        if (status != null && !Set.of("TRADING", "HALT", "BREAK").contains(status)) {
            throw new ApiError(400, -1122, "Invalid symbolStatus.");
        }
        List<BinanceSymbol> chosen = chosenSymbols(q);
        ObjectNode o = JSON.createObjectNode();
        o.put("timezone", "UTC");
        o.put("serverTime", System.currentTimeMillis());
        ArrayNode limits = o.putArray("rateLimits");
        limits.add(rateLimit("REQUEST_WEIGHT", weight.interval(), weight.intervalNum(), weight.limit()));
        limits.add(rateLimit("ORDERS", "SECOND", 1, 10));
        limits.add(rateLimit("RAW_REQUESTS", "MINUTE", 5, 61_000));
        o.putArray("exchangeFilters");
        ArrayNode list = o.putArray("symbols");
        for (BinanceSymbol s : chosen) {
            if (status == null || status.equals(s.status)) {
                list.add(symbolInfo(s));
            }
        }
        return o.toString();
    }

    private static ObjectNode rateLimit(String type, String interval, int num, int limit) {
        ObjectNode r = JSON.createObjectNode();
        r.put("rateLimitType", type);
        r.put("interval", interval);
        r.put("intervalNum", num);
        r.put("limit", limit);
        return r;
    }

    private ObjectNode symbolInfo(BinanceSymbol s) {
        ObjectNode o = JSON.createObjectNode();
        o.put("symbol", s.symbol);
        o.put("status", s.status);
        o.put("baseAsset", s.baseAsset);
        o.put("baseAssetPrecision", 8);
        o.put("quoteAsset", s.quoteAsset);
        o.put("quotePrecision", 8);
        o.put("quoteAssetPrecision", 8);
        o.put("baseCommissionPrecision", 8);
        o.put("quoteCommissionPrecision", 8);
        ArrayNode types = o.putArray("orderTypes");
        for (String t : List.of("LIMIT", "LIMIT_MAKER", "MARKET", "STOP_LOSS", "STOP_LOSS_LIMIT", "TAKE_PROFIT",
                "TAKE_PROFIT_LIMIT")) {
            types.add(t);
        }
        o.put("icebergAllowed", true);
        o.put("ocoAllowed", true);
        o.put("otoAllowed", true);
        o.put("opoAllowed", true);
        o.put("quoteOrderQtyMarketAllowed", true);
        o.put("allowTrailingStop", true);
        o.put("cancelReplaceAllowed", true);
        o.put("amendAllowed", true);
        o.put("pegInstructionsAllowed", true);
        o.put("isSpotTradingAllowed", true);
        o.put("isMarginTradingAllowed", true);
        ArrayNode filters = o.putArray("filters");
        ObjectNode price = filters.addObject();
        price.put("filterType", "PRICE_FILTER");
        price.put("minPrice", dec(s.tickSize));
        price.put("maxPrice", "1000000.00000000");
        price.put("tickSize", dec(s.tickSize));
        ObjectNode lot = filters.addObject();
        lot.put("filterType", "LOT_SIZE");
        lot.put("minQty", "0.00100000");
        lot.put("maxQty", "9000.00000000");
        lot.put("stepSize", "0.00100000");
        o.putArray("permissions");
        o.putArray("permissionSets").addArray().add("SPOT").add("MARGIN");
        o.put("defaultSelfTradePreventionMode", "EXPIRE_MAKER");
        o.putArray("allowedSelfTradePreventionModes").add("NONE").add("EXPIRE_TAKER").add("EXPIRE_MAKER")
                .add("EXPIRE_BOTH");
        return o;
    }

    // ------------------------------------------------------------------ trades

    /**
     * GET /api/v3/aggTrades. "fromId: ID to get aggregate trades from INCLUSIVE"; startTime/endTime inclusive, on
     * the trade time T; fromId with a time is refused (web-socket-api.md, trades.aggregate: "fromId cannot be used
     * together with startTime and endTime"); neither: the most recent. Always oldest first.
     */
    String aggTrades(Fields q) {
        readOnly(q, "symbol", "fromId", "startTime", "endTime", "limit");
        BinanceSymbol s = symbol(q);
        Long fromId = unsigned(q, "fromId");
        Long start = unsigned(q, "startTime");
        Long end = unsigned(q, "endTime");
        int limit = limit(q);
        if (fromId != null && (start != null || end != null)) {
            throw badCombination();
        }
        List<EmulatedTrade> ts = market.tradesView(s.symbol);
        int from;
        int to;
        if (fromId != null) {
            from = lowerBound(ts, fromId, EmulatedTrade::id);
            to = Math.min(ts.size(), from + limit);
        } else if (start != null) {
            from = lowerBound(ts, start, EmulatedTrade::timeMs);
            to = Math.min(ts.size(), from + limit);
            if (end != null) {
                to = Math.max(from, Math.min(to, lowerBound(ts, end + 1, EmulatedTrade::timeMs)));
            }
        } else if (end != null) {
            to = lowerBound(ts, end + 1, EmulatedTrade::timeMs);
            from = Math.max(0, to - limit);
        } else {
            to = ts.size();
            from = Math.max(0, to - limit);
        }
        StringBuilder b = new StringBuilder(32 + (to - from) * 128).append('[');
        for (int i = from; i < to; i++) {
            EmulatedTrade t = ts.get(i);
            if (i > from) {
                b.append(',');
            }
            b.append("{\"a\":").append(t.id());
            if (s.invalidated.contains(t.id())) {
                // CHANGELOG 2022-04-12 (market data audit): duplicated records are kept, marked p='0', q='0',
                // f=-1, l=-1.
                b.append(",\"p\":\"0\",\"q\":\"0\",\"f\":-1,\"l\":-1");
            } else {
                b.append(",\"p\":\"").append(dec(t.price())).append("\",\"q\":\"").append(dec(t.size()))
                        .append("\",\"f\":").append(s.rawIds.first(t.id())).append(",\"l\":")
                        .append(s.rawIds.last(t.id()));
            }
            b.append(",\"T\":").append(t.timeMs()).append(",\"m\":").append(t.buyerMaker()).append(",\"M\":true}");
        }
        return b.append(']').toString();
    }

    // ------------------------------------------------------------------ klines

    /**
     * GET /api/v3/klines: rows [open time, open, high, low, close, volume, close time, quote volume, trades, taker
     * buy base, taker buy quote, "0"], oldest first. Without startTime/endTime the most recent; with startTime the
     * oldest from it (kline open time >= startTime); with endTime the newest opening at or before it. Only intervals
     * with trades give a row (the docs do not say whether quiet intervals are filled).
     */
    String klines(Fields q) {
        readOnly(q, "symbol", "interval", "startTime", "endTime", "timeZone", "limit");
        BinanceSymbol s = symbol(q);
        String interval = mandatory(q, "interval");
        Long length = INTERVALS.get(interval);
        if (length == null) {
            throw new ApiError(400, -1120, "Invalid interval.");
        }
        int offsetSeconds = timeZone(value(q, "timeZone"));
        Long start = unsigned(q, "startTime");
        Long end = unsigned(q, "endTime");
        int limit = limit(q);
        List<EmulatedTrade> ts = market.tradesView(s.symbol);
        List<int[]> ranges = new ArrayList<>();
        if (start != null) {
            int i = lowerBound(ts, start, EmulatedTrade::timeMs);
            while (i < ts.size() && ranges.size() < limit) {
                long open = openTime(ts.get(i).timeMs(), length, offsetSeconds);
                int j = i;
                while (j < ts.size() && openTime(ts.get(j).timeMs(), length, offsetSeconds) == open) {
                    j++;
                }
                if (end != null && open > end) {
                    break;
                }
                if (open >= start) {
                    ranges.add(new int[] {i, j});
                }
                i = j;
            }
        } else {
            // Every trade of the kline holding endTime belongs in (its open time is <= endTime).
            int j = end == null ? ts.size() : lowerBound(ts, closeTime(openTime(end, length, offsetSeconds), length,
                    offsetSeconds) + 1, EmulatedTrade::timeMs);
            while (j > 0 && ranges.size() < limit) {
                long open = openTime(ts.get(j - 1).timeMs(), length, offsetSeconds);
                int i = j - 1;
                while (i > 0 && openTime(ts.get(i - 1).timeMs(), length, offsetSeconds) == open) {
                    i--;
                }
                if (end == null || open <= end) {
                    ranges.add(0, new int[] {i, j});
                }
                j = i;
            }
        }
        ArrayNode rows = JSON.createArrayNode();
        for (int[] r : ranges) {
            rows.add(kline(s, ts, r[0], r[1], length, offsetSeconds));
        }
        return rows.toString();
    }

    private ArrayNode kline(BinanceSymbol s, List<EmulatedTrade> ts, int from, int to, long length, int offset) {
        long open = openTime(ts.get(from).timeMs(), length, offset);
        BigDecimal first = null;
        BigDecimal high = null;
        BigDecimal low = null;
        BigDecimal last = null;
        BigDecimal volume = BigDecimal.ZERO;
        BigDecimal quote = BigDecimal.ZERO;
        BigDecimal takerBase = BigDecimal.ZERO;
        BigDecimal takerQuote = BigDecimal.ZERO;
        long count = 0;
        for (int i = from; i < to; i++) {
            EmulatedTrade t = ts.get(i);
            if (s.invalidated.contains(t.id())) {
                continue;
            }
            BigDecimal p = t.price();
            first = first == null ? p : first;
            high = high == null || p.compareTo(high) > 0 ? p : high;
            low = low == null || p.compareTo(low) < 0 ? p : low;
            last = p;
            volume = volume.add(t.size());
            BigDecimal notional = p.multiply(t.size());
            quote = quote.add(notional);
            if (!t.buyerMaker()) {
                takerBase = takerBase.add(t.size());
                takerQuote = takerQuote.add(notional);
            }
            count += s.rawIds.last(t.id()) - s.rawIds.first(t.id()) + 1;
        }
        BigDecimal none = BigDecimal.ZERO;
        ArrayNode row = JSON.createArrayNode();
        row.add(open);
        row.add(dec(first == null ? none : first));
        row.add(dec(high == null ? none : high));
        row.add(dec(low == null ? none : low));
        row.add(dec(last == null ? none : last));
        row.add(dec(volume));
        row.add(closeTime(open, length, offset));
        row.add(round8(quote));
        row.add(count);
        row.add(dec(takerBase));
        row.add(round8(takerQuote));
        row.add("0");
        return row;
    }

    /** Open time of the kline holding {@code t}; intervals are aligned in the requested time zone. */
    static long openTime(long t, long length, int offsetSeconds) {
        long off = offsetSeconds * 1000L;
        if (length == 0) {
            ZonedDateTime local = Instant.ofEpochMilli(t).atZone(ZoneOffset.ofTotalSeconds(offsetSeconds));
            return local.withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS).toInstant().toEpochMilli();
        }
        if (length == 7 * DAY_MS) {
            // Weeks open on Monday; 1970-01-01 was a Thursday, so Mondays fall 3 days before multiples of 7 days.
            long shift = 3 * DAY_MS;
            return Math.floorDiv(t + off + shift, length) * length - shift - off;
        }
        return Math.floorDiv(t + off, length) * length - off;
    }

    static long closeTime(long open, long length, int offsetSeconds) {
        if (length == 0) {
            return Instant.ofEpochMilli(open).atZone(ZoneOffset.ofTotalSeconds(offsetSeconds)).plusMonths(1)
                    .toInstant().toEpochMilli() - 1;
        }
        return open + length - 1;
    }

    /** rest-api.md klines timeZone: "-1:00", "05:45", "0", "8"; "Accepted range is strictly [-12:00 to +14:00]". */
    private static int timeZone(String value) {
        if (value == null) {
            return 0;
        }
        Matcher m = TIME_ZONE.matcher(value);
        if (m.matches()) {
            int hours = Integer.parseInt(m.group(2));
            int minutes = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
            int total = (hours * 60 + minutes) * ("-".equals(m.group(1)) ? -1 : 1);
            if (minutes < 60 && total >= -12 * 60 && total <= 14 * 60) {
                return total * 60;
            }
        }
        throw new ApiError(400, -1130, "Data sent for parameter 'timeZone' is not valid.");
    }

    // ------------------------------------------------------------------ 24 h statistics

    /** GET /api/v3/ticker/24hr: symbol (an object), symbols or nothing (an array); type FULL or MINI. */
    String ticker24hr(Fields q) {
        readOnly(q, "symbol", "symbols", "type");
        String type = value(q, "type");
        if (type != null && !type.equals("FULL") && !type.equals("MINI")) {
            throw new ApiError(400, -1139, "Invalid ticker type.");
        }
        boolean mini = "MINI".equals(type);
        long now = System.currentTimeMillis();
        if (q.get("symbol") != null) {
            if (q.get("symbols") != null) {
                throw badCombination();
            }
            return stats(symbol(q), now, mini).toString();
        }
        ArrayNode all = JSON.createArrayNode();
        for (BinanceSymbol s : chosenSymbols(q)) {
            all.add(stats(s, now, mini));
        }
        return all.toString();
    }

    /** The weight of a 24 h ticker request (rest-api.md's table): 2 for 1-20 symbols, 40 to 100, else 80. */
    static int tickerWeight(Fields q) {
        if (q.get("symbol") != null) {
            return 2;
        }
        String list = q.getValue("symbols");
        if (list == null) {
            return 80;
        }
        int n = 0;
        try {
            JsonNode a = JSON.readTree(list);
            n = a != null && a.isArray() ? a.size() : 1;
        } catch (JsonProcessingException e) {
            n = 1;
        }
        return n <= 20 ? 2 : n <= 100 ? 40 : 80;
    }

    private ObjectNode stats(BinanceSymbol s, long now, boolean mini) {
        List<EmulatedTrade> ts = market.tradesView(s.symbol);
        long openTime = now - DAY_MS;
        int from = lowerBound(ts, openTime, EmulatedTrade::timeMs);
        BigDecimal zero = BigDecimal.ZERO;
        BigDecimal open = null;
        BigDecimal high = null;
        BigDecimal low = null;
        BigDecimal last = null;
        BigDecimal lastQty = zero;
        BigDecimal volume = zero;
        BigDecimal quote = zero;
        long firstId = -1;
        long lastId = -1;
        long count = 0;
        for (int i = from; i < ts.size(); i++) {
            EmulatedTrade t = ts.get(i);
            if (s.invalidated.contains(t.id())) {
                continue;
            }
            BigDecimal p = t.price();
            open = open == null ? p : open;
            high = high == null || p.compareTo(high) > 0 ? p : high;
            low = low == null || p.compareTo(low) < 0 ? p : low;
            last = p;
            lastQty = t.size();
            volume = volume.add(t.size());
            quote = quote.add(p.multiply(t.size()));
            long f = s.rawIds.first(t.id());
            firstId = firstId < 0 ? f : firstId;
            lastId = s.rawIds.last(t.id());
            count += lastId - f + 1;
        }
        BigDecimal prevClose = from > 0 ? ts.get(from - 1).price() : zero;
        if (last == null) {
            // No trade in the window: the last price stands still (what real servers show here is not documented).
            last = market.last(s.symbol);
            open = last;
            high = last;
            low = last;
        }
        ObjectNode o = JSON.createObjectNode();
        o.put("symbol", s.symbol);
        if (!mini) {
            BigDecimal change = last.subtract(open);
            o.put("priceChange", dec(change));
            o.put("priceChangePercent", open.signum() == 0 ? "0.000"
                    : change.multiply(BigDecimal.valueOf(100)).divide(open, 3, RoundingMode.HALF_EVEN).toPlainString());
            o.put("weightedAvgPrice", volume.signum() == 0 ? dec(zero)
                    : dec(quote.divide(volume, 8, RoundingMode.HALF_EVEN)));
            o.put("prevClosePrice", dec(prevClose));
            o.put("lastPrice", dec(last));
            o.put("lastQty", dec(lastQty));
            o.put("bidPrice", dec(market.bid(s.symbol)));
            o.put("bidQty", dec(s.bookQty(s.bookUpdateId, false)));
            o.put("askPrice", dec(market.ask(s.symbol)));
            o.put("askQty", dec(s.bookQty(s.bookUpdateId, true)));
        }
        o.put("openPrice", dec(open));
        o.put("highPrice", dec(high));
        o.put("lowPrice", dec(low));
        if (mini) {
            o.put("lastPrice", dec(last));
        }
        o.put("volume", dec(volume));
        o.put("quoteVolume", round8(quote));
        o.put("openTime", openTime);
        o.put("closeTime", now);
        o.put("firstId", firstId);
        o.put("lastId", lastId);
        o.put("count", count);
        return o;
    }

    // ------------------------------------------------------------------ parameters

    private List<BinanceSymbol> chosenSymbols(Fields q) {
        String one = value(q, "symbol");
        String list = value(q, "symbols");
        if (one != null && list != null) {
            throw badCombination();
        }
        if (one != null) {
            return List.of(symbol(q));
        }
        if (list == null) {
            return List.copyOf(symbols.values());
        }
        JsonNode names;
        try {
            names = JSON.readTree(list);
        } catch (JsonProcessingException e) {
            names = null;
        }
        if (names == null || !names.isArray() || names.isEmpty()) {
            throw new ApiError(400, -1100,
                    "Illegal characters found in parameter 'symbols'; legal range is '" + SYMBOLS_RANGE + "'.");
        }
        Set<String> seen = new LinkedHashSet<>();
        List<BinanceSymbol> chosen = new ArrayList<>();
        for (JsonNode n : names) {
            if (!n.isTextual()) {
                throw new ApiError(400, -1100,
                        "Illegal characters found in parameter 'symbols'; legal range is '" + SYMBOLS_RANGE + "'.");
            }
            if (!seen.add(n.asText())) {
                throw new ApiError(400, -1151, "Symbol is present multiple times in the list.");
            }
            BinanceSymbol s = symbols.get(n.asText());
            if (s == null) {
                throw invalidSymbol();
            }
            chosen.add(s);
        }
        return chosen;
    }

    private BinanceSymbol symbol(Fields q) {
        BinanceSymbol s = symbols.get(mandatory(q, "symbol"));
        if (s == null) {
            throw invalidSymbol();
        }
        return s;
    }

    private static ApiError invalidSymbol() {
        return new ApiError(400, -1121, "Invalid symbol.");
    }

    private static ApiError badCombination() {
        return new ApiError(400, -1128, "Combination of optional parameters invalid.");
    }

    /**
     * Refuses duplicated parameters (-1101) and parameters the endpoint does not read (-1104), as real servers do
     * (messages from errors.md's templates).
     */
    private static void readOnly(Fields q, String... known) {
        int read = 0;
        for (Fields.Field f : q) {
            if (f.getValues().size() > 1) {
                throw new ApiError(400, -1101, "Duplicate values for a parameter detected.");
            }
            for (String k : known) {
                if (k.equals(f.getName())) {
                    read++;
                }
            }
        }
        if (read < q.getSize()) {
            throw new ApiError(400, -1104, "Not all sent parameters were read; read '" + read
                    + "' parameter(s) but was sent '" + q.getSize() + "'.");
        }
    }

    private static String value(Fields q, String name) {
        String v = q.getValue(name);
        if (v != null && v.isEmpty()) {
            throw new ApiError(400, -1105, "Parameter '" + name + "' was empty.");
        }
        return v;
    }

    private static String mandatory(Fields q, String name) {
        String v = q.getValue(name);
        if (v == null || v.isEmpty()) {
            throw new ApiError(400, -1102,
                    "Mandatory parameter '" + name + "' was not sent, was empty/null, or malformed.");
        }
        return v;
    }

    private static Long unsigned(Fields q, String name) {
        String v = value(q, name);
        if (v == null) {
            return null;
        }
        if (!UNSIGNED.matcher(v).matches()) {
            throw new ApiError(400, -1100, "Illegal characters found in parameter '" + name
                    + "'; legal range is '^[0-9]{1,20}$'.");
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new ApiError(400, -1108, "Parameter '" + name + "' overflowed.");
        }
    }

    /** "Default: 500; Maximum: 1000": a larger limit is cut to 1000 (as observed on spot), 0 is taken as 1. */
    private static int limit(Fields q) {
        Long v = unsigned(q, "limit");
        return v == null ? DEFAULT_LIMIT : (int) Math.max(1, Math.min(MAX_LIMIT, v));
    }

    /** First index whose key is >= {@code key}; keys are non-decreasing (ids ascend, times never go back). */
    static int lowerBound(List<EmulatedTrade> ts, long key, ToLongFunction<EmulatedTrade> f) {
        int lo = 0;
        int hi = ts.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (f.applyAsLong(ts.get(mid)) < key) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Binance's decimal strings: eight places ("0.01633102", "25.35190000"); never rounded. */
    static String dec(BigDecimal v) {
        return v.setScale(8, RoundingMode.UNNECESSARY).toPlainString();
    }

    /** Eight places for derived values (price x quantity sums). */
    static String round8(BigDecimal v) {
        return v.setScale(8, RoundingMode.HALF_EVEN).toPlainString();
    }
}
