package org.switchboard.server;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.switchboard.auth.Ban;
import org.switchboard.auth.BanList;
import org.switchboard.auth.BanTarget;
import org.switchboard.log.ActivityLog;
import org.switchboard.protocol.Protocol;

/**
 * Bans and mutes put in force: each change is written to bans.txt ({@link BanList}) and logged (what,
 * whom, until when, why), and a ban disconnects every connection it covers at once, telling it why:
 * by name the signed-in sessions of that user, by address every connection from the network, signed
 * in or not. What a ban keeps out from then on is checked where it comes in: the acceptor's admission
 * (addresses), the sign-ins (names) and the sessions (mutes).
 *
 * <p>Threads: the operator's calls from any thread (the console's, the panel's worker); {@link #expire}
 * on the server's scheduler. The {@link BanList} serialises the changes.
 */
public final class Enforcement {
    private final BanList bans;
    private final Connections connections;
    private final ActivityLog log;
    private final Clock clock;
    /** The sweep's warning about a file it cannot write is given once, not every sweep. */
    private volatile boolean warned;

    /** A ban in force, and whom it disconnected ({@code dina 127.0.0.1:5000}, the address alone before sign-in). */
    public record Banned(Ban ban, List<String> disconnected) { }

    Enforcement(BanList bans, Connections connections, ActivityLog log, Clock clock) {
        this.bans = bans;
        this.connections = connections;
        this.log = log;
        this.clock = clock;
    }

    /**
     * Bans {@code target} for {@code duration} (null: until lifted), replacing a ban on it, and
     * disconnects whoever it covers.
     *
     * @throws java.io.UncheckedIOException when bans.txt cannot be written: nothing changed
     */
    public Banned ban(BanTarget target, Duration duration, String reason) {
        Ban ban = entry(Ban.Kind.BAN, target, duration, reason);
        bans.add(ban);
        String told = ban.banned(log.zone());
        List<String> disconnected = new ArrayList<>();
        for (Connection connection : connections.snapshot()) {
            boolean covered = switch (target) {
                case BanTarget.Name name -> name.matches(connection.name());
                case BanTarget.Network network -> network.matches(connection.inetAddress());
            };
            if (covered) {
                disconnected.add((connection.name() != null ? connection.name() + " " : "") + connection.address());
                connection.close(new CloseCause.Told(told));
            }
        }
        log.info("Banned " + target.text() + " " + ban.untilText(log.zone()) + ban.why()
                + (disconnected.isEmpty() ? "" : "; disconnected " + String.join(", ", disconnected)));
        return new Banned(ban, disconnected);
    }

    /** Lifts the ban on {@code target}; empty when there was none in force. */
    public Optional<Ban> unban(BanTarget target) {
        Optional<Ban> lifted = bans.remove(Ban.Kind.BAN, target);
        lifted.ifPresent(b -> log.info("Ban on " + b.target().text() + " lifted"));
        return lifted;
    }

    /** Mutes {@code name} for {@code duration} (null: until lifted); a muted user online is told at once. */
    public Ban mute(BanTarget.Name name, Duration duration, String reason) {
        Ban mute = entry(Ban.Kind.MUTE, name, duration, reason);
        bans.add(mute);
        for (Connection connection : connections.snapshot()) {
            if (name.matches(connection.name())) {
                connection.line(Protocol.NOTICE_PREFIX + "You are muted " + mute.untilText(log.zone()) + mute.why()
                        + ": you can read the room, but your lines are not sent.");
            }
        }
        log.info("Muted " + name.text() + " " + mute.untilText(log.zone()) + mute.why());
        return mute;
    }

    /** Lifts the mute on {@code name}; empty when there was none in force. */
    public Optional<Ban> unmute(BanTarget.Name name) {
        Optional<Ban> lifted = bans.remove(Ban.Kind.MUTE, name);
        lifted.ifPresent(m -> {
            log.info("Mute on " + m.target().text() + " lifted");
            for (Connection connection : connections.snapshot()) {
                if (name.matches(connection.name())) {
                    connection.line(Protocol.NOTICE_PREFIX + "You are no longer muted.");
                }
            }
        });
        return lifted;
    }

    /** On the scheduler: drops the entries whose time is up from bans.txt, and logs each. */
    void expire() {
        try {
            for (Ban ban : bans.dropExpired()) {
                log.info((ban.kind() == Ban.Kind.BAN ? "Ban on " : "Mute on ") + ban.target().text() + " expired");
            }
            warned = false;
        } catch (java.io.UncheckedIOException e) {
            // they no longer apply all the same; the next change or sweep tries the file again
            if (!warned) {
                warned = true;
                log.warn("Expired bans not dropped from the file: " + e.getMessage());
            }
        }
    }

    private Ban entry(Ban.Kind kind, BanTarget target, Duration duration, String reason) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        return new Ban(kind, target, now, duration == null ? null : now.plus(duration), reason);
    }
}
