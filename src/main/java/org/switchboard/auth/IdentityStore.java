package org.switchboard.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.switchboard.protocol.Names;
import org.switchboard.protocol.TextFiles;

/**
 * The identity file ({@code users.txt}, its format in {@link IdentityFile}): one user a line,
 * {@code NAME PASSWORD-HASH TOKEN-HASHES REGISTERED LAST-SEEN}. A file of an older server, whose lines
 * have the first three fields only, is read as it is (the times unknown) and written whole in the new
 * form at the next change.
 *
 * <p>Every change rewrites the whole file atomically: a temporary file in the same folder, fsync,
 * atomic rename over the old one, fsync of the folder. A crash at any moment leaves the old file or the
 * new one, never a mix. The file is owner-only where the file system has POSIX permissions.
 *
 * <p>Thread-safe. Changes are made in memory under a short lock, so of two registrations of one name
 * exactly one wins; then each change waits until a write that contains it is on disk (group commit):
 * the first waiter writes a snapshot of every change made so far, the others find theirs already
 * durable. A registration storm thus costs a few whole-file writes, not one per user, and no change is
 * acknowledged before it is on disk. A write that fails discards, in memory too, every change it did not
 * make durable, and those changes fail.
 */
public final class IdentityStore {
    /** Tokens kept per user: one per remembered client; the oldest goes first. */
    public static final int MAX_TOKENS = 8;

    private final Path file;
    /** Stamps registrations. */
    private final Clock clock;
    /** Guards {@link #users} and {@link #version}; never held across I/O. */
    private final ReentrantLock lock = new ReentrantLock();
    /** Serialises writes of the file; held across disk I/O. */
    private final ReentrantLock disk = new ReentrantLock();
    private final Map<String, UserRecord> users;
    /** Changes made in memory so far. */
    private long version;
    /** Under {@link #disk}: the last version on disk, its content, and the last version discarded. */
    private long durable;
    private Map<String, UserRecord> onDisk;
    /** Under {@link #disk}: ranges (from, through] of change numbers that a failed write discarded. */
    private final List<long[]> discarded = new ArrayList<>();
    /** Under {@link #disk}: whole-file writes made, for tests of the group commit. */
    private long writes;

    private IdentityStore(Path file, Map<String, UserRecord> users, Clock clock) {
        this.file = file;
        this.users = users;
        this.clock = clock;
        this.onDisk = new LinkedHashMap<>(users);
    }

    /** Reads the identity file (a missing one is an empty store, created on the first change). */
    public static IdentityStore open(Path file) throws IdentityFileException {
        return open(file, Clock.systemUTC());
    }

    /** Reads the identity file; {@code clock} stamps the registrations. */
    public static IdentityStore open(Path file, Clock clock) throws IdentityFileException {
        return new IdentityStore(file, read(file), clock);
    }

    /** Reads an identity file (or a backup of one) without opening it as a store; keyed by {@link Names#key}. */
    public static Map<String, UserRecord> read(Path file) throws IdentityFileException {
        return IdentityFile.read(file);
    }

    /** Every user, in the file's order. */
    public List<UserRecord> all() {
        lock.lock();
        try {
            return List.copyOf(users.values());
        } finally {
            lock.unlock();
        }
    }

    public Optional<UserRecord> find(String name) {
        lock.lock();
        try {
            return Optional.ofNullable(users.get(Names.key(name)));
        } finally {
            lock.unlock();
        }
    }

    /** How many times the file has been written (each write may carry many changes). */
    long writes() {
        disk.lock();
        try {
            return writes;
        } finally {
            disk.unlock();
        }
    }

    public int size() {
        lock.lock();
        try {
            return users.size();
        } finally {
            lock.unlock();
        }
    }

    /** Adds a user; false when the name (in any case) is taken. Durable on disk when it returns true. */
    public boolean register(String name, String passwordHash) {
        long change;
        lock.lock();
        try {
            String key = Names.key(name);
            if (users.containsKey(key)) {
                return false;
            }
            users.put(key, new UserRecord(name, passwordHash, List.of(), now(), null, false));
            change = ++version;
        } finally {
            lock.unlock();
        }
        commit(change);
        return true;
    }

    /** Remembers one more token hash for the user, dropping the oldest past {@link #MAX_TOKENS}. */
    public boolean addToken(String name, String tokenHash) {
        return update(name, user -> {
            List<String> tokens = new ArrayList<>(user.tokenHashes());
            tokens.add(tokenHash);
            while (tokens.size() > MAX_TOKENS) {
                tokens.remove(0);
            }
            return user.withTokens(tokens);
        });
    }

    /**
     * Removes the token hash if the user has it (each token signs in once). Compares in constant time.
     *
     * @return whether the user held that token
     */
    public boolean redeemToken(String name, String tokenHash) {
        long change;
        lock.lock();
        try {
            String key = Names.key(name);
            UserRecord user = users.get(key);
            if (user == null) {
                return false;
            }
            boolean found = false;
            List<String> kept = new ArrayList<>();
            for (String stored : user.tokenHashes()) {
                if (Tokens.matches(stored, tokenHash)) {
                    found = true;
                } else {
                    kept.add(stored);
                }
            }
            if (!found) {
                return false;
            }
            users.put(key, user.withTokens(kept));
            change = ++version;
        } finally {
            lock.unlock();
        }
        commit(change);
        return true;
    }

    /** Forgets every user and token: everyone must register again. Returns how many were removed. */
    public int clear() {
        int removed;
        long change;
        lock.lock();
        try {
            removed = users.size();
            users.clear();
            change = ++version;
        } finally {
            lock.unlock();
        }
        commit(change);
        return removed;
    }

