package io.stockmonitor.source.kraken;

import io.stockmonitor.feed.FeedLink;
import io.stockmonitor.feed.PeerText;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps a v2 symbol ({@code BTC/USD}) to the names Kraken's REST wants ({@code XBTUSD}) and answers under
 * ({@code XXBTZUSD}), from AssetPairs itself, never by guessing: {@code AssetPairs?pair=BTC/USD} (the parameter's
 * documented example is in that spelling) answers with the pair's key and {@code altname}. Should the server refuse
 * the v2 spelling, the v1 spelling is tried once (XBT for BTC, XDG for DOGE: the renaming public clients observe;
 * docs/sources/kraken.md §2). A pair AssetPairs does not know in either spelling stays unmapped: its REST calls
 * fail for good (its gaps are reported lost), while the socket alone decides whether the symbol exists.
 *
 * <p>Callers wait for a mapping with {@link #resolve}; one AssetPairs call serves every waiter. Feed thread only.
 */
final class KrakenPairs {
    private static final Logger LOG = LoggerFactory.getLogger(KrakenPairs.class);

    /** Someone waiting for a pair's names. */
    interface Waiter {
        void mapped(KrakenPairNames names);

        /** No names: {@code retryable} when AssetPairs could not be read (ask again later). */
        void unavailable(String reason, boolean retryable);
    }

    private final FeedLink link;
    private final KrakenRestClient rest;
    private final Consumer<KrakenPairNames> onMapped;
    private final Map<String, KrakenPairNames> bySymbol = new HashMap<>();
    private final Map<String, String> symbolByKey = new HashMap<>();
    private final Map<String, String> unknown = new HashMap<>();
    /** Symbols with an AssetPairs call in flight, and who waits for it. */
    private final Map<String, List<Waiter>> waiting = new HashMap<>();

    /** {@code onMapped} hears of every pair newly mapped (to load what needs its REST names). */
    KrakenPairs(FeedLink link, KrakenRestClient rest, Consumer<KrakenPairNames> onMapped) {
        this.link = link;
        this.rest = rest;
        this.onMapped = onMapped;
    }

    /** The names of {@code symbol}, or null while not mapped. */
    KrakenPairNames names(String symbol) {
        return bySymbol.get(symbol);
    }

    /** The v2 symbol Kraken files under REST result key {@code key}, or null. */
    String symbolOfKey(String key) {
        return symbolByKey.get(key);
    }

    /** True when AssetPairs does not know the symbol in any spelling. */
    boolean unknown(String symbol) {
        return unknown.containsKey(symbol);
    }

    /** Calls {@code waiter} (on the feed thread, never from inside this call) once the names are known or cannot be. */
    void resolve(String symbol, Waiter waiter) {
        KrakenPairNames names = bySymbol.get(symbol);
        if (names != null) {
            link.post(() -> waiter.mapped(names));
            return;
        }
        String why = unknown.get(symbol);
        if (why != null) {
            link.post(() -> waiter.unavailable(why, false));
            return;
        }
        List<Waiter> list = waiting.get(symbol);
        if (list != null) {
            list.add(waiter);
            return;
        }
        list = new ArrayList<>();
        list.add(waiter);
        waiting.put(symbol, list);
        ask(symbol, symbol);
    }

    /** Starts a mapping if none is known or in flight (e.g. after a failed one). */
    void resolve(String symbol) {
        if (!bySymbol.containsKey(symbol) && !unknown.containsKey(symbol) && !waiting.containsKey(symbol)) {
            waiting.put(symbol, new ArrayList<>());
            ask(symbol, symbol);
        }
    }

    void forget(String symbol) {
        KrakenPairNames names = bySymbol.remove(symbol);
        if (names != null) {
            symbolByKey.remove(names.key());
        }
        unknown.remove(symbol);
        waiting.remove(symbol); // a call in flight finds no one to tell
    }

    private void ask(String symbol, String spelling) {
        rest.assetPair(spelling, new KrakenRestClient.Reply<>() {
            @Override
            public void ok(List<KrakenRestClient.ListedPair> pairs) {
                KrakenRestClient.ListedPair p = pick(symbol, spelling, pairs);
                if (p == null) {
                    settle(symbol, null, "AssetPairs named " + pairs.size() + " pairs for " + spelling
                            + ", none of them unambiguously " + symbol, false);
                    return;
                }
                settle(symbol, new KrakenPairNames(symbol, p.key(), p.altname()), null, false);
            }

            @Override
            public void failed(String reason, boolean retryable) {
                String v1 = v1Spelling(symbol);
                if (!retryable && spelling.equals(symbol) && !v1.equals(symbol)) {
                    LOG.info("Kraken AssetPairs does not take {} ({}); asking for {}", symbol, reason, v1);
                    ask(symbol, v1);
                    return;
                }
                settle(symbol, null, "AssetPairs cannot name " + symbol + ": " + reason, retryable);
            }
        });
    }

    /** The answer's one pair; with several, the one whose {@code wsname} is the spelling asked for. */
    private static KrakenRestClient.ListedPair pick(String symbol, String spelling,
                                                    List<KrakenRestClient.ListedPair> pairs) {
        if (pairs.size() == 1) {
            return pairs.get(0);
        }
        KrakenRestClient.ListedPair found = null;
        for (KrakenRestClient.ListedPair p : pairs) {
            if (p.wsname().equals(spelling) || p.wsname().equals(symbol)) {
                if (found != null) {
                    return null;
                }
                found = p;
            }
        }
        return found;
    }

    private void settle(String symbol, KrakenPairNames names, String why, boolean retryable) {
        List<Waiter> waiters = waiting.remove(symbol);
        if (waiters == null) {
            return; // forgotten meanwhile (unsubscribed)
        }
        if (names != null) {
            bySymbol.put(symbol, names);
            symbolByKey.put(names.key(), symbol);
            LOG.info("Kraken {} is {} over REST (answers under {})", symbol, PeerText.escape(names.altname(), 40),
                    PeerText.escape(names.key(), 40));
            onMapped.accept(names);
            for (Waiter w : waiters) {
                w.mapped(names);
            }
            return;
        }
        if (!retryable) {
            unknown.put(symbol, why);
            LOG.warn("Kraken {}: {}; its gaps cannot be refilled", symbol, why);
        }
        for (Waiter w : waiters) {
            w.unavailable(why, retryable);
        }
    }

    /**
     * The v1 spelling of a v2 symbol: BTC is XBT there, DOGE is XDG (observed, docs/sources/kraken.md §2); other
     * assets are spelled alike.
     */
    static String v1Spelling(String v2) {
        return rename(v2, "BTC", "XBT", "DOGE", "XDG");
    }

    /** The v2 spelling of AssetPairs' {@code wsname} (the v1 spelling): the same renames the other way. */
    static String v2Spelling(String wsname) {
        return rename(wsname, "XBT", "BTC", "XDG", "DOGE");
    }

    private static String rename(String pair, String from1, String to1, String from2, String to2) {
        int slash = pair.indexOf('/');
        if (slash < 0) {
            return pair;
        }
        return renameAsset(pair.substring(0, slash), from1, to1, from2, to2) + "/"
                + renameAsset(pair.substring(slash + 1), from1, to1, from2, to2);
    }

    private static String renameAsset(String asset, String from1, String to1, String from2, String to2) {
        String a = asset.toUpperCase(Locale.ROOT);
        return a.equals(from1) ? to1 : a.equals(from2) ? to2 : asset;
    }
}
