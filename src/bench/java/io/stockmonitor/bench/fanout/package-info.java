/**
 * Fan-out benchmark of the feed simulator: {@link io.stockmonitor.bench.fanout.FanoutBench} runs the simulator and
 * starts {@link io.stockmonitor.bench.fanout.FanoutLoadGeneratorMain} as a separate JVM.
 */
package io.stockmonitor.bench.fanout;
