package org.switchboard.log;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.protocol.Sanitizer;
import org.switchboard.protocol.TextFiles;

/**
 * The operator-facing journal: every event as one line in {@code server.log}, the newest lines in
 * memory for "show logs", and listeners (the console, the control panel) told of each new entry.
 *
 * <p>Thread-safe: any thread may log. Writes are whole lines, flushed to the OS as they are made, under
 * one {@link ReentrantLock}; listeners are called after the lock is released, on the logging thread.
 * Messages are sanitised, so no client can forge or paint log lines (CWE-117).
 */
public final class ActivityLog implements LogView, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ActivityLog.class);

    private final Path file;
    private final int memoryLines;
    private final Clock clock;
    private final ZoneId zone;
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<LogEntry> recent;
    private final List<Consumer<LogEntry>> listeners = new CopyOnWriteArrayList<>();
    private final LineAppender appender;
    /** Under {@link #lock}: the last write to the file failed. */
    private boolean failing;

    public ActivityLog(Path file, int memoryLines, Clock clock) {
        this.file = file;
        this.appender = new LineAppender(file);
        this.memoryLines = memoryLines;
        this.clock = clock;
        this.zone = clock.getZone();
        this.recent = new ArrayDeque<>(Math.min(memoryLines, 1024));
        loadTail();
    }

    public Path file() {
        return file;
    }

    @Override
    public ZoneId zone() {
        return zone;
    }

    public void debug(String message) {
        add(LogLevel.DEBUG, message);
    }

    public void info(String message) {
        add(LogLevel.INFO, message);
    }

    public void warn(String message) {
        add(LogLevel.WARN, message);
    }

    public void error(String message) {
        add(LogLevel.ERROR, message);
    }

    public void add(LogLevel level, String message) {
        LogEntry entry = new LogEntry(clock.instant(), level, Sanitizer.clean(message));
        LogEntry notice;
        lock.lock();
        try {
            remember(entry);
            notice = write(entry);
            if (notice != null) {
                remember(notice);
            }
        } finally {
            lock.unlock();
        }
        for (Consumer<LogEntry> listener : listeners) {
            listener.accept(entry);
            if (notice != null) {
                listener.accept(notice);
            }
        }
    }

    @Override
    public List<LogEntry> tail(int count) {
        lock.lock();
        try {
            List<LogEntry> all = new ArrayList<>(recent);
            return List.copyOf(all.subList(Math.max(0, all.size() - count), all.size()));
        } finally {
            lock.unlock();
        }
    }

    /** Empties the log, on disk and in memory, as the operator's "clear logs" does. */
    public void clear() {
        lock.lock();
        try {
            appender.close();
            Files.write(file, new byte[0]);
            recent.clear();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear " + file, e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void addListener(Consumer<LogEntry> listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(Consumer<LogEntry> listener) {
        listeners.remove(listener);
    }

    @Override
    public void close() {
        lock.lock();
        try {
            appender.close();
        } finally {
            lock.unlock();
        }
    }

    private void remember(LogEntry entry) {
        if (recent.size() == memoryLines) {
            recent.removeFirst();
        }
        recent.addLast(entry);
    }

    /**
     * Writes the entry to the file. The journal must never take the server down: when the file cannot
     * be written (disk full, read-only), the first failure and the recovery each make one entry that the
     * operator sees in memory (logs, the panel, the console), rather than one warning per line.
     *
     * @return that entry, or null
     */
    private LogEntry write(LogEntry entry) {
        try {
            appender.append(entry.format(zone));
            if (failing) {
                failing = false;
                LogEntry back = new LogEntry(entry.time(), LogLevel.INFO, "The activity log " + file
                        + " can be written again (the lines in between are only in memory)");
                appender.append(back.format(zone));
                return back;
            }
        } catch (IOException e) {
            if (!failing) {
                failing = true;
                LOG.warn("cannot write to {}: {}", file, e.toString());
                return new LogEntry(entry.time(), LogLevel.WARN, "Cannot write the activity log " + file + ": "
                        + TextFiles.reason(e) + "; the log goes on in memory until the file can be written");
            }
        }
        return null;
    }

    private void loadTail() {
        if (!Files.isRegularFile(file)) {
            return;
        }
        try {
            var now = clock.instant();
            // The server died in the middle of a write: that last line is incomplete, so it is cut off
            // rather than shown as if it were true, and the next entry starts on a line of its own.
            boolean torn = TextFiles.cutTornLastLine(file);
            for (String line : TextFiles.readLines(file)) {
                if (!line.isBlank()) {
                    remember(LogEntry.parse(Sanitizer.clean(line), zone, now));
                }
            }
            if (torn) {
                warn("Skipped the torn last line of " + file.getFileName() + " (the server stopped mid-write)");
            }
        } catch (IOException e) {
            LOG.warn("cannot read {}: {}", file, e.toString());
        }
    }
}
