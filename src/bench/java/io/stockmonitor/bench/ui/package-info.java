/** Whole-window benchmark: the real window composition against the in-process simulator under a heavy feed. */
package io.stockmonitor.bench.ui;
