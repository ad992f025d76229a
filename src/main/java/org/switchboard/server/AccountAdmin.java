package org.switchboard.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.switchboard.auth.IdentityFileException;
import org.switchboard.auth.IdentityStore;
import org.switchboard.auth.UserRecord;
import org.switchboard.log.ActivityLog;
import org.switchboard.protocol.Names;

/**
 * The operator's actions on accounts: list, delete, reset a password, clear the identity file (keeping
 * a backup) and restore the newest backup. Each action lands in the activity log with what, whom and
 * why, never a password. A user who is online when their account is deleted or their password reset is
 * disconnected, so that nothing signed in with the old identity goes on.
 *
 * <p>Thread-safe: the identity file and the room are; the calls come from the operator's thread (the
 * serve console, the panel's worker) and may block on the file.
 */
public final class AccountAdmin {
    /** How a backup's name carries its time: {@code users.txt.2026-12-01T23-59-59.bak}, in UTC. */
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH-mm-ss")
            .withZone(ZoneOffset.UTC);

    /** Opens the server's data when it is not open yet (a stopped server's accounts can be managed too). */
    @FunctionalInterface
    interface Opener {
        ServerData open() throws IdentityFileException, DataFolderException;
    }

    /** A reset: the one-time password to pass on, and whether the user was online (and disconnected). */
    public record Reset(String name, String oneTimePassword, boolean wasOnline) { }

    /** A clear: how many names were removed, and the backup that holds them (null when none were: no backup). */
    public record Cleared(int removed, Path backup) { }

    /** A restore: the backup put back, how many names came back, the names kept as registered since. */
    public record Restored(Path backup, int restored, List<String> keptSinceTheClear) { }

    private final Supplier<ServerData> current;
    private final Opener opener;
    /** Every connection, signed in or not: a user to disconnect may be in the room or out of it (IRC PART). */
    private final Connections connections;
    private final Supplier<ServerConfig> config;
    private final ActivityLog log;
    private final Clock clock;

    AccountAdmin(Supplier<ServerData> current, Opener opener, Connections connections, Supplier<ServerConfig> config,
            ActivityLog log, Clock clock) {
        this.current = current;
        this.opener = opener;
        this.connections = connections;
        this.config = config;
        this.log = log;
        this.clock = clock;
    }

    /** Every registered name, sorted, without opening anything: empty before the data is first opened. */
    List<AccountInfo> list() {
        ServerData data = current.get();
        if (data == null) {
            return List.of();
        }
        Set<String> online = connections.snapshot().stream().filter(AccountAdmin::signedIn)
                .map(c -> Names.key(c.name())).collect(Collectors.toSet());
        return data.users().all().stream()
                .sorted(Comparator.comparing(user -> Names.key(user.name())))
                .map(user -> new AccountInfo(user.name(), user.registered(), user.lastSeen(),
                        user.tokenHashes().size(), online.contains(Names.key(user.name())),
                        data.bans().nameBan(user.name()).orElse(null)))
                .toList();
    }

    /**
     * Deletes the account: its tokens die, the user is disconnected if online, the name is free to
     * register again. Empty for a name nobody registered.
     *
     * @throws UncheckedIOException when the identity file cannot be written (nothing changed)
     */
    public Optional<AccountInfo> delete(String name, String reason) throws IdentityFileException, DataFolderException {
        ServerData data = opener.open();
        Optional<UserRecord> user = data.users().find(name);
        if (user.isEmpty() || !data.users().delete(name)) {
            return Optional.empty();
        }
        String registered = user.get().name();
        boolean online = disconnect(registered, "Your account was deleted by the operator" + why(reason));
        log.info("Account deleted by the operator: " + registered + (online ? " (was online, disconnected)" : "")
                + because(reason));
        return Optional.of(new AccountInfo(registered, user.get().registered(), user.get().lastSeen(), 0, online,
                null));
    }

    /**
     * Replaces the user's password by a one-time password (the old one stops working at once, every
     * token dies) and disconnects them if online. Empty for a name nobody registered.
     *
     * @throws UncheckedIOException when the identity file cannot be written (nothing changed)
     */
    public Optional<Reset> resetPassword(String name, String reason) throws IdentityFileException,
            DataFolderException {
        ServerData data = opener.open();
        Optional<UserRecord> user = data.users().find(name);
        if (user.isEmpty()) {
            return Optional.empty();
        }
        String registered = user.get().name();
        Optional<String> oneTime = data.authenticator().resetPassword(registered);
        if (oneTime.isEmpty()) {
            return Optional.empty();
        }
        boolean online = disconnect(registered, "Your password was reset by the operator" + why(reason)
                + " Sign in with the one-time password you are given, then choose a new one.");
        log.info("Password reset by the operator: " + registered + " (one-time password issued, tokens revoked"
                + (online ? ", was online, disconnected" : "") + ")" + because(reason));
        return Optional.of(new Reset(registered, oneTime.get(), online));
    }

