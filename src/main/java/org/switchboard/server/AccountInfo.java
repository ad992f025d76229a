package org.switchboard.server;

import java.time.Instant;
import org.switchboard.auth.Ban;

/**
 * One registered name as the operator's {@code accounts} and the panel's Accounts tab show it: when it
 * was registered and last seen (null when not known: a name from an identity file of an older server,
 * not seen since), how many login tokens are live, whether the user is online, and the ban on the name
 * in force (null when none).
 */
public record AccountInfo(String name, Instant registered, Instant lastSeen, int liveTokens, boolean online, Ban ban) {
    public boolean banned() {
        return ban != null;
    }
}
