package io.stockmonitor.alerts;

/**
 * A value crossing a level, the heart of price, change and line rules: it fires on the first trade whose value is
 * strictly beyond the level after a trade whose value was not, once armed; it re-arms once the value is back on the
 * other side by the re-arm distance. An unknown value (no previous close yet, a line warming up) is neither side:
 * the next known value cannot fire, it only sets the side.
 */
abstract class CrossingEvaluator extends Evaluator {
    static final byte UNKNOWN = 0;
    static final byte NOT_BEYOND = 1;
    static final byte BEYOND = 2;

    final boolean above;
    byte side = UNKNOWN;

    CrossingEvaluator(AlertRule rule, boolean above) {
        super(rule);
        this.above = above;
    }

    /**
     * One step with the value now ({@code v}, NaN when unknown), the level, and the bound the value must reach
     * (at or past it, on the other side) to re-arm.
     */
    final boolean cross(double v, double level, double rearmBound) {
        if (Double.isNaN(v)) {
            side = UNKNOWN;
            return false;
        }
        boolean beyond = above ? v > level : v < level;
        if (!armed && (above ? v <= rearmBound : v >= rearmBound)) {
            armed = true;
        }
        boolean fires = beyond && side == NOT_BEYOND && armed && !spent;
        side = beyond ? BEYOND : NOT_BEYOND;
        return fires;
    }

    /** Sets the side from a known value without firing (a rule made while the symbol trades). */
    final void seedSide(double v, double level) {
        side = Double.isNaN(v) ? UNKNOWN : (above ? v > level : v < level) ? BEYOND : NOT_BEYOND;
    }
}
