package org.switchboard.chat;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;

/**
 * One line of the room: who said what, when. Knows its two text forms: the one users see
 * ({@link #display}) and the one stored in {@code history.txt} ({@link #toRecord}).
 */
public record ChatLine(Instant time, Kind kind, String from, String text) {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");

    /** What sort of line; the server's own announcements come from the reserved name "server". */
    public enum Kind { MESSAGE, ACTION, ANNOUNCEMENT }

    public ChatLine {
        Objects.requireNonNull(time);
        Objects.requireNonNull(kind);
        Objects.requireNonNull(from);
        Objects.requireNonNull(text);
    }

    /** As users see it: {@code [12:04] alice: hi}, {@code [12:04] * alice waves}, {@code [12:04] [server] hi}. */
    public String display(ZoneId zone) {
        String clock = "[" + CLOCK.format(LocalTime.ofInstant(time, zone)) + "] ";
        return switch (kind) {
            case MESSAGE -> clock + from + ": " + text;
            case ACTION -> clock + "* " + from + " " + text;
            case ANNOUNCEMENT -> clock + "[server] " + text;
        };
    }

    /** As stored: {@code 2026-11-27T12:04:05.123Z<TAB>MESSAGE<TAB>alice<TAB>hi}. */
    public String toRecord() {
        return time + "\t" + kind + "\t" + from + "\t" + text;
    }

    /** Reads a stored line; empty when it is not one (a torn last line, a hand edit gone wrong). */
    public static Optional<ChatLine> fromRecord(String record) {
        String[] fields = record.split("\t", 4);
        if (fields.length != 4 || fields[2].isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ChatLine(Instant.parse(fields[0]), Kind.valueOf(fields[1]), fields[2], fields[3]));
        } catch (DateTimeParseException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
