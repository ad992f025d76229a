package org.switchboard.server;

import java.time.Duration;

/** A snapshot of the server's counters, for "status" and the control panel's status bar. */
public record ServerStats(
        ServerState state,
        int port,
        ServerMode mode,
        Duration uptime,
        int connections,
        int usersOnline,
        int peakUsersOnline,
        long messages,
        int registeredUsers) { }
