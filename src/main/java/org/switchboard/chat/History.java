package org.switchboard.chat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.log.LogLevel;
import org.switchboard.protocol.TextFiles;

/**
 * The room's history: the newest {@code limit} lines in memory for replay, and in {@code history.txt}
 * (up to twice as many) so that they survive a restart. The memory window is updated by {@link #append}
 * itself, so it is in the room's order at once; the file is written by a {@link HistoryWriter} on its own
 * thread, which appends lines in that same order and, when the file has grown to twice the limit,
 * rewrites it with the newest {@code limit} lines (temporary file, atomic rename).
 *
 * <p>Threads: {@link #append} under the room's lock, on whichever thread speaks (a client's, the
 * operator's), so lines come in the room's order; {@link #recent} and {@link #size} on any thread. One
 * {@link ReentrantLock} covers the memory window and is never held across a disk write: {@code append}
 * only queues the line for the writer thread, which owns the file (see {@link HistoryWriter}).
 * {@link #close} waits for the writer to write what is queued; a line appended after a close starts the
 * writer again (the server keeps its history across stop and start).
 */
public final class History implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(History.class);

    private final int limit;
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<ChatLine> lines;
    private final int skippedOnLoad;
    private final HistoryWriter writer;

    public History(Path file, int limit) throws IOException {
        this(file, limit, (level, message) -> LOG.warn("{}", message));
    }

    /**
     * @param problems told once when the file can no longer be written (WARN) and once when it can again
     *     (INFO), rather than once per line; called on the writer thread
     */
    public History(Path file, int limit, BiConsumer<LogLevel, String> problems) throws IOException {
        this(file, limit, problems, new HistoryWriter.FileTarget(file));
    }

    /** A history whose writer writes to {@code target} (tests stand in for a slow disk there). */
    History(Path file, int limit, BiConsumer<LogLevel, String> problems, HistoryWriter.Target target)
            throws IOException {
        if (limit < 1) {
            throw new IllegalArgumentException("history limit must be positive: " + limit);
        }
        this.limit = limit;
        this.lines = new ArrayDeque<>(Math.min(limit, 1024));
        // A last line written up to a crash may still parse with its text cut short: never replay it.
        boolean torn = TextFiles.cutTornLastLine(file);
        int skipped = torn ? 1 : 0;
        if (torn) {
            LOG.warn("{}: skipped a torn last line", file);
        }
        int linesInFile = 0;
        for (String record : TextFiles.readLines(file)) {
            linesInFile++;
            var line = ChatLine.fromRecord(record);
            if (line.isPresent()) {
                remember(line.get());
            } else if (!record.isBlank()) {
                skipped++;
            }
        }
        this.skippedOnLoad = skipped;
        if (skipped > 0) {
            LOG.warn("{}: skipped {} unreadable line(s)", file, skipped);
        }
        // trims the file now if it is twice the limit already (the limit was lowered since it was written)
        this.writer = new HistoryWriter(file, target, limit, List.copyOf(lines), linesInFile, problems);
    }

    /** Lines of the file that could not be read at start (e.g. one torn by a crash). */
    public int skippedOnLoad() {
        return skippedOnLoad;
    }

    /** Keeps the line in memory and queues it for the file; never waits for the disk. */
    public void append(ChatLine line) {
        lock.lock();
        try {
            remember(line);
            writer.add(line); // under this lock, so that the file's order is the memory's
        } finally {
            lock.unlock();
        }
    }

    /** The newest {@code count} lines, oldest first. */
    public List<ChatLine> recent(int count) {
        lock.lock();
        try {
            List<ChatLine> all = new ArrayList<>(lines);
            return List.copyOf(all.subList(Math.max(0, all.size() - count), all.size()));
        } finally {
            lock.unlock();
        }
    }

    public int size() {
        lock.lock();
        try {
            return lines.size();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until every line appended before this call is in the file (or its write failed and was
     * reported).
     */
    void awaitWritten() {
        writer.awaitWritten();
    }

    /** Writes every line still queued to the file, then closes it and ends the writer thread. */
    @Override
    public void close() {
        writer.close();
    }

    private void remember(ChatLine line) {
        if (lines.size() == limit) {
            lines.removeFirst();
        }
        lines.addLast(line);
    }
}
