package org.switchboard.log;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * One line of the activity log. Its text form, as written to {@code server.log}, is
 * {@code 2026-11-27 12:04:05.123 INFO  Client 127.0.0.1:50662 connected}.
 */
public record LogEntry(Instant time, LogLevel level, String message) {
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");
    private static final int TIME_LENGTH = "yyyy-MM-dd HH:mm:ss.SSS".length();

    public LogEntry {
        Objects.requireNonNull(time);
        Objects.requireNonNull(level);
        Objects.requireNonNull(message);
    }

    public String format(ZoneId zone) {
        String levelText = level.name();
        return FORMAT.format(LocalDateTime.ofInstant(time, zone)) + " " + levelText
                + " ".repeat(6 - levelText.length()) + message;
    }

    /**
     * Reads a line written by {@link #format}; a line that is not in that form (an older format, a
     * torn last line) is kept whole as an INFO message at {@code fallbackTime}.
     */
    public static LogEntry parse(String line, ZoneId zone, Instant fallbackTime) {
        if (line.length() > TIME_LENGTH + 1) {
            try {
                Instant time = LocalDateTime.parse(line.substring(0, TIME_LENGTH), FORMAT).atZone(zone).toInstant();
                String rest = line.substring(TIME_LENGTH + 1);
                int space = rest.indexOf(' ');
                if (space > 0) {
                    LogLevel level = LogLevel.valueOf(rest.substring(0, space));
                    return new LogEntry(time, level, rest.substring(space).stripLeading());
                }
            } catch (DateTimeParseException | IllegalArgumentException e) {
                // not in our format: kept whole below
            }
        }
        return new LogEntry(fallbackTime, LogLevel.INFO, line);
    }
}
