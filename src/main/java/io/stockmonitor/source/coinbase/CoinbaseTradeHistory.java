package io.stockmonitor.source.coinbase;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stockmonitor.feed.FastDecimal;
import io.stockmonitor.feed.FeedLink;
import io.stockmonitor.feed.PeerText;
import io.stockmonitor.source.RestGate;
import io.stockmonitor.source.SourceSettings;
import io.stockmonitor.source.Trade;
import io.stockmonitor.source.TradeSequencer;
import io.stockmonitor.source.TradeValues;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.ToLongFunction;
import org.eclipse.jetty.http.HttpFields;

/**
 * Coinbase's trade history ({@code GET /products/{id}/trades}, docs/sources/coinbase.md §7) as the
 * {@link TradeSequencer} reads it: "ids above {@code afterId}, oldest first". Coinbase pages the other way (newest
 * first; {@code after=X} answers the trades older than X), so a fetch asks for the window {@code [afterId + 1, hi]}
 * with {@code after=hi+1} and {@code limit} = its width, where {@code hi} is the newest id the socket has shown for
 * the product (a match, {@code last_match} or a heartbeat), capped at one page of {@value #PAGE} above
 * {@code afterId}. Anchored at the top of the window, a page can never hold trades newer than asked for, and the
 * cursor's meaning is the documented one. A page that stops short of the window's bottom is followed with the
 * {@code CB-AFTER} cursor until the bottom, an empty page or {@value #MAX_PAGES_PER_FETCH} pages; the rows are then
 * reversed into id order. Ids of the window that never came back are simply absent, and the sequencer counts them
 * lost (the docs do not promise ids without holes; a refill proves each one it gets).
 *
 * <p>Rows are checked like live frames: a row with an absurd price, size or time is not a trade; it is counted as a
 * bad frame and left out, so its id shows up as missing rather than as a forged trade. A page whose ids are out of
 * order or outside the window is not trusted at all. Feed thread only.
 */
final class CoinbaseTradeHistory implements TradeSequencer.History {
    /** Rows per page: the documented maximum ("Maximum 1000 (default 1000)"); more would be refused. */
    static final int PAGE = 1_000;
    /** Pages one fetch follows down with CB-AFTER before handing over what it has (a bound against a bad server). */
    static final int MAX_PAGES_PER_FETCH = 4;
    /** What {@code newestSeen} answers when the socket has shown no id for the product. */
    static final long UNKNOWN = Long.MIN_VALUE;

    private final ObjectMapper json = new ObjectMapper();
    private final FeedLink link;
    private final SourceSettings settings;
    private final RestGate gate;
    private final ToLongFunction<String> newestSeen;

    /**
     * @param newestSeen the newest trade id the socket has named for a product, or {@link #UNKNOWN}
     */
    CoinbaseTradeHistory(FeedLink link, SourceSettings settings, RestGate gate, ToLongFunction<String> newestSeen) {
        this.link = link;
        this.settings = settings;
        this.gate = gate;
        this.newestSeen = newestSeen;
    }

    @Override
    public void fetch(String symbol, long afterId, long afterTs, TradeSequencer.Page page) {
        long lo = afterId + 1;
        long top = newestSeen.applyAsLong(symbol);
        // The top unknown (nothing newer seen yet): a full page above afterId, whose cursor may lie past the newest
        // trade; "after" then simply answers the newest ones (the docs give no error for such a cursor).
        long hi = top != UNKNOWN && top >= lo ? Math.min(top, afterId + PAGE) : afterId + PAGE;
        new Walk(symbol, lo, hi, page).request(hi + 1, (int) (hi - lo + 1));
    }

    @Override
    public void latest(String symbol, TradeSequencer.Page page) {
        gate.get(tradesUri(symbol, "limit=1"), 1, new RestGate.Answer() {
            @Override
            public void ok(String body, HttpFields headers) {
                List<Trade> rows;
                try {
                    rows = parse(symbol, body, Long.MAX_VALUE);
                } catch (IOException e) {
                    page.failed("unreadable trades answer: " + PeerText.escape(e.getMessage()), true);
                    return;
                }
                page.trades(rows.isEmpty() || !rows.get(0).valid() ? List.of() : List.of(rows.get(0)), false);
            }

            @Override
            public void failed(int status, String reason, boolean retryable) {
                page.failed(reason, retryable);
            }
        });
    }

    private URI tradesUri(String symbol, String query) {
        return settings.restUri("/products/" + CoinbaseRestClient.pathSegment(symbol) + "/trades?" + query);
    }

