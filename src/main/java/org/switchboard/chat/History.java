package org.switchboard.chat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.log.LineAppender;
import org.switchboard.log.LogLevel;
import org.switchboard.protocol.TextFiles;

/**
 * The room's history: every line appended to {@code history.txt} (so it survives a restart), the newest
 * {@code limit} kept in memory for replay. When the file has grown to twice the limit it is rewritten
 * with the newest {@code limit} lines, through a temporary file and an atomic rename.
 *
 * <p>Thread-safe; one {@link ReentrantLock} covers memory and file (held across disk writes).
 */
public final class History implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(History.class);

    private final Path file;
    private final int limit;
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<ChatLine> lines;
    private final int skippedOnLoad;
    private int linesInFile;
    private final LineAppender appender;
    private final BiConsumer<LogLevel, String> problems;
    /** Under {@link #lock}: the last write to the file failed. */
    private boolean failing;

    public History(Path file, int limit) throws IOException {
        this(file, limit, (level, message) -> LOG.warn("{}", message));
    }

    /**
     * @param problems told once when the file can no longer be written (WARN) and once when it can again
     *     (INFO), rather than once per line
     */
    public History(Path file, int limit, BiConsumer<LogLevel, String> problems) throws IOException {
        this.problems = problems;
        if (limit < 1) {
            throw new IllegalArgumentException("history limit must be positive: " + limit);
        }
        this.file = file;
        this.limit = limit;
        this.appender = new LineAppender(file);
        this.lines = new ArrayDeque<>(Math.min(limit, 1024));
        // A last line written up to a crash may still parse with its text cut short: never replay it.
        boolean torn = TextFiles.cutTornLastLine(file);
        int skipped = torn ? 1 : 0;
        if (torn) {
            LOG.warn("{}: skipped a torn last line", file);
        }
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
        if (linesInFile >= 2 * limit) {
            trim(); // the limit was lowered since the file was written
        }
    }

    /** Lines of the file that could not be read at start (e.g. one torn by a crash). */
    public int skippedOnLoad() {
        return skippedOnLoad;
    }

    public void append(ChatLine line) {
        lock.lock();
        try {
            remember(line);
            appender.append(line.toRecord());
            if (++linesInFile >= 2 * limit) {
                trim();
            }
            if (failing) {
                failing = false;
                problems.accept(LogLevel.INFO, "The history file " + file + " can be written again");
            }
        } catch (IOException e) {
            if (!failing) {
                failing = true;
                problems.accept(LogLevel.WARN, "Cannot write the history file " + file + ": " + TextFiles.reason(e)
                        + "; the room goes on, and its newest lines are kept in memory");
            }
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

    @Override
    public void close() {
        lock.lock();
        try {
            appender.close();
        } finally {
            lock.unlock();
        }
    }

    private void remember(ChatLine line) {
        if (lines.size() == limit) {
            lines.removeFirst();
        }
        lines.addLast(line);
    }

    private void trim() throws IOException {
        appender.close();
        StringBuilder text = new StringBuilder();
        for (ChatLine line : lines) {
            text.append(line.toRecord()).append(System.lineSeparator());
        }
        // after a crash the history is the old file or the trimmed one, never empty
        TextFiles.writeAtomically(file, text.toString().getBytes(StandardCharsets.UTF_8), false);
        linesInFile = lines.size();
    }
}
