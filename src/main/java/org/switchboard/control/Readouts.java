package org.switchboard.control;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.switchboard.chat.MemberInfo;
import org.switchboard.server.ServerConfig;
import org.switchboard.server.ServerState;
import org.switchboard.server.ServerStats;
import org.switchboard.server.ServerView;

/** What the operator reads off the server: {@code status}, {@code tls}, {@code users}, as text. */
final class Readouts {
    private final ServerView view;

    Readouts(ServerView view) {
        this.view = view;
    }

    /** The IRC port after {@code prefix}, or nothing when the server has none. */
    private String irc(String prefix) {
        return view.ircPort().stream().mapToObj(p -> prefix + p).findFirst().orElse("");
    }

    Reply status() {
        ServerStats stats = view.stats();
        String where = switch (stats.state()) {
            case LISTENING -> "listening on port " + stats.port();
            case PAUSED -> "paused (port " + stats.port() + irc(" and IRC port ") + " closed to new connections)";
            case STOPPED -> "stopped";
        };
        return Reply.success(
                "Server " + where + (stats.state() == ServerState.STOPPED ? "" : " (not encrypted)" + tlsWhere())
                        + (stats.state() == ServerState.LISTENING ? irc(", IRC on port ") : "")
                        + ", " + stats.mode().name().toLowerCase(Locale.ROOT) + " mode, up "
                        + formatDuration(stats.uptime()),
                "Users online " + stats.usersOnline() + " (peak " + stats.peakUsersOnline() + "), connections "
                        + stats.connections() + ", registered users " + stats.registeredUsers()
                        + ", messages " + stats.messages(),
                writeRoundLine(stats));
    }

    /** ", TLS on port 5443 (SHA256:...)", or nothing when TLS is off. */
    private String tlsWhere() {
        int port = view.tlsPort();
        return port == ServerConfig.OFF || view.tlsFingerprint() == null ? ""
                : " and " + port + " (TLS, certificate " + view.tlsFingerprint() + ")";
    }

    /** The TLS port and the certificate in service. */
    Reply tls() {
        if (!view.config().tlsOn()) {
            return Reply.success("TLS is off (--tls-port off).");
        }
        String fingerprint = view.tlsFingerprint();
        if (fingerprint == null) {
            return Reply.success("TLS starts with the server (port " + view.config().tlsPort() + ").");
        }
        return Reply.success("TLS on port " + view.tlsPort() + ", certificate " + fingerprint,
                "Certificate from " + view.config().tls().describe());
    }

    /** The writers' last round through the room: about the longest a chat line waits to be written. */
    static String writeRoundLine(ServerStats stats) {
        if (stats.writeRoundClients() == 0) {
            return "Last write round: none yet (nobody has been sent a room line)";
        }
        double millis = stats.writeRound().toNanos() / 1e6;
        return String.format(Locale.ROOT, "Last write round: %s ms through %,d member%s (a room line waits up to about one round to be sent)",
                millis < 1 ? String.format(Locale.ROOT, "%.2f", millis) : String.format(Locale.ROOT, "%.1f", millis),
                stats.writeRoundClients(), stats.writeRoundClients() == 1 ? "" : "s");
    }

    Reply users() {
        List<MemberInfo> users = view.users();
        if (users.isEmpty()) {
            return Reply.success("Nobody is signed in.");
        }
        List<String> lines = new ArrayList<>();
        lines.add(users.size() + " signed in:");
        Instant now = view.clock().instant();
        for (MemberInfo user : users) {
            lines.add(String.format("  %-20s %-22s for %s", user.name(), user.address(),
                    formatDuration(Duration.between(user.since(), now))));
        }
        return Reply.success(lines);
    }

    static String formatDuration(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return seconds / 60 + "m " + seconds % 60 + "s";
        }
        return seconds / 3600 + "h " + seconds % 3600 / 60 + "m";
    }
}
