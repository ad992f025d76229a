package org.switchboard.server;

/**
 * The per-client line rate limit: a token bucket holding {@code burst} lines, refilled at
 * {@code ratePerSecond}. A line that finds the bucket empty is delayed until a token is there; after
 * {@code warnAfter} delayed lines in a row the client is warned, after {@code disconnectAfter} it is
 * disconnected (0: never). A {@code ratePerSecond} of 0 switches flood control off (benchmarks).
 */
public record FloodLimits(int burst, int ratePerSecond, int warnAfter, int disconnectAfter) {
    /** A burst of 10 lines, then 5 a second; warned after 10 delayed lines in a row, cut off after 50. */
    public static final FloodLimits DEFAULT = new FloodLimits(10, 5, 10, 50);
    public static final FloodLimits OFF = new FloodLimits(10, 0, 0, 0);

    public FloodLimits {
        requireRange("flood burst", burst, 1, 1_000_000);
        requireRange("flood rate", ratePerSecond, 0, 1_000_000);
        requireRange("flood warning", warnAfter, 0, 1_000_000);
        requireRange("flood disconnect", disconnectAfter, 0, 1_000_000);
    }

    public boolean enabled() {
        return ratePerSecond > 0;
    }

    private static void requireRange(String what, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(what + " must be between " + min + " and " + max + ", not " + value);
        }
    }
}
