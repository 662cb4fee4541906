package io.stockmonitor.simulator;

/**
 * How one simulated symbol behaves: starting price (cents), annualised volatility, and typical spread in basis
 * points of the price.
 */
record SymbolSpec(String symbol, long startCents, double annualVolatility, double spreadBps) {
}