    /**
     * Writes a timestamped, owner-only backup of the identity file beside it, then empties it: everyone
     * must register again and every token dies. People signed in now stay signed in. An empty identity
     * file is left as it is and gets no backup, so that the newest backup stays the one with users in it.
     *
     * @throws IOException when the backup cannot be written: then nothing is cleared
     * @throws UncheckedIOException when the emptied file cannot be written
     */
    public Cleared clear() throws IdentityFileException, DataFolderException, IOException {
        ServerData data = opener.open();
        Path backup;
        int removed;
        while (true) {
            backup = newBackup();
            try {
                removed = data.users().clear(backup);
                break;
            } catch (FileAlreadyExistsException e) {
                // another clear took this name between the look and the write: the next number is free
            }
        }
        if (removed == 0) {
            log.info("Identity file not cleared: it is already empty (no backup written)");
            return new Cleared(0, null);
        }
        log.info("Identity file cleared: " + removed + " user(s) removed; backup kept in " + backup);
        return new Cleared(removed, backup);
    }

    /**
     * Puts the newest backup back. A name registered since the clear keeps its new password (the
     * backup's record of it is not restored) and is reported; the backup file stays where it is. Empty
     * when there is no backup.
     *
     * @throws IdentityFileException when the backup cannot be read (nothing changed)
     * @throws UncheckedIOException when the identity file cannot be written (nothing changed)
     */
    public Optional<Restored> restore() throws IdentityFileException, DataFolderException {
        ServerData data = opener.open();
        Optional<Path> newest = newestBackup();
        if (newest.isEmpty()) {
            return Optional.empty();
        }
        Map<String, UserRecord> backup = IdentityStore.read(newest.get());
        int before = data.users().size();
        List<String> kept = data.users().restore(backup);
        int restored = data.users().size() - before;
        log.info("Identity file restored from " + newest.get() + ": " + restored + " user(s) back"
                + (kept.isEmpty() ? "" : "; registered since the clear, kept with their new password: "
                        + String.join(", ", kept)));
        return Optional.of(new Restored(newest.get(), restored, kept));
    }

    /** The newest backup of the identity file, if any. */
    public Optional<Path> newestBackup() {
        Path users = config.get().usersFile().toAbsolutePath();
        Pattern name = backupName(users);
        Path newest = null;
        String newestKey = null;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(users.getParent())) {
            for (Path file : files) {
                Matcher m = name.matcher(file.getFileName().toString());
                if (m.matches()) {
                    // the time, then the number a second backup in the same second gets, ten digits wide
                    String key = m.group(1) + String.format("%010d", m.group(2) == null ? 1 : Long.parseLong(m.group(2)));
                    if (newestKey == null || key.compareTo(newestKey) > 0) {
                        newest = file;
                        newestKey = key;
                    }
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
        return Optional.ofNullable(newest);
    }

    /** Writes what only memory holds (last-seen times) as the server stops; a failure is logged, not thrown. */
    void flush() {
        ServerData data = current.get();
        if (data == null) {
            return;
        }
        try {
            data.users().flush();
        } catch (UncheckedIOException e) {
            log.warn("Last-seen times not saved: " + e.getMessage());
        }
    }

    /** The time in a backup's name: {@code 2026-12-01T23-59-59}, UTC, so that the names sort as the times do. */
    public static String backupStamp(Instant time) {
        return STAMP.format(time);
    }

    private Path newBackup() {
        Path users = config.get().usersFile().toAbsolutePath();
        String stem = users.getFileName() + "." + backupStamp(clock.instant());
        Path backup = users.resolveSibling(stem + ".bak");
        for (int n = 2; Files.exists(backup); n++) {
            backup = users.resolveSibling(stem + "-" + n + ".bak");
        }
        return backup;
    }

    private static Pattern backupName(Path users) {
        return Pattern.compile(Pattern.quote(users.getFileName().toString())
                + "\\.(\\d{4}-\\d\\d-\\d\\dT\\d\\d-\\d\\d-\\d\\d)(?:-(\\d+))?\\.bak");
    }

    /**
     * Whether a connection is a signed-in user's that is not ending: in the room or out of it (an IRC
     * client that sent PART), not one its user has just quit.
     */
    private static boolean signedIn(Connection connection) {
        return connection.name() != null && !connection.closing();
    }

    /**
     * Closes every connection signed in as {@code name}, as a ban does: not only the room's members, but an
     * IRC client that left the channel (PART) and keeps its session, or one signed in and not joined yet.
     */
    private boolean disconnect(String name, String message) {
        boolean any = false;
        for (Connection connection : connections.snapshot()) {
            if (signedIn(connection) && Names.key(connection.name()).equals(Names.key(name))) {
                connection.close(new CloseCause.Told(message));
                any = true;
            }
        }
        return any;
    }

    private static String why(String reason) {
        return reason.isBlank() ? "." : ": " + reason.strip() + ".";
    }

    private static String because(String reason) {
        return reason.isBlank() ? "" : ": " + reason.strip();
    }
}