    /**
     * Writes every user to {@code backup} (owner-only, atomically), then forgets them all as {@link #clear}
     * does. The backup holds exactly the users the clear forgets: this is the one place the memory lock is
     * held across a write, so that no registration falls between the two; a clear is a rare operator act.
     * An empty store writes no backup and returns 0: an empty backup would become the newest one and
     * hide the one that holds the users.
     *
     * @throws IOException when the backup cannot be written (a {@link java.nio.file.FileAlreadyExistsException}
     *         when {@code backup} exists: it is never replaced): then nothing is cleared
     */
    public int clear(Path backup) throws IOException {
        int removed;
        long change;
        lock.lock();
        try {
            if (users.isEmpty()) {
                return 0;
            }
            TextFiles.writeNew(backup, IdentityFile.render(users), true);
            removed = users.size();
            users.clear();
            change = ++version;
        } finally {
            lock.unlock();
        }
        commit(change);
        return removed;
    }

    /**
     * Puts the users of a backup back. A name that is in the store now (registered since the backup was
     * taken) keeps its record as it is, so nobody ends up with two accounts or someone else's password.
     *
     * @return the names that kept their present record although the backup had another password for them
     */
    public List<String> restore(Map<String, UserRecord> backup) {
        List<String> kept = new ArrayList<>();
        long change;
        lock.lock();
        try {
            for (Map.Entry<String, UserRecord> entry : backup.entrySet()) {
                UserRecord present = users.putIfAbsent(entry.getKey(), entry.getValue());
                if (present != null && !present.passwordHash().equals(entry.getValue().passwordHash())) {
                    kept.add(present.name());
                }
            }
            change = ++version;
        } finally {
            lock.unlock();
        }
        commit(change);
        return kept;
    }

    /** Removes the user and their tokens: the name is free to register again. False for an unknown name. */
    public boolean delete(String name) {
        long change;
        lock.lock();
        try {
            if (users.remove(Names.key(name)) == null) {
                return false;
            }
            change = ++version;
        } finally {
            lock.unlock();
        }
        commit(change);
        return true;
    }

    /**
     * A new password hash for the user: their own choice, or ({@code oneTime}) the operator's one-time
     * password, which also drops every token so that no remembered client signs in past the reset.
     */
    public boolean setPassword(String name, String passwordHash, boolean oneTime) {
        return update(name, user -> {
            UserRecord changed = user.withPassword(passwordHash, oneTime);
            return oneTime ? changed.withTokens(List.of()) : changed;
        });
    }

    /**
     * The user's own password in place of the one a sign-in or {@code /passwd} just checked, but only if
     * the record still holds it: {@code checkedHash} is the hash that was checked (the operator's
     * one-time password's, or the user's own). A check and a set under one lock, because meanwhile the
     * operator may have deleted the user or reset them, someone may have registered the name afresh, or
     * the password may have been changed; none of these may be overwritten by the session that was
     * waiting. Every hash has its own salt, so an equal hash is the same record's same password. False
     * when the record is no longer that one.
     */
    public boolean replacePassword(String name, String checkedHash, String passwordHash) {
        return update(name, old -> old.passwordHash().equals(checkedHash), old -> old.withPassword(passwordHash, false));
    }

    /**
     * Notes that the user signed in or left at {@code when}. In memory only: the next write of the file
     * (any change, or {@link #flush} as the server stops) carries it, so chatting never writes the disk.
     */
    public void seen(String name, Instant when) {
        lock.lock();
        try {
            String key = Names.key(name);
            UserRecord user = users.get(key);
            if (user != null) {
                users.put(key, user.withLastSeen(when.truncatedTo(ChronoUnit.SECONDS)));
                ++version;
            }
        } finally {
            lock.unlock();
        }
    }

    /** Writes what only memory holds (the last-seen times) to disk, if anything. */
    public void flush() {
        long change;
        lock.lock();
        try {
            change = version;
        } finally {
            lock.unlock();
        }
        commit(change);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    private boolean update(String name, UnaryOperator<UserRecord> change) {
        return update(name, old -> true, change);
    }

    /** As {@link #update(String, UnaryOperator)}, only while the record is still as {@code still} says. */
    private boolean update(String name, Predicate<UserRecord> still, UnaryOperator<UserRecord> change) {
        long made;
        lock.lock();
        try {
            String key = Names.key(name);
            UserRecord old = users.get(key);
            if (old == null || !still.test(old)) {
                return false;
            }
            users.put(key, change.apply(old));
            made = ++version;
        } finally {
            lock.unlock();
        }
        commit(made);
        return true;
    }

    /** Returns once change number {@code change} is on disk; throws when it was discarded. */
    private void commit(long change) {
        disk.lock();
        try {
            for (long[] range : discarded) {
                if (change > range[0] && change <= range[1]) {
                    throw new UncheckedIOException("cannot write the identity file " + file,
                            new IOException("a write that carried this change failed"));
                }
            }
            if (change <= durable) {
                return;
            }
            Map<String, UserRecord> snapshot;
            long snapshotVersion;
            lock.lock();
            try {
                snapshot = new LinkedHashMap<>(users);
                snapshotVersion = version;
            } finally {
                lock.unlock();
            }
            try {
                TextFiles.writeAtomically(file, IdentityFile.render(snapshot), true);
                writes++;
                durable = snapshotVersion;
                onDisk = snapshot;
            } catch (IOException e) {
                lock.lock();
                try {
                    users.clear();
                    users.putAll(onDisk);
                    discarded.add(new long[] {durable, version});
                } finally {
                    lock.unlock();
                }
                throw new UncheckedIOException("cannot write the identity file " + file + ": " + TextFiles.reason(e), e);
            }
        } finally {
            disk.unlock();
        }
    }
}
