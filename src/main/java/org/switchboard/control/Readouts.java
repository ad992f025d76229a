package org.switchboard.control;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;
import org.switchboard.chat.MemberInfo;
import org.switchboard.server.ServerConfig;
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
        String where = switch (stats.state()) {
            case LISTENING -> "listening on " + ports(stats);
            case PAUSED -> "paused (" + ports(stats) + " closed to new connections)";
            case STOPPED -> "stopped";
        };
        return Reply.success(
                "Server " + where
                        + ", " + stats.mode().name().toLowerCase(Locale.ROOT) + " mode, up "
                        + formatDuration(stats.uptime()),
                "Users online " + stats.usersOnline() + " (peak " + stats.peakUsersOnline() + "), connections "
                        + stats.connections() + ", registered users " + stats.registeredUsers()
                        + ", messages " + stats.messages(),
                writeRoundLine(stats));
    }

    /**
     * Every port, the line protocol's then IRC's, each plain one before its TLS twin, the certificate with
     * the first TLS one: "port 5050 (not encrypted) and 5443 (TLS, certificate SHA256:...), IRC on port
     * 6667 and 6697 (TLS)"; with {@code --plain off} it ends "TLS only (--plain off)".
     */
    private String ports(ServerStats stats) {
        String fingerprint = view.tlsFingerprint();
        String[] certificate = {fingerprint == null ? "" : ", certificate " + fingerprint};
        IntFunction<String> tls = port -> {
            String text = port + " (TLS" + certificate[0] + ")";
            certificate[0] = "";
            return text;
        };
        boolean plain = view.config().plain();
        List<String> line = new ArrayList<>();
        if (plain) {
            line.add(stats.port() + " (not encrypted)");
        }
        if (view.tlsPort() != ServerConfig.OFF) {
            line.add(tls.apply(view.tlsPort()));
        }
        List<String> irc = new ArrayList<>();
        view.ircPort().ifPresent(port -> irc.add(Integer.toString(port)));
        if (view.ircTlsPort() != ServerConfig.OFF) {
            irc.add(tls.apply(view.ircTlsPort()));
        }
        List<String> parts = new ArrayList<>();
        if (!line.isEmpty()) {
            parts.add("port " + String.join(" and ", line));
        }
        if (!irc.isEmpty()) {
            parts.add("IRC on port " + String.join(" and ", irc));
        }
        if (!plain) {
            parts.add("TLS only (--plain off)");
        }
        return String.join(", ", parts);
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
