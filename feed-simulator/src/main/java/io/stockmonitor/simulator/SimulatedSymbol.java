package io.stockmonitor.simulator;

/**
 * One simulated symbol as its producer sees it: the price model and the day's statistics so far, from which it
 * makes the next tick. It goes on after any tick of the epoch ({@link #goOnAfter}), since the model carries nothing
 * but the mid price from one tick to the next: a producer that takes a shared history over makes exactly the ticks
 * its predecessor would have. Not thread-safe: one producer thread owns it.
 */
final class SimulatedSymbol {
    private final PriceModel model;
    private final EpochStart opening;
    private long lastSeq;
    private double open;
    private double high;
    private double low;
    private double volume;

    SimulatedSymbol(SymbolSpec spec, long seed, double rate, Epoch epoch) {
        this.model = new PriceModel(spec, seed, epoch.index(), rate);
        DerivedHistory derived = new DerivedHistory(spec, seed, epoch.index(), epoch.startMs(), model.priceCents(),
                rate, SimulatorConfig.DERIVED_HISTORY_DAYS);
        this.opening = new EpochStart(derived, model.priceCents() / 100.0, model.bidCents() / 100.0,
                model.askCents() / 100.0, derived.previousDayCloseCents() / 100.0);
        open = opening.price();
        high = open;
        low = open;
    }

    /** How the symbol's feed starts the epoch: the derived history, the first quote, the previous close. */
    EpochStart opening() {
        return opening;
    }

    /** Goes on after {@code latest}, a tick of this epoch (as the shared history holds it). */
    void goOnAfter(TickRecord latest) {
        lastSeq = latest.seq();
        model.restore(latest.modelState());
        open = latest.open();
        high = latest.high();
        low = latest.low();
        volume = latest.volume();
    }

    /** The next tick, made at {@code nowMs}; counted as made only by {@link #made}. */
    TickRecord next(long nowMs) {
        double state = model.state();
        model.next(lastSeq + 1);
        double price = model.priceCents() / 100.0;
        double size = model.size();
        TickRecord tick = new TickRecord(lastSeq + 1, nowMs, price, size, model.bidCents() / 100.0,
                model.askCents() / 100.0, open, Math.max(high, price), Math.min(low, price), opening.prevClose(),
                volume + size, null, model.state(), TickRecord.NO_UPSTREAM_ID);
        // Until it is made, the model stays where it was: a tick not taken is made again, the same.
        model.restore(state);
        return tick;
    }

    /** {@code tick}, from {@link #next}, was taken: the symbol goes on after it. */
    void made(TickRecord tick) {
        goOnAfter(tick);
    }
}
