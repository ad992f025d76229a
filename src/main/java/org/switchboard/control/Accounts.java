package org.switchboard.control;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.switchboard.auth.IdentityFileException;
import org.switchboard.protocol.TextFiles;
import org.switchboard.server.AccountAdmin;
import org.switchboard.server.AccountInfo;
import org.switchboard.server.ChatServer;
import org.switchboard.server.DataFolderException;

/**
 * The operator's account commands: {@code accounts [FILTER]}, {@code delete-user NAME [REASON]},
 * {@code reset-password NAME [REASON]}, {@code clear-users} and {@code restore-users}. Each answers
 * with a {@link Reply}; none throws for bad input or a file that cannot be written.
 *
 * <p>Thread-safe as {@link AccountAdmin} is; may block on the identity file, so the control panel calls
 * it off the FX thread.
 */
public final class Accounts {
    /** Before the one-time password in reset-password's reply, for the panel to find it. */
    public static final String ONE_TIME_PREFIX = "One-time password: ";

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm", Locale.ROOT);

    private final ChatServer server;
    private final AccountAdmin admin;

    Accounts(ChatServer server) {
        this.server = server;
        this.admin = server.accountAdmin();
    }

    /** One of the account commands, its argument as typed. */
    Reply execute(String command, String argument) {
        return switch (command) {
            case "accounts" -> list(argument);
            case "delete-user" -> withName(argument, "delete-user", this::delete);
            case "reset-password" -> withName(argument, "reset-password", this::resetPassword);
            case "clear-users" -> clearUsers();
            case "restore-users" -> restoreUsers();
            default -> throw new IllegalArgumentException("not an account command: " + command);
        };
    }

    /** Registered names containing {@code filter} (any case; "" for all), one row each. */
    public Reply list(String filter) {
        String wanted = filter.strip().toLowerCase(Locale.ROOT);
        List<AccountInfo> rows = server.accounts().stream()
                .filter(a -> a.name().toLowerCase(Locale.ROOT).contains(wanted)).toList();
        if (rows.isEmpty()) {
            return Reply.success(wanted.isEmpty() ? "No registered accounts." : "No account matches '" + filter.strip()
                    + "'.");
        }
        ZoneId zone = server.log().zone();
        int width = Math.max(4, rows.stream().mapToInt(a -> a.name().length()).max().orElse(4));
        String row = "  %-" + width + "s  %-16s  %-16s  %6s  %-6s  %s";
        List<String> lines = new ArrayList<>();
        long online = rows.stream().filter(AccountInfo::online).count();
        lines.add(rows.size() + (rows.size() == 1 ? " account" : " accounts") + (wanted.isEmpty() ? "" : " matching '"
                + filter.strip() + "'") + ", " + online + " online:");
        lines.add(String.format(Locale.ROOT, row, "NAME", "REGISTERED", "LAST SEEN", "TOKENS", "ONLINE", "BANNED")
                .stripTrailing());
        for (AccountInfo a : rows) {
            lines.add(String.format(Locale.ROOT, row, a.name(), when(a.registered(), zone), when(a.lastSeen(), zone),
                    a.liveTokens(), a.online() ? "yes" : "no", a.banned() ? "yes, " + a.ban().untilText(zone) : "no")
                    .stripTrailing());
        }
        return Reply.success(lines);
    }

    /** Deletes an account: the user is disconnected, the tokens die, the name is free again. */
    public Reply delete(String name, String reason) {
        return guarded("delete the account", () -> admin.delete(name, reason)
                .map(a -> Reply.success("Deleted the account " + a.name()
                        + (a.online() ? "; they were online and are disconnected." : ".")
                        + " The name is free to register again."))
                .orElseGet(() -> noSuchAccount(name)));
    }

    /** A one-time password in place of the user's: the reply carries it, after {@link #ONE_TIME_PREFIX}. */
    public Reply resetPassword(String name, String reason) {
        return guarded("reset the password", () -> admin.resetPassword(name, reason)
                .map(r -> Reply.success("Password of " + r.name() + " reset"
                                + (r.wasOnline() ? "; they were online and are disconnected." : ".")
                                + " Their old password and saved tokens no longer work.",
                        ONE_TIME_PREFIX + r.oneTimePassword(),
                        "Pass it on: " + r.name() + " signs in with it once and then chooses a new password."))
                .orElseGet(() -> noSuchAccount(name)));
    }

    /** Empties the identity file, keeping a backup that {@link #restoreUsers} puts back. */
    public Reply clearUsers() {
        return guarded("clear the identity file", () -> {
            try {
                AccountAdmin.Cleared cleared = admin.clear();
                if (cleared.backup() == null) {
                    return Reply.success("The identity file is already empty: nothing to clear, and no backup"
                            + " written (restore-users still puts back the newest one).");
                }
                return Reply.success("Identity file cleared: " + cleared.removed() + " user(s) removed."
                        + " Everyone registers again.", "Backup kept in " + cleared.backup()
                        + " (restore-users puts it back).");
            } catch (IOException e) {
                return Reply.failure("Cannot write the backup of the identity file, so nothing was cleared: "
                        + TextFiles.reason(e));
            }
        });
    }

    /** Puts the newest backup back; names registered since the clear keep their new password. */
    public Reply restoreUsers() {
        return guarded("restore the identity file", () -> admin.restore()
                .map(r -> {
                    List<String> lines = new ArrayList<>();
                    lines.add("Identity file restored from " + r.backup() + ": " + r.restored() + " user(s) back.");
                    if (!r.keptSinceTheClear().isEmpty()) {
                        lines.add("Registered again since the clear, kept with their new password: "
                                + String.join(", ", r.keptSinceTheClear())
                                + ". Their backup record was not restored.");
                    }
                    return Reply.success(lines);
                })
                .orElseGet(() -> Reply.failure("There is no backup of the identity file to restore"
                        + " (clear-users keeps one).")));
    }

    /** The newest backup's file name, for the panel's confirmation; empty when there is none. */
    public Optional<String> newestBackup() {
        return admin.newestBackup().map(p -> p.getFileName().toString());
    }

    /** What {@code delete-user} and {@code reset-password} do with a name and a reason. */
    private interface NameAction {
        Reply run(String name, String reason);
    }

    private static Reply withName(String argument, String command, NameAction action) {
        String[] parts = argument.split("\\s+", 2);
        if (parts[0].isEmpty()) {
            return Reply.failure("Usage: " + command + " NAME [REASON]");
        }
        return action.run(parts[0], parts.length > 1 ? parts[1] : "");
    }

    /** An action that opens the data and writes the identity file. */
    private interface Action {
        Reply run() throws IdentityFileException, DataFolderException;
    }

    private static Reply guarded(String what, Action action) {
        try {
            return action.run();
        } catch (IdentityFileException e) {
            return Reply.failure("Cannot read the identity file: " + e.getMessage());
        } catch (DataFolderException e) {
            return Reply.failure(e.getMessage());
        } catch (UncheckedIOException e) {
            return Reply.failure("Cannot " + what + ": " + e.getMessage() + ". Nothing changed.");
        }
    }

    private static Reply noSuchAccount(String name) {
        return Reply.failure("No account called '" + name + "'. Type 'accounts' for the list.");
    }

    private static String when(Instant time, ZoneId zone) {
        return time == null ? "unknown" : WHEN.format(time.atZone(zone));
    }
}
