package org.switchboard.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.switchboard.protocol.Sanitizer;
import org.switchboard.protocol.TextFiles;

/**
 * The bans and mutes ({@code bans.txt}): one a line, {@code KIND TARGET SINCE UNTIL REASON}. Written as
 * the identity file is, whole and atomically (temporary file, fsync, rename, fsync of the folder),
 * owner-only; read once at start, where a malformed line stops the server and the file is left as it is.
 *
 * <p>An entry whose time is up no longer applies from that instant (the lookups ask the clock), and is
 * dropped from the file at the next write, or by {@link #dropExpired} which the server's scheduler runs.
 *
 * <p>Thread-safe. The lookups, on every sign-in, connection and chat line, read an immutable snapshot
 * without a lock; changes are rare (the operator's) and are written under one lock, held across the
 * write, and published only once on disk: a change the disk refused changes nothing.
 */
public final class BanList {
    static final String HEADER = """
            # Switchboard bans and mutes: one a line, fields separated by spaces:
            #   KIND TARGET SINCE UNTIL REASON
            # KIND is ban or mute; TARGET a name, an address (10.0.0.5, ::1) or a range (10.0.0.0/8,
            # 2001:db8::/32); SINCE and UNTIL are UTC times (2026-12-02T01:05:00Z), UNTIL - for an entry
            # until lifted; REASON is the rest of the line, maybe empty. Entries whose time is up are
            # dropped at the next change. The server rewrites this file whole on every change: edit it
            # only while the server is stopped.
            """;

    private final Path file;
    private final Clock clock;
    /** Held across the write of the file; guards the publication of {@link #entries}. */
    private final ReentrantLock disk = new ReentrantLock();
    /** What is on disk, in the order given; replaced whole, never changed. */
    private volatile List<Ban> entries;

    private BanList(Path file, Clock clock, List<Ban> entries) {
        this.file = file;
        this.clock = clock;
        this.entries = List.copyOf(entries);
    }

