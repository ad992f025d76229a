package org.switchboard.server;

/**
 * The per-client line rate limit: a token bucket holding {@code burst} lines, refilled at
 * {@code ratePerSecond}. A line that finds the bucket empty is delayed until a token is there; after
 * {@code warnAfter} delayed lines in a row the client is warned, after {@code disconnectAfter} it is
 * disconnected (0: never). A {@code ratePerSecond} of 0 switches flood control off (benchmarks).
 */
public record FloodLimits(int burst, int ratePerSecond, int warnAfter, int disconnectAfter) {
    /** ServerConfig's defaults: a burst of 10 lines, then 5 a second; warned after 10, cut off after 50. */
    public static final FloodLimits DEFAULT = new FloodLimits(ServerConfig.FLOOD_BURST.defaultValue(),
            ServerConfig.FLOOD_RATE.defaultValue(), ServerConfig.FLOOD_WARN.defaultValue(),
            ServerConfig.FLOOD_DISCONNECT.defaultValue());
    public static final FloodLimits OFF = new FloodLimits(10, 0, 0, 0);

    public FloodLimits {
        ServerConfig.FLOOD_BURST.require(burst);
        ServerConfig.FLOOD_RATE.require(ratePerSecond);
        ServerConfig.FLOOD_WARN.require(warnAfter);
        ServerConfig.FLOOD_DISCONNECT.require(disconnectAfter);
    }

    public boolean enabled() {
        return ratePerSecond > 0;
    }
}
