package org.switchboard.server;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import org.switchboard.auth.Authenticator;
import org.switchboard.auth.IdentityFileException;
import org.switchboard.auth.IdentityStore;
import org.switchboard.auth.LoginThrottle;
import org.switchboard.auth.PasswordHasher;
import org.switchboard.chat.ChatRoom;
import org.switchboard.chat.History;
import org.switchboard.log.ActivityLog;
import org.switchboard.protocol.TextFiles;

/**
 * The server's data, opened at its first start (or {@code clear-users}) and kept for its life: the
 * data folders, checked and locked; the identity file; the history; and the room, whose members and
 * lines live across a stop and the next start; and the authenticator over the identity file, made anew
 * when the limits change.
 *
 * <p>Threads: opened and closed under the server's lifecycle lock; its parts are thread-safe.
 */
final class ServerData implements AutoCloseable {
    private final DataFolders folders;
    private final IdentityStore users;
    private final History history;
    private final ChatRoom room;
    private final Clock clock;
    /** Sign-in over the identity file, with the password hashing and login throttle of the limits. */
    private volatile Authenticator authenticator;

    private ServerData(DataFolders folders, IdentityStore users, History history, ChatRoom room, ServerConfig config,
            Clock clock) {
        this.folders = folders;
        this.users = users;
        this.history = history;
        this.room = room;
        this.clock = clock;
        reconfigure(config);
    }

    /**
     * Checks and locks the folders of the three files, then reads the identity file and the history.
     *
     * @throws DataFolderException when a folder or file cannot be used, or another server holds one
     * @throws IdentityFileException when users.txt cannot be read (it is left as it is)
     */
    static ServerData open(ServerConfig config, Clock clock, ActivityLog log)
            throws DataFolderException, IdentityFileException {
        DataFolders folders = DataFolders.open(List.of(config.usersFile(), config.logFile(), config.historyFile()),
                folder -> log.info("Created the data folder " + folder));
        try {
            IdentityStore users = IdentityStore.open(config.usersFile(), clock);
            History history;
            try {
                history = new History(config.historyFile(), config.historyLimit(), log::add);
            } catch (IOException e) {
                throw new DataFolderException(config.historyFile(), "Cannot read the history " + config.historyFile()
                        + ": " + TextFiles.reason(e));
            }
            if (history.skippedOnLoad() > 0) {
                log.warn("History: skipped " + history.skippedOnLoad() + " unreadable line(s) in "
                        + config.historyFile());
            }
            return new ServerData(folders, users, history, new ChatRoom(history, clock), config, clock);
        } catch (DataFolderException | IdentityFileException | RuntimeException e) {
            folders.close();
            throw e;
        }
    }

    /** New limits (while stopped): a new authenticator over the same identity file. */
    void reconfigure(ServerConfig config) {
        int concurrency = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
        authenticator = new Authenticator(users, new PasswordHasher(config.hashIterations(), concurrency),
                new LoginThrottle(config.login(), clock));
    }

    Authenticator authenticator() {
        return authenticator;
    }

    IdentityStore users() {
        return users;
    }

    History history() {
        return history;
    }

    ChatRoom room() {
        return room;
    }

    /** Releases the folders' locks (at the server's close). */
    @Override
    public void close() {
        history.close();
        folders.close();
    }
}
