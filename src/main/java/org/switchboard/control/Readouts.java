package org.switchboard.control;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.switchboard.chat.MemberInfo;
import org.switchboard.server.PortInfo;
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

    Reply status() {
        ServerStats stats = view.stats();
        List<PortInfo> ports = view.ports();
        String where = switch (stats.state()) {
            case LISTENING -> "listening on port " + portList(ports);
            case PAUSED -> "paused: port " + portList(ports) + " closed to new connections";
            case STOPPED -> "stopped";
        };
        if (stats.state() != ServerState.STOPPED && !view.config().plain()) {
            where += ", TLS only (--plain off)";
        }
        String fingerprint = view.tlsFingerprint();
        boolean tls = stats.state() != ServerState.STOPPED && fingerprint != null
                && ports.stream().anyMatch(PortInfo::encrypted);
        return Reply.success(
                "Server " + where + (tls ? ", TLS certificate " + fingerprint : "") + ", "
                        + stats.mode().name().toLowerCase(Locale.ROOT) + " mode, up " + formatDuration(stats.uptime()),
                "Users online " + stats.usersOnline() + " (peak " + stats.peakUsersOnline() + "), connections "
                        + stats.connections() + ", registered users " + stats.registeredUsers()
                        + ", messages " + stats.messages(),
                writeRoundLine(stats));
    }

    /** {@code 5050 (line), 5443 (line+TLS) and 6667 (IRC)}: every port with what its clients speak. */
    static String portList(List<PortInfo> ports) {
        List<String> each = ports.stream().map(p -> p.port() + " (" + p.protocol() + ")").toList();
        if (each.size() < 2) {
            return String.join("", each);
        }
        return String.join(", ", each.subList(0, each.size() - 1)) + " and " + each.getLast();
    }

    /** The TLS ports and the certificate in service (one for both). */
    Reply tls() {
        ServerConfig config = view.config();
        if (!config.anyTls()) {
            return Reply.success("TLS is off (--tls-port off, --irc-tls-port off).");
        }
        String fingerprint = view.tlsFingerprint();
        boolean started = fingerprint != null;
        List<String> ports = new ArrayList<>();
        if (config.tlsOn()) {
            ports.add("port " + (started ? view.tlsPort() : config.tlsPort()));
        }
        if (config.ircTlsEnabled()) {
            ports.add("IRC over TLS on port " + (started ? view.ircTlsPort() : config.ircTlsPort()));
        }
        String where = String.join(", ", ports);
        if (!started) {
            return Reply.success("TLS starts with the server (" + where + ").");
        }
        return Reply.success("TLS on " + where + ", certificate " + fingerprint,
                "Certificate from " + config.tls().describe());
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
            lines.add(String.format("  %-20s %-9s %-22s for %s", user.name(), user.protocol(), user.address(),
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
