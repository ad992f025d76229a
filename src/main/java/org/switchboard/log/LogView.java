package org.switchboard.log;

import java.time.ZoneId;
import java.util.List;
import java.util.function.Consumer;

/** What the activity log shows, and nothing that changes it: its newest lines, its zone, its observers. */
public interface LogView {
    /** The newest {@code count} entries, oldest first. */
    List<LogEntry> tail(int count);

    /** The time zone its times are written in. */
    ZoneId zone();

    /** Told of every new entry, on the logging thread. */
    void addListener(Consumer<LogEntry> listener);

    void removeListener(Consumer<LogEntry> listener);
}
