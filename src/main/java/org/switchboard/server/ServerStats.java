package org.switchboard.server;

import java.time.Duration;

/**
 * A snapshot of the server's counters, for "status" and the control panel's status bar.
 *
 * @param writeRound        how long the writers' latest round through the room took (one write to each
 *                          member with lines due; the slowest writer thread's), zero before the first: a
 *                          chat line waits for the next round to reach a member
 * @param writeRoundClients the members that round went through, 0 before the first
 * @param ircPort           the IRC port (the real one once bound), {@link ServerConfig#IRC_OFF} for none
 */
public record ServerStats(
        ServerState state,
        int port,
        ServerMode mode,
        Duration uptime,
        int connections,
        int usersOnline,
        int peakUsersOnline,
        long messages,
        int registeredUsers,
        Duration writeRound,
        int writeRoundClients,
        int ircPort) { }
