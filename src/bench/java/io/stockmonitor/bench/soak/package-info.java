/** The chaos soak of issue 10 from the command line; the harness is {@code io.stockmonitor.soak} (test tree). */
package io.stockmonitor.bench.soak;
