package org.switchboard.server;

import java.util.function.LongSupplier;

/**
 * One client's token bucket (see {@link FloodLimits}). It only decides; the caller delays, warns or
 * disconnects. Delaying the reader is the gentle part: an over-eager client is slowed to the rate and
 * its extra lines wait in its own TCP buffers, costing the room nothing.
 *
 * <p>Owned by the connection's reader thread; not thread-safe.
 */
final class FloodControl {
    enum Action { PASS, DELAY, WARN, DISCONNECT }

    /** What to do with a line: the action and, for DELAY and WARN, how long to hold it first. */
    record Decision(Action action, long delayNanos) {
        static final Decision PASS = new Decision(Action.PASS, 0);
    }

    private final FloodLimits limits;
    private final LongSupplier nanoTime;
    private double tokens;
    private long last;
    private int delayedInRow;

    FloodControl(FloodLimits limits, LongSupplier nanoTime) {
        this.limits = limits;
        this.nanoTime = nanoTime;
        this.tokens = limits.burst();
        this.last = nanoTime.getAsLong();
    }

    /** Takes one line's token. */
    Decision admit() {
        if (!limits.enabled()) {
            return Decision.PASS;
        }
        long now = nanoTime.getAsLong();
        tokens = Math.min(limits.burst(), tokens + (now - last) * limits.ratePerSecond() / 1e9);
        last = now;
        if (tokens >= 1) {
            tokens -= 1;
            delayedInRow = 0;
            return Decision.PASS;
        }
        // The line borrows its token: the debt is paid back by waiting until the bucket has refilled it.
        tokens -= 1;
        long delay = (long) Math.ceil(-tokens * 1e9 / limits.ratePerSecond());
        delayedInRow++;
        if (limits.disconnectAfter() > 0 && delayedInRow >= limits.disconnectAfter()) {
            return new Decision(Action.DISCONNECT, 0);
        }
        if (delayedInRow == limits.warnAfter()) {
            return new Decision(Action.WARN, delay);
        }
        return new Decision(Action.DELAY, delay);
    }
}
