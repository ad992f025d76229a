package org.switchboard.auth;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One ban or mute: whom, since when, until when ({@code until} null: until the operator lifts it) and
 * why ({@code reason} may be empty). A mute is always on a name. Immutable.
 */
public record Ban(Kind kind, BanTarget target, Instant since, Instant until, String reason) {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z", Locale.ROOT);

    /** A ban keeps someone out; a mute lets them stay and read, but not speak. */
    public enum Kind {
        BAN, MUTE;

        /** {@code ban}, {@code mute}: as bans.txt, the commands and the panel write it. */
        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Ban {
        Objects.requireNonNull(kind);
        Objects.requireNonNull(target);
        Objects.requireNonNull(since);
        // the reason is set in sentences ("Banned until ...: spam. Goodbye."): a full stop of its own would double
        reason = reason == null ? "" : reason.strip().replaceFirst("\\.+$", "").strip();
        if (kind == Kind.MUTE && !(target instanceof BanTarget.Name)) {
            throw new IllegalArgumentException("only a name can be muted");
        }
    }

    /** Whether the same kind of entry is about the same target (a new one replaces it). */
    public boolean sameAs(Ban other) {
        return kind == other.kind && target.equals(other.target);
    }

    public boolean expired(Instant now) {
        return until != null && !now.isBefore(until);
    }

    /** Time left, or empty for an entry until lifted. */
    public Optional<Duration> left(Instant now) {
        return until == null ? Optional.empty() : Optional.of(Duration.between(now, until).isNegative()
                ? Duration.ZERO : Duration.between(now, until));
    }

    /** {@code until 2026-12-02 01:05:00 UTC} in {@code zone}, or {@code until the operator lifts it}. */
    public String untilText(ZoneId zone) {
        return until == null ? "until the operator lifts it" : "until " + WHEN.format(until.atZone(zone));
    }

    /** {@code : spamming} for a reason, "" for none. */
    public String why() {
        return reason.isEmpty() ? "" : ": " + reason;
    }

    /** What a banned client is told: {@code Banned until 2026-12-02 01:05:00 UTC: spamming}. */
    public String banned(ZoneId zone) {
        return "Banned " + untilText(zone) + why();
    }

    /** What a muted user is told when a line is refused. */
    public String muted(ZoneId zone) {
        return "You are muted " + untilText(zone) + why() + "; your line was not sent.";
    }
}
