package org.switchboard.server;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import org.switchboard.auth.Authenticator;
import org.switchboard.auth.BanFileException;
import org.switchboard.auth.BanList;
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
 * data folders, checked and locked; the identity file; the bans and mutes; the history; and the room, whose members and
 * lines live across a stop and the next start; and the authenticator over the identity file, made anew
 * when the limits change.
 *
 * <p>Threads: opened and closed under the server's lifecycle lock; its parts are thread-safe.
 */
final class ServerData implements AutoCloseable {
    private final DataFolders folders;
    private final IdentityStore users;
    private final BanList bans;
    private final Enforcement enforcement;
    private final History history;
    private final ChatRoom room;
    private final Clock clock;
    /** Sign-in over the identity file, with the password hashing and login throttle of the limits. */
    private volatile Authenticator authenticator;

    private ServerData(DataFolders folders, IdentityStore users, BanList bans, History history, ChatRoom room,
            ServerConfig config, Clock clock, Enforcement enforcement) {
        this.folders = folders;
        this.users = users;
        this.bans = bans;
        this.enforcement = enforcement;
        this.history = history;
        this.room = room;
        this.clock = clock;
        reconfigure(config);
    }

    /**
     * Checks and locks the folders of the four files, then reads the identity file, the bans and the history;
     * from then on {@code connections} refuse the banned addresses.
     *
     * @throws DataFolderException when a folder or file cannot be used, or another server holds one, or
     *     when bans.txt cannot be read (it is left as it is; the message names its line)
     * @throws IdentityFileException when users.txt cannot be read (it is left as it is)
     */
    static ServerData open(ServerConfig config, Clock clock, ActivityLog log, Connections connections)
            throws DataFolderException, IdentityFileException {
        DataFolders folders = DataFolders.open(List.of(config.usersFile(), config.logFile(), config.historyFile(),
                        config.bansFile()),
                folder -> log.info("Created the data folder " + folder));
        try {
            IdentityStore users = IdentityStore.open(config.usersFile(), clock);
            BanList bans;
            try {
                bans = BanList.open(config.bansFile(), clock);
            } catch (BanFileException e) {
                throw new DataFolderException(config.bansFile(), "The bans file cannot be read, so the server did not"
                        + " start (the file was left as it is): " + e.getMessage());
            }
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
            connections.bans(bans);
            return new ServerData(folders, users, bans, history, new ChatRoom(history, clock), config, clock,
                    new Enforcement(bans, connections, log, clock));
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

    BanList bans() {
        return bans;
    }

    /** The bans and mutes put in force on the connections. */
    Enforcement enforcement() {
        return enforcement;
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
