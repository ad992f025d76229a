package org.switchboard.server;

/** The limits against abuse in one line, as the log and the operator's {@code limits} show them. */
public final class Limits {
    private Limits() {
    }

    public static String describe(ServerConfig c) {
        return "line " + c.maxLineBytes() + " bytes, sign-in " + c.signInTimeout().toSeconds() + " s, "
                + (c.flood().enabled() ? "flood burst " + c.flood().burst() + " then " + c.flood().ratePerSecond()
                        + "/s (warn " + c.flood().warnAfter() + ", cut " + c.flood().disconnectAfter() + ")"
                        : "flood control off")
                + ", " + (c.login().enabled() ? c.login().failures() + " wrong passwords in "
                        + c.login().window().toSeconds() + " s lock a name for " + c.login().lockout().toSeconds() + " s"
                        : "no name lock")
                + ", " + c.maxClientsPerAddress() + " per address, " + c.maxClients() + " in all, outbox "
                + c.outboxLimitBytes() + " bytes, idle " + (c.idleTimeout().isZero() ? "never" : c.idleTimeout().toSeconds() + " s")
                + ", keep-alive " + (c.keepAlive().isZero() ? "off" : c.keepAlive().toSeconds() + " s")
                + ", passwords of at least " + c.minPasswordLength();
    }
}