    /** Reads bans.txt (a missing one is an empty list, created at the first change). */
    public static BanList open(Path file, Clock clock) throws BanFileException {
        List<String> lines;
        try {
            lines = TextFiles.readLines(file);
        } catch (IOException e) {
            throw new BanFileException(file, "cannot be read (" + TextFiles.reason(e) + ")", e);
        }
        List<Ban> read = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Ban ban = parse(file, i + 1, line);
            if (read.stream().anyMatch(ban::sameAs)) {
                throw new BanFileException(file, i + 1, "the " + ban.kind().word() + " of " + ban.target().text()
                        + " is there twice");
            }
            read.add(ban);
        }
        return new BanList(file, clock, read);
    }

    private static Ban parse(Path file, int number, String line) throws BanFileException {
        String[] fields = line.split(" +", 5);
        if (fields.length < 4) {
            throw new BanFileException(file, number, "expected KIND TARGET SINCE UNTIL [REASON], found "
                    + fields.length + " field(s)");
        }
        Ban.Kind kind = switch (fields[0]) {
            case "ban" -> Ban.Kind.BAN;
            case "mute" -> Ban.Kind.MUTE;
            default -> throw new BanFileException(file, number, "the kind is ban or mute, not '" + fields[0] + "'");
        };
        BanTarget target;
        try {
            target = BanTarget.parse(fields[1]);
        } catch (IllegalArgumentException e) {
            throw new BanFileException(file, number, e.getMessage());
        }
        if (kind == Ban.Kind.MUTE && !(target instanceof BanTarget.Name)) {
            throw new BanFileException(file, number, "only a name can be muted, not " + fields[1]);
        }
        Instant since = time(file, number, fields[2], "SINCE");
        Instant until = fields[3].equals("-") ? null : time(file, number, fields[3], "UNTIL");
        return new Ban(kind, target, since, until, fields.length > 4 ? fields[4] : "");
    }

    private static Instant time(Path file, int number, String text, String field) throws BanFileException {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new BanFileException(file, number, field + " is not a UTC time like 2026-12-02T01:05:00Z: " + text);
        }
    }

    public Path file() {
        return file;
    }

    /** Every ban and mute in force now, in the order given. */
    public List<Ban> active() {
        Instant now = clock.instant();
        return entries.stream().filter(b -> !b.expired(now)).toList();
    }

    /** The ban in force on {@code name}, if any. */
    public Optional<Ban> nameBan(String name) {
        return find(Ban.Kind.BAN, b -> b.target() instanceof BanTarget.Name n && n.matches(name));
    }

    /** The ban in force on a network {@code address} is in, if any. */
    public Optional<Ban> addressBan(InetAddress address) {
        return find(Ban.Kind.BAN, b -> b.target() instanceof BanTarget.Network n && n.matches(address));
    }

    /** The mute in force on {@code name}, if any. */
    public Optional<Ban> mute(String name) {
        return find(Ban.Kind.MUTE, b -> b.target() instanceof BanTarget.Name n && n.matches(name));
    }

    private Optional<Ban> find(Ban.Kind kind, java.util.function.Predicate<Ban> covers) {
        List<Ban> now = entries;
        if (now.isEmpty()) {
            return Optional.empty(); // the common case, on every line said: no clock, no stream
        }
        Instant instant = clock.instant();
        return now.stream().filter(b -> b.kind() == kind && !b.expired(instant) && covers.test(b)).findFirst();
    }

    /**
     * Puts {@code ban} in force, replacing an entry of the same kind on the same target; on disk when
     * it returns.
     *
     * @throws UncheckedIOException when the file cannot be written (nothing changed then)
     */
    public void add(Ban ban) {
        Ban clean = new Ban(ban.kind(), ban.target(), ban.since(), ban.until(), Sanitizer.clean(ban.reason()));
        change(list -> {
            list.removeIf(clean::sameAs);
            list.add(clean);
            return true;
        });
    }

    /**
     * Lifts the entry of {@code kind} on {@code target}; empty when there was none in force.
     *
     * @throws UncheckedIOException when the file cannot be written (nothing changed then)
     */
    public Optional<Ban> remove(Ban.Kind kind, BanTarget target) {
        Instant now = clock.instant();
        Optional<Ban> found = entries.stream()
                .filter(b -> b.kind() == kind && b.target().equals(target) && !b.expired(now)).findFirst();
        if (found.isPresent()) {
            change(list -> list.removeIf(b -> b.kind() == kind && b.target().equals(target)));
        }
        return found;
    }

    /** Drops the entries whose time is up, from the file too; returns them ({@code []} when none: no write). */
    public List<Ban> dropExpired() {
        Instant now = clock.instant();
        List<Ban> expired = entries.stream().filter(b -> b.expired(now)).toList();
        if (!expired.isEmpty()) {
            change(list -> true);
        }
        return expired;
    }

    private interface Change {
        boolean apply(List<Ban> list);
    }

    /** Applies a change to a copy, drops what has expired, writes it and publishes it. */
    private void change(Change change) {
        disk.lock();
        try {
            List<Ban> next = new ArrayList<>(entries);
            if (!change.apply(next)) {
                return;
            }
            Instant now = clock.instant();
            next.removeIf(b -> b.expired(now));
            try {
                TextFiles.writeAtomically(file, render(next), true);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file + ": " + TextFiles.reason(e), e);
            }
            entries = List.copyOf(next);
        } finally {
            disk.unlock();
        }
    }

    private static byte[] render(List<Ban> bans) {
        StringBuilder text = new StringBuilder(HEADER);
        for (Ban ban : bans) {
            text.append(ban.kind().word()).append(' ').append(ban.target().text()).append(' ').append(ban.since())
                    .append(' ').append(ban.until() == null ? "-" : ban.until().toString());
            if (!ban.reason().isEmpty()) {
                text.append(' ').append(ban.reason());
            }
            text.append('\n');
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }
}
