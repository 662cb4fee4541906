package io.stockmonitor.alerts;

import io.stockmonitor.feed.FeedEvent;
import io.stockmonitor.feed.TradeListener;
import io.stockmonitor.market.GapKind;
import io.stockmonitor.market.MarketModel;
import io.stockmonitor.market.QuoteView;
import io.stockmonitor.market.TickBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates alert rules on every trade the feed applies, on the feed thread (a {@link TradeListener} of the feed's
 * output): live trades, trades replayed by a resume and trades refilled from a provider's history alike, so no
 * crossing is missed between two frames or during an outage. A firing on a replayed or refilled trade is flagged
 * {@link AlertFiring#REFILLED} and carries that trade's own time; a crossing across a gap that was not recovered
 * ({@link GapKind#LOST}: the price jumped over the level while trades were missing) fires once, on the first trade
 * after the gap, flagged {@link AlertFiring#ACROSS_GAP}. Duplicates never reach a trade listener, so they never fire.
 *
 * <p>Per trade: one map lookup by symbol, then each of that symbol's rules on primitive state; nothing is allocated.
 * Stale rules are also checked by {@link #checkFreshness()}, which the owner runs every
 * {@link AlertLimits#FRESHNESS_CHECK_MS} on the feed thread.
 *
 * <p>Feed thread only (or calls serialised with a happens-before edge, as in tests).
 */
public final class AlertEngine implements TradeListener {
    private static final Logger LOG = LoggerFactory.getLogger(AlertEngine.class);

    private final MarketModel market;
    private final IndicatorLines lines;
    private final AlertSink sink;
    private final LongSupplier clockMs;
    private final QuoteView quote = new QuoteView();
    private HashMap<String, SymbolAlerts> bySymbol = new HashMap<>();
    private SymbolAlerts[] timed = new SymbolAlerts[0];
    private Map<Long, Evaluator> byId = Map.of();
    private TickBuffer replay;
    private long firings;

    public AlertEngine(MarketModel market, IndicatorLines lines, AlertSink sink, LongSupplier clockMs) {
        this.market = Objects.requireNonNull(market, "market");
        this.lines = Objects.requireNonNull(lines, "lines");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.clockMs = Objects.requireNonNull(clockMs, "clockMs");
    }

    /**
     * Replaces the rules. A rule equal to one already evaluated keeps its state (armed or not, spent, its window);
     * a new or changed one starts from where its symbol is now (a crossing needs a trade on the other side first).
     * Paused rules are not evaluated. At most {@link AlertLimits#MAX_RULES} rules and
     * {@link AlertLimits#MAX_RULES_PER_SYMBOL} per symbol are taken, in order.
     */
    public void setRules(List<AlertRule> rules) {
        Map<Long, Evaluator> previous = byId;
        Map<Long, Evaluator> next = new HashMap<>();
        Map<String, List<Evaluator>> grouped = new LinkedHashMap<>();
        java.util.Set<Evaluator> created = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        int taken = 0;
        for (AlertRule rule : rules) {
            if (rule.paused()) {
                continue;
            }
            List<Evaluator> list = grouped.computeIfAbsent(rule.symbol(), s -> new ArrayList<>());
            if (taken >= AlertLimits.MAX_RULES || list.size() >= AlertLimits.MAX_RULES_PER_SYMBOL) {
                LOG.warn("alert rule {} not evaluated: more than {} rules, or {} on {}", rule.text(),
                        AlertLimits.MAX_RULES, AlertLimits.MAX_RULES_PER_SYMBOL, rule.symbol());
                continue;
            }
            Evaluator e = previous.get(rule.id());
            if (e == null || !e.rule.equals(rule)) {
                e = create(rule);
                created.add(e);
            }
            list.add(e);
            next.put(rule.id(), e);
            taken++;
        }
        HashMap<String, SymbolAlerts> index = new HashMap<>();
        List<SymbolAlerts> withTimer = new ArrayList<>();
        for (Map.Entry<String, List<Evaluator>> g : grouped.entrySet()) {
            SymbolAlerts old = bySymbol.get(g.getKey());
            SymbolAlerts a = old != null ? old : new SymbolAlerts(g.getKey(), market);
            a.evaluators = g.getValue().toArray(new Evaluator[0]);
            a.timed = false;
            for (Evaluator e : a.evaluators) {
                if (e instanceof StaleEvaluator) {
                    a.timed = true;
                }
                if (created.contains(e)) {
                    seed(e, a);
                }
            }
            index.put(a.symbol, a);
            if (a.timed) {
                withTimer.add(a);
            }
        }
        bySymbol = index;
        timed = withTimer.toArray(new SymbolAlerts[0]);
        byId = next;
    }

    private Evaluator create(AlertRule rule) {
        return switch (rule.kind()) {
            case PRICE_ABOVE, PRICE_BELOW -> new PriceCross(rule);
            case CHANGE_ABOVE, CHANGE_BELOW -> new ChangeCross(rule);
            case LINE_ABOVE, LINE_BELOW -> new LineCross(rule, lines.find(rule.line()));
            case MOVE_UP, MOVE_DOWN, MOVE_ANY -> new MoveEvaluator(rule);
            case STALE -> new StaleEvaluator(rule, clockMs.getAsLong());
        };
    }

    /** A new rule starts where its symbol is: the side of its level, a move window filled from recent trades. */
    private void seed(Evaluator e, SymbolAlerts a) {
        if (!market.readQuote(a.symbol, quote) || !quote.hasData()) {
            return;
        }
        e.seed(quote, a);
        if (e instanceof MoveEvaluator m) {
            if (replay == null) {
                replay = new TickBuffer(market.limits().recentTicksPerSymbol());
            }
            int n = market.readTicks(a.symbol, 0, replay);
            long from = n == 0 ? 0 : replay.time(n - 1) - m.rule.window() * 60_000L;
            for (int i = 0; i < n; i++) {
                if (replay.time(i) >= from) {
                    m.replay(replay.time(i), replay.price(i));
                }
            }
            m.settleSeed(quote.last());
        }
    }

    @Override
    public void onTrade(String symbol, String epoch, long seq, long ts, double price, double size, boolean live) {
        SymbolAlerts a = bySymbol.get(symbol);
        if (a == null) {
            return;
        }
        long now = clockMs.getAsLong();
        int tradeFlags = live ? 0 : AlertFiring.REFILLED;
        int gapFlag = a.gapPending ? AlertFiring.ACROSS_GAP : 0;
        a.gapPending = false;
        a.beginTrade();
        Evaluator[] es = a.evaluators;
        for (int i = 0; i < es.length; i++) {
            Evaluator e = es[i];
            if (e.onTrade(a, ts, price, live, now)) {
                report(e, seq, ts, price, tradeFlags | (e.gapAware() ? gapFlag : 0) | e.flags, now);
            }
        }
    }

    /** A lost gap: the symbol's next trade is the first one after it. Exact and by-time gaps refilled the trades. */
    @Override
    public void onGap(FeedEvent.GapSettled gap) {
        if (gap.kind() == GapKind.LOST) {
            SymbolAlerts a = bySymbol.get(gap.symbol());
            if (a != null) {
                a.gapPending = true;
            }
        }
    }

    /** The periodic check of stale rules (feed thread, every {@link AlertLimits#FRESHNESS_CHECK_MS}). */
    public void checkFreshness() {
        SymbolAlerts[] ts = timed;
        if (ts.length == 0) {
            return;
        }
        long now = clockMs.getAsLong();
        boolean up = market.connectionUp();
        for (SymbolAlerts a : ts) {
            boolean known = market.readQuote(a.symbol, quote);
            if (!known) {
                // Not in the model (not subscribed): nothing can be fresh, or stale, about it.
                continue;
            }
            for (Evaluator e : a.evaluators) {
                if (e.onTimer(quote, up, now)) {
                    report(e, -1, -1, Double.NaN, e.flags, now);
                }
            }
        }
    }

    private void report(Evaluator e, long seq, long ts, double price, int flags, long now) {
        firings++;
        try {
            sink.fired(e.rule, seq, ts, price, e.value, flags, now);
        } catch (RuntimeException ex) {
            LOG.warn("alert sink failed on {}", e.rule.text(), ex);
        }
    }

    /** Firings since the start. */
    public long firings() {
        return firings;
    }

    /** Rules evaluated now (paused ones and those beyond the limits not counted). */
    public int activeRules() {
        return byId.size();
    }

    /** True when the rule fired as a one-shot and will not fire again. */
    public boolean spent(long ruleId) {
        Evaluator e = byId.get(ruleId);
        return e != null && e.spent;
    }
}
