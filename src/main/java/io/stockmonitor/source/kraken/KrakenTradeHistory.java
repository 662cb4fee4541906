package io.stockmonitor.source.kraken;

import io.stockmonitor.source.Trade;
import io.stockmonitor.source.TradeSequencer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kraken's trade history for the {@link TradeSequencer}: "the trades with ids above {@code afterId}, oldest first",
 * read from {@code Trades?since=}, whose cursor is a time, not an id (docs/sources/kraken.md §5). So a page starts a
 * little before the last applied trade's time and what is at or below {@code afterId} is dropped by id; ids, which
 * every row carries, then prove the span complete, and the sequencer reports any id REST lacks as lost.
 *
 * <ul>
 *   <li>{@code since} = the last trade's time minus {@link #FIRST_MARGIN_NS} (the socket's time is "the book order
 *       update timestamp", not documented to equal the REST row's time). If the page starts past
 *       {@code afterId + 1} without showing {@code afterId}, the margin was too small: it doubles, up to
 *       {@link #MAX_MARGIN_NS}.</li>
 *   <li>The next page of the same refill starts at the previous page's {@code last} minus one nanosecond, so trades
 *       sharing the boundary time come again and are dropped by id, whether {@code since} is exclusive or not (the
 *       docs do not say). A full page with no new id moves on by {@code last} the same way; a page that does not move
 *       {@code last} ends the attempt (over 1,000 trades on one timestamp, or a server fault).</li>
 *   <li>Every page is checked against what the socket said about the same ids ({@link SocketTradeMemory}): the docs
 *       never say REST and v2 number trades alike. A row that contradicts the socket means ids prove nothing here, so
 *       the refill is refused (the sequencer reports the span lost) rather than called exact. Rows without a
 *       {@code trade_id} (the older six-element form) cannot be checked at all: refused the same way. The docs'
 *       third kind of gap, "by time", would fit these two cases; the sequencer knows only exact and lost, and lost is
 *       the honest one of those.</li>
 * </ul>
 *
 * Feed thread only.
 */
final class KrakenTradeHistory implements TradeSequencer.History {
    /** The first look back before the last applied trade's time. */
    static final long FIRST_MARGIN_NS = 1_000_000_000L;
    /** The look back doubles up to this; beyond it the ids REST lacks are reported lost. */
    static final long MAX_MARGIN_NS = 3_600_000_000_000L;
    /** Calls one page request may make (margin doublings, pages with nothing new) before it gives up for now. */
    static final int MAX_CALLS_PER_PAGE = 32;
    private static final Logger LOG = LoggerFactory.getLogger(KrakenTradeHistory.class);

    private final KrakenPairs pairs;
    private final KrakenRestClient rest;
    private final SocketTradeMemory socket;
    /** Per symbol: the id of the last row of its latest page and that page's {@code last} cursor. */
    private final Map<String, long[]> cursors = new HashMap<>();

    KrakenTradeHistory(KrakenPairs pairs, KrakenRestClient rest, SocketTradeMemory socket) {
        this.pairs = pairs;
        this.rest = rest;
        this.socket = socket;
    }

    @Override
    public void fetch(String symbol, long afterId, long afterTs, TradeSequencer.Page page) {
        pairs.resolve(symbol, new KrakenPairs.Waiter() {
            @Override
            public void mapped(KrakenPairNames names) {
                new Refill(names, afterId, afterTs, page).start();
            }

            @Override
            public void unavailable(String reason, boolean retryable) {
                page.failed(reason, retryable);
            }
        });
    }

    @Override
    public void latest(String symbol, TradeSequencer.Page page) {
        pairs.resolve(symbol, new KrakenPairs.Waiter() {
            @Override
            public void mapped(KrakenPairNames names) {
                rest.trades(names, -1, 1, new KrakenRestClient.Reply<>() {
                    @Override
                    public void ok(KrakenRestClient.TradePage p) {
                        if (!p.withIds()) {
                            page.failed("Kraken's trade rows carry no trade_id", false);
                        } else {
                            page.trades(p.rows(), false);
                        }
                    }

                    @Override
                    public void failed(String reason, boolean retryable) {
                        page.failed(reason, retryable);
                    }
                });
            }

            @Override
            public void unavailable(String reason, boolean retryable) {
                page.failed(reason, retryable);
            }
        });
    }

    void forget(String symbol) {
        cursors.remove(symbol);
    }

    /** One page request of the sequencer, possibly several calls. */
    private final class Refill implements KrakenRestClient.Reply<KrakenRestClient.TradePage> {
        private final KrakenPairNames pair;
        private final long afterId;
        private final long afterTs;
        private final TradeSequencer.Page page;
        private long marginNs = FIRST_MARGIN_NS;
        private boolean byMargin;
        private long since;
        private int calls;

        Refill(KrakenPairNames pair, long afterId, long afterTs, TradeSequencer.Page page) {
            this.pair = pair;
            this.afterId = afterId;
            this.afterTs = afterTs;
            this.page = page;
        }

        void start() {
            long[] c = cursors.get(pair.symbol());
            if (c != null && c[0] == afterId && c[1] > 0) {
                request(c[1] - 1, false);
            } else {
                requestByMargin();
            }
        }

        private void requestByMargin() {
            long lastNs = afterTs > Long.MAX_VALUE / 1_000_000 ? Long.MAX_VALUE : afterTs * 1_000_000;
            request(Math.max(0, lastNs - marginNs), true);
        }

        private void request(long sinceNs, boolean margin) {
            if (++calls > MAX_CALLS_PER_PAGE) {
                page.failed("no usable page of " + pair.symbol() + " after " + MAX_CALLS_PER_PAGE + " calls", true);
                return;
            }
            since = sinceNs;
            byMargin = margin;
            rest.trades(pair, sinceNs, KrakenRestClient.TRADES_PAGE, this);
        }

        @Override
        public void ok(KrakenRestClient.TradePage p) {
            String symbol = pair.symbol();
            if (!p.withIds()) {
                page.failed("Kraken's trade rows carry no trade_id: ids cannot prove the span", false);
                return;
            }
            List<Trade> rows = p.rows();
            String contradiction = socket.disagreement(symbol, rows);
            if (contradiction != null) {
                LOG.warn("Kraken {}: REST and the socket disagree ({}): ids cannot prove this span", symbol,
                        contradiction);
                page.failed("REST and the socket disagree: " + contradiction, false);
                return;
            }
            int firstNewer = 0;
            while (firstNewer < rows.size() && rows.get(firstNewer).id() <= afterId) {
                firstNewer++;
            }
            List<Trade> newer = rows.subList(firstNewer, rows.size());
            boolean sawBoundary = firstNewer > 0;
            if (!newer.isEmpty() && newer.get(0).id() > afterId + 1 && !sawBoundary && byMargin && since > 0
                    && marginNs < MAX_MARGIN_NS) {
                marginNs *= 2;
                LOG.info("Kraken {}: the page after {} ns starts at id {}, past {}; looking back {} s", symbol,
                        since, newer.get(0).id(), afterId + 1, marginNs / 1_000_000_000L);
                requestByMargin();
                return;
            }
            if (newer.isEmpty() && p.full()) {
                if (p.lastCursor() <= since) {
                    page.failed("a full page of " + symbol + " brought no new trade id and no later cursor", true);
                } else {
                    request(p.lastCursor() - 1, false);
                }
                return;
            }
            if (!rows.isEmpty() && p.lastCursor() > 0) {
                cursors.put(symbol, new long[] {rows.get(rows.size() - 1).id(), p.lastCursor()});
            }
            LOG.debug("Kraken {}: {} rows after id {} ({} checked against the socket)", symbol, newer.size(),
                    afterId, socket.overlap(symbol, rows));
            page.trades(newer, p.full());
        }

        @Override
        public void failed(String reason, boolean retryable) {
            page.failed(reason, retryable);
        }
    }
}
