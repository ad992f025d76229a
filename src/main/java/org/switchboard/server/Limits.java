package org.switchboard.server;

/** The limits against abuse: in one line, as the log and the operator's {@code limits} show them, and what may change. */
public final class Limits {
    private Limits() {
    }

    /**
     * Refuses new settings that change more than the limits: the files, the mode, the kind of threads
     * and the history limit are fixed for a server's life, and so are the endpoints (the ports and the
     * IRC channel), which the server makes once; a new value would be taken and never used.
     */
    static void checkOnlyLimitsChange(ServerConfig current, ServerConfig next) {
        if (!next.usersFile().equals(current.usersFile()) || !next.logFile().equals(current.logFile())
                || !next.historyFile().equals(current.historyFile()) || !next.bansFile().equals(current.bansFile())
                || next.mode() != current.mode()
                || next.threads() != current.threads() || next.historyLimit() != current.historyLimit()) {
            throw new IllegalArgumentException("files, mode, threads and history limit are fixed for a server's life");
        }
        if (next.ircPort() != current.ircPort() || !next.ircChannel().equals(current.ircChannel())
                || next.tlsPort() != current.tlsPort()) {
            throw new IllegalArgumentException("the IRC and TLS ports and the IRC channel are fixed for a server's life"
                    + " (--irc-port, --irc-channel, --tls-port at launch)");
        }
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
