package org.switchboard.control;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.switchboard.auth.Ban;
import org.switchboard.auth.BanTarget;
import org.switchboard.auth.IdentityFileException;
import org.switchboard.protocol.Durations;
import org.switchboard.server.ChatServer;
import org.switchboard.server.DataFolderException;
import org.switchboard.server.Enforcement;

/**
 * The operator's bans and mutes: {@code ban}, {@code unban}, {@code bans}, {@code mute},
 * {@code unmute}. Parses what was typed ({@code ban NAME|ADDRESS|CIDR [DURATION] [REASON]}), answers
 * with a {@link Reply}, never throws for bad input; the server puts them in force
 * ({@link Enforcement}). Thread-safe as the server is; the panel calls it off the FX thread.
 */
public final class Moderation {
    private final ChatServer server;

    Moderation(ChatServer server) {
        this.server = server;
    }

    /** {@code ban NAME|ADDRESS|CIDR [DURATION] [REASON]}. */
    public Reply ban(String argument) {
        return parsed(argument, "ban NAME|ADDRESS|CIDR [DURATION] [REASON]", this::ban);
    }

    /** {@code mute NAME [DURATION] [REASON]}. */
    public Reply mute(String argument) {
        return parsed(argument, "mute NAME [DURATION] [REASON]", this::mute);
    }

    /** Bans {@code target} for {@code duration} (null: until lifted), disconnecting whoever it covers. */
    public Reply ban(String target, Duration duration, String reason) {
        BanTarget parsed;
        try {
            parsed = BanTarget.parse(target);
        } catch (IllegalArgumentException e) {
            return Reply.failure(e.getMessage());
        }
        return enforced(enforcement -> {
            Enforcement.Banned banned = enforcement.ban(parsed, duration, reason);
            return Reply.success("Banned " + parsed.text() + " " + banned.ban().untilText(zone()) + banned.ban().why()
                    + (banned.disconnected().isEmpty() ? "." : "; disconnected " + String.join(", ",
                            banned.disconnected()) + "."));
        });
    }

    /** Mutes {@code name} for {@code duration} (null: until lifted): they stay and read, but cannot speak. */
    public Reply mute(String name, Duration duration, String reason) {
        Optional<BanTarget.Name> parsed = name(name);
        if (parsed.isEmpty()) {
            return Reply.failure("Only a name can be muted, not '" + name.strip() + "'. Usage: mute NAME [DURATION]"
                    + " [REASON]");
        }
        return enforced(enforcement -> {
            Ban mute = enforcement.mute(parsed.get(), duration, reason);
            return Reply.success("Muted " + parsed.get().text() + " " + mute.untilText(zone()) + mute.why() + ".");
        });
    }

    /** {@code unban NAME|ADDRESS|CIDR}. */
    public Reply unban(String argument) {
        if (argument.isBlank() || argument.strip().contains(" ")) {
            return Reply.failure("Usage: unban NAME|ADDRESS|CIDR");
        }
        BanTarget target;
        try {
            target = BanTarget.parse(argument);
        } catch (IllegalArgumentException e) {
            return Reply.failure(e.getMessage());
        }
        return enforced(enforcement -> enforcement.unban(target)
                .map(b -> Reply.success("Ban on " + b.target().text() + " lifted."))
                .orElseGet(() -> Reply.failure(target.text() + " is not banned. 'bans' lists the bans.")));
    }

    /** {@code unmute NAME}. */
    public Reply unmute(String argument) {
        Optional<BanTarget.Name> name = argument.strip().contains(" ") ? Optional.empty() : name(argument);
        if (name.isEmpty()) {
            return Reply.failure("Usage: unmute NAME");
        }
        return enforced(enforcement -> enforcement.unmute(name.get())
                .map(m -> Reply.success("Mute on " + m.target().text() + " lifted."))
                .orElseGet(() -> Reply.failure(name.get().text() + " is not muted. 'bans' lists the mutes.")));
    }

    /** {@code bans}: every ban and mute in force, with the time left and the reason. */
    public Reply bans() {
        List<Ban> all = server.bans();
        if (all.isEmpty()) {
            return Reply.success("No bans or mutes.");
        }
        Instant now = server.clock().instant();
        List<String> lines = new ArrayList<>();
        lines.add(all.size() + (all.size() == 1 ? " ban or mute:" : " bans and mutes:"));
        for (Ban ban : all) {
            String left = ban.left(now).map(d -> Durations.shortText(d) + " left").orElse("until lifted");
            lines.add(String.format(Locale.ROOT, "  %-4s  %-20s  %-16s  %s", ban.kind().word(), ban.target().text(),
                    left, ban.reason()).stripTrailing());
        }
        return Reply.success(lines);
    }

    private interface Action {
        Reply run(String target, Duration duration, String reason);
    }

    /** {@code TARGET [DURATION] [REASON]}: the second word is a duration when it is written as one. */
    private static Reply parsed(String argument, String usage, Action action) {
        String[] words = argument.strip().split("\\s+", 3);
        if (words[0].isEmpty()) {
            return Reply.failure("Usage: " + usage + "; DURATION is 30s, 10m, 2h, 1d, 1w, none for until lifted.");
        }
        Duration duration = null;
        String reason = words.length > 1 ? argument.strip().split("\\s+", 2)[1] : "";
        if (words.length > 1 && Durations.looksLikeOne(words[1])) {
            try {
                duration = Durations.parse(words[1]);
            } catch (IllegalArgumentException e) {
                return Reply.failure(e.getMessage() + ".");
            }
            reason = words.length > 2 ? words[2] : "";
        }
        return action.run(words[0], duration, reason);
    }

    private static Optional<BanTarget.Name> name(String text) {
        try {
            return BanTarget.parse(text) instanceof BanTarget.Name name ? Optional.of(name) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private interface Enforced {
        Reply run(Enforcement enforcement);
    }

    /** Runs a change on the server's bans, turning what can go wrong with the files into a failed reply. */
    private Reply enforced(Enforced change) {
        try {
            return change.run(server.enforcement());
        } catch (IdentityFileException e) {
            return Reply.failure("Cannot read the identity file: " + e.getMessage());
        } catch (DataFolderException e) {
            return Reply.failure(e.getMessage());
        } catch (UncheckedIOException e) {
            return Reply.failure("Not changed: " + e.getMessage());
        }
    }

    private ZoneId zone() {
        return server.log().zone();
    }
}