    /** One fetch: the window {@code [lo, hi]}, read from the top down, page by page. */
    private final class Walk {
        final String symbol;
        final long lo;
        final long hi;
        final TradeSequencer.Page page;
        /** Valid rows of the window, newest first. */
        final List<Trade> rows = new ArrayList<>();
        boolean reachedTop;
        int pages;

        Walk(String symbol, long lo, long hi, TradeSequencer.Page page) {
            this.symbol = symbol;
            this.lo = lo;
            this.hi = hi;
            this.page = page;
        }

        void request(long cursor, int limit) {
            pages++;
            gate.get(tradesUri(symbol, "after=" + cursor + "&limit=" + limit), 1, new RestGate.Answer() {
                @Override
                public void ok(String body, HttpFields headers) {
                    onPage(cursor, body, headers);
                }

                @Override
                public void failed(int status, String reason, boolean retryable) {
                    page.failed(reason, retryable);
                }
            });
        }

        void onPage(long cursor, String body, HttpFields headers) {
            List<Trade> got;
            try {
                got = parse(symbol, body, cursor);
            } catch (IOException e) {
                page.failed("unreadable trades page: " + PeerText.escape(e.getMessage()), true);
                return;
            }
            long oldest = Long.MAX_VALUE;
            boolean bottom = got.isEmpty();
            for (Trade t : got) {
                oldest = t.id();
                if (t.id() < lo) {
                    bottom = true;
                    break;
                }
                if (t.id() > hi) {
                    continue;
                }
                if (t.id() == hi) {
                    reachedTop = true;
                }
                if (t.valid()) {
                    rows.add(t);
                }
            }
            if (bottom || oldest <= lo || pages >= MAX_PAGES_PER_FETCH) {
                done();
                return;
            }
            // Short of the bottom: the next page, older than this one ("after" = the last row's cursor).
            long next = afterCursor(headers, oldest, cursor);
            request(next, (int) Math.min(PAGE, next - lo));
        }

        void done() {
            Collections.reverse(rows);
            // A full-width window that reached its top may have more above it.
            page.trades(rows, reachedTop && hi - lo + 1 == PAGE);
        }
    }

    /**
     * The cursor of the next older page: {@code CB-AFTER} ("the after cursor references the last item in a set of
     * results") when it is a number below the page's cursor, else the page's oldest id (the same thing when the
     * server behaves). Always below {@code cursor}, so a walk always moves down.
     */
    static long afterCursor(HttpFields headers, long oldestRow, long cursor) {
        String value = headers.get("CB-AFTER");
        if (value != null) {
            try {
                long after = Long.parseLong(value.trim());
                if (after < cursor && after >= oldestRow) {
                    return after;
                }
            } catch (NumberFormatException e) {
                // Not a cursor: the oldest row says the same.
            }
        }
        return oldestRow;
    }

    /**
     * Rows {@code {"time","trade_id","price","size","side"}}, newest first and all below {@code cursor}; a row
     * whose values are absurd comes back invalid (and is counted as bad). Throws for a page that cannot be trusted
     * (not an array, a row without an integer id, ids not strictly falling).
     */
    List<Trade> parse(String symbol, String body, long cursor) throws IOException {
        JsonNode root = json.readTree(body);
        if (root == null || !root.isArray()) {
            throw new IOException("not an array");
        }
        List<Trade> trades = new ArrayList<>(root.size());
        long previous = cursor;
        for (JsonNode r : root) {
            JsonNode idNode = r.path("trade_id");
            if (!idNode.isIntegralNumber() || !idNode.canConvertToLong()) {
                throw new IOException("a row without an integer trade_id");
            }
            long id = idNode.asLong();
            if (id >= previous) {
                throw new IOException("trade ids not falling below the cursor (" + id + " after " + previous + ")");
            }
            previous = id;
            long time = r.path("time").isTextual() ? CoinbaseTime.parseMillis(r.path("time").asText())
                    : CoinbaseTime.INVALID;
            double price = decimal(r.path("price"));
            double size = decimal(r.path("size"));
            boolean valid = id > 0 && TradeValues.problem(price, size, time, System.currentTimeMillis()) == null;
            if (!valid) {
                link.bad("bad-rest-trade", "Coinbase " + symbol + " trade " + id + " with price " + price + ", size "
                        + size + ", time " + time + ": left out (its id counts as missing)");
            }
            trades.add(new Trade(id, time, price, size, valid));
        }
        return trades;
    }

    /**
     * A decimal string as documented ("6225.32000000"); NaN for anything else (Double.parseDouble would also take
     * "NaN", "Infinity", hex and a trailing "d").
     */
    static double decimal(JsonNode node) {
        if (!node.isTextual()) {
            return Double.NaN;
        }
        String text = node.asText();
        try {
            return FastDecimal.parse(text.toCharArray(), 0, text.length());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
