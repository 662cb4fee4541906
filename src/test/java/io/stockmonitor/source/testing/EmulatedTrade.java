package io.stockmonitor.source.testing;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One trade in an emulated provider's history: what its REST trade endpoint returns and what its socket streams.
 *
 * @param symbol     the provider's own spelling (BTCUSDT, BTC-USD, BTC/USD, AAPL)
 * @param id         the provider's trade id; contiguous per symbol from {@link EmulatedMarket} unless the symbol
 *                   was added with id gaps (then only unique and increasing)
 * @param time       trade time (providers with microsecond or nanosecond stamps get them from here)
 * @param price      exact decimal, as the provider's string-encoded decimals carry it
 * @param size       exact decimal quantity
 * @param buyerMaker true when the buyer was the maker (the taker sold)
 */
public record EmulatedTrade(String symbol, long id, Instant time, BigDecimal price, BigDecimal size,
                            boolean buyerMaker) {

    public long timeMs() {
        return time.toEpochMilli();
    }

    /** "buy" or "sell": the taker's side. */
    public String takerSide() {
        return buyerMaker ? "sell" : "buy";
    }
}
