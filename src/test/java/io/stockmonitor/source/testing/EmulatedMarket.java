package io.stockmonitor.source.testing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The emulated exchange's market: per symbol a seeded random walk of trades with contiguous ids (or, for providers
 * whose ids are unique but not contiguous, increasing ids with random gaps), and the whole trade list kept (the
 * truth a test compares the applied trades with). Not thread-safe: the emulator's own thread owns it; tests read it
 * through {@link ProviderEmulator#trades(String)}.
 */
public final class EmulatedMarket {
    /** Most trades kept per symbol; a test that needs more is doing something else. */
    public static final int MAX_TRADES_PER_SYMBOL = 1_000_000;
    /** The lot of {@link #add(String, String, String, long)}: sizes are 1..1000 lots of 0.001. */
    public static final String DEFAULT_LOT = "0.001";

    private final Map<String, Book> books = new LinkedHashMap<>();
    private final SplittableRandom random;
    /** Draws the id gaps only, so symbols without gaps see the same prices and sizes as before gaps existed. */
    private final SplittableRandom gapRandom;
    private final Clock clock;

    public EmulatedMarket(long seed, Clock clock) {
        this.random = new SplittableRandom(seed);
        this.gapRandom = new SplittableRandom(seed ^ 0x5DEECE66DL);
        this.clock = clock;
    }

    /**
     * Adds a symbol whose first trade id will be {@code firstId} (providers' ids are large: a test starts at a
     * realistic value so nothing assumes ids start at 1).
     */
    public void add(String symbol, String startPrice, String tickSize, long firstId) {
        add(symbol, startPrice, tickSize, firstId, DEFAULT_LOT, 0);
    }

    /**
     * As {@link #add(String, String, String, long)}, with sizes of 1..1000 {@code lot}s (e.g. "1" for whole shares)
     * and, when {@code maxIdGap > 0}, ids that increase by 1 + 0..maxIdGap (uniform) from one trade to the next:
     * unique and increasing, but not contiguous, so no client can prove completeness by id.
     */
    public void add(String symbol, String startPrice, String tickSize, long firstId, String lot, int maxIdGap) {
        if (maxIdGap < 0) {
            throw new IllegalArgumentException("maxIdGap < 0: " + maxIdGap);
        }
        books.put(symbol, new Book(symbol, new BigDecimal(startPrice), new BigDecimal(tickSize), firstId,
                new BigDecimal(lot), maxIdGap));
    }

    public List<String> symbols() {
        return List.copyOf(books.keySet());
    }

    public boolean has(String symbol) {
        return books.containsKey(symbol);
    }

    /** The next trade of {@code symbol}: a step of -2..+2 ticks, a size of 1..1000 lots (0.001 unless set). */
    public EmulatedTrade next(String symbol) {
        Book b = book(symbol);
        int steps = random.nextInt(5) - 2;
        BigDecimal price = b.last.add(b.tickSize.multiply(BigDecimal.valueOf(steps)));
        if (price.signum() <= 0) {
            price = b.tickSize;
        }
        BigDecimal size = BigDecimal.valueOf(1 + random.nextInt(1000)).multiply(b.lot)
                .setScale(Math.max(8, b.lot.scale()), RoundingMode.UNNECESSARY);
        Instant now = clock.instant();
        // Times never go backwards within a symbol, even when the clock does.
        Instant time = b.lastTime != null && now.isBefore(b.lastTime) ? b.lastTime : now;
        EmulatedTrade trade = new EmulatedTrade(symbol, b.nextId, time, price, size, random.nextBoolean());
        b.nextId += b.maxIdGap == 0 ? 1 : 1 + gapRandom.nextInt(b.maxIdGap + 1);
        if (b.trades.size() >= MAX_TRADES_PER_SYMBOL) {
            throw new IllegalStateException("emulated history of " + symbol + " is full");
        }
        b.trades.add(trade);
        b.last = price;
        b.lastTime = time;
        b.bid = price.subtract(b.tickSize);
        b.ask = price.add(b.tickSize);
        return trade;
    }

    /** Every trade of the symbol so far, oldest first (a copy). */
    public List<EmulatedTrade> trades(String symbol) {
        return List.copyOf(book(symbol).trades);
    }

    /** The live list (emulator thread only): REST handlers page through it without copying. */
    public List<EmulatedTrade> tradesView(String symbol) {
        return Collections.unmodifiableList(book(symbol).trades);
    }

    public BigDecimal last(String symbol) {
        return book(symbol).last;
    }

    public BigDecimal bid(String symbol) {
        return book(symbol).bid;
    }

    public BigDecimal ask(String symbol) {
        return book(symbol).ask;
    }

    public BigDecimal tickSize(String symbol) {
        return book(symbol).tickSize;
    }

    /** Id the next trade of the symbol will carry (gaps included: it is drawn when the previous trade is made). */
    public long nextId(String symbol) {
        return book(symbol).nextId;
    }

    private Book book(String symbol) {
        Book b = books.get(symbol);
        if (b == null) {
            throw new IllegalArgumentException("not an emulated symbol: " + symbol);
        }
        return b;
    }

    private static final class Book {
        final String symbol;
        final BigDecimal tickSize;
        final BigDecimal lot;
        final int maxIdGap;
        final List<EmulatedTrade> trades = new ArrayList<>();
        BigDecimal last;
        BigDecimal bid;
        BigDecimal ask;
        Instant lastTime;
        long nextId;

        Book(String symbol, BigDecimal start, BigDecimal tickSize, long firstId, BigDecimal lot, int maxIdGap) {
            this.symbol = symbol;
            this.tickSize = tickSize;
            this.lot = lot;
            this.maxIdGap = maxIdGap;
            this.last = start.setScale(tickSize.scale(), RoundingMode.HALF_EVEN);
            this.bid = last.subtract(tickSize);
            this.ask = last.add(tickSize);
            this.nextId = firstId;
        }
    }
}
