package io.stockmonitor.alerts;

/**
 * A move of at least X % within N minutes: up from the window's low, down from its high, or either. Fires when the
 * move reaches X % while armed; re-arms once the move is back under X minus the re-arm distance (percentage
 * points), e.g. when the window slides past the low that started it. Times are the trades' own, so a refill
 * replays the same moves.
 */
final class MoveEvaluator extends Evaluator {
    private final MoveWindow window;
    private final double level;
    private final double rearmBelow;

    MoveEvaluator(AlertRule rule) {
        super(rule);
        window = new MoveWindow(rule.window());
        level = rule.level();
        rearmBelow = level - rule.rearmPercent();
    }

    MoveWindow window() {
        return window;
    }

    @Override
    boolean onTrade(SymbolAlerts symbol, long ts, double price, boolean live, long nowMs) {
        window.add(ts, price);
        double move = move(price);
        if (!armed && Math.abs(move) < rearmBelow) {
            armed = true;
        }
        if (armed && !spent && Math.abs(move) >= level) {
            fire(move, 0);
            return true;
        }
        return false;
    }

    /** Signed: positive for a rise from the low, negative for a fall from the high (the larger one for "either"). */
    double move(double price) {
        double up = (price - window.low()) / window.low() * 100.0;
        double down = (window.high() - price) / window.high() * 100.0;
        return switch (rule.kind()) {
            case MOVE_UP -> up;
            case MOVE_DOWN -> -down;
            default -> up >= down ? up : -down;
        };
    }

    /** A trade from before the rule existed (the model's recent ticks): fills the window, never fires. */
    void replay(long ts, double price) {
        window.add(ts, price);
    }

    /** After a replay: a move that already reached the level when the rule was made does not fire until it re-arms. */
    void settleSeed(double lastPrice) {
        if (!window.isEmpty() && Math.abs(move(lastPrice)) >= level) {
            armed = false;
        }
    }
}
