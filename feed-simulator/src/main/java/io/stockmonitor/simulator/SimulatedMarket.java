package io.stockmonitor.simulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The simulated market as a {@link TickProducer}: a {@link SimulatedSymbol} per symbol and a {@link Publisher}
 * thread making their ticks at Poisson arrivals. Everything it makes is a function of the seed, the rate and the
 * epoch, so every server sharing a history derives the same bars before the start and goes on with the same ticks.
 */
final class SimulatedMarket implements TickProducer {
    private final List<SymbolSpec> specs;
    private final long seed;
    private final double rate;
    private final InternalFailure failure;
    private Publisher publisher;

    SimulatedMarket(SimulatorConfig config, InternalFailure failure) {
        this.specs = DefaultUniverse.resolve(config.symbols());
        this.seed = config.seed();
        this.rate = config.ratePerSymbol();
        this.failure = failure;
    }

    @Override
    public List<String> symbols() {
        List<String> names = new ArrayList<>(specs.size());
        for (SymbolSpec s : specs) {
            names.add(s.symbol());
        }
        return names;
    }

    @Override
    public EpochStart opening(int symbolIndex, Epoch epoch) {
        return new SimulatedSymbol(specs.get(symbolIndex), seed, rate, epoch).opening();
    }

    @Override
    public synchronized void start(Epoch epoch, TickRecord[] latest, TickTarget target) {
        stop();
        SimulatedSymbol[] symbols = new SimulatedSymbol[specs.size()];
        for (int i = 0; i < symbols.length; i++) {
            symbols[i] = new SimulatedSymbol(specs.get(i), seed, rate, epoch);
            if (latest[i] != null) {
                symbols[i].goOnAfter(latest[i]);
            }
        }
        publisher = new Publisher(symbols, rate, seed, target, failure);
        publisher.start();
    }

    @Override
    public synchronized void stop() {
        if (publisher != null) {
            publisher.stop();
            publisher = null;
        }
    }

    @Override
    public Map<String, Object> status() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("source", "simulated");
        s.put("producing", publisher != null);
        return s;
    }
}
