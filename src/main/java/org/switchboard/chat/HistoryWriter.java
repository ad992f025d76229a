package org.switchboard.chat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;
import org.switchboard.log.LineAppender;
import org.switchboard.log.LogLevel;
import org.switchboard.protocol.TextFiles;

/**
 * Writes the history file on a thread of its own, so that nobody who talks or joins waits for the disk:
 * {@link #add} queues a line and returns, and the writer appends everything queued in one write, flushed
 * to the OS. When the file would reach twice {@code limit} lines, the writer rewrites it with the newest
 * {@code limit} instead (the trim: temporary file, fsync, atomic rename, so a crash leaves the old file or
 * the new one, never an empty one).
 *
 * <p>The queue holds at most {@code limit} lines, and never makes the adding thread wait: when the disk
 * is so slow that a line comes while {@code limit} are waiting, the oldest waiting line is dropped and
 * the next write is a trim instead of an append. Nothing is lost that the file would have kept: a
 * dropped line is older than the newest {@code limit}, and the trim writes those. A bounded queue
 * whose overflow the adding thread writes itself would make a talker wait for the disk under the room's
 * lock again, the wait this class is there to remove; an unbounded one would grow with a stalled disk.
 *
 * <p>What a crash loses: a line reaches the OS when its write is made, a moment after it was said, so a
 * crash of the process loses the lines still queued (none on a healthy disk, bar the last moment's);
 * a crash of the machine loses what the OS had not put on disk, as before this writer existed.
 *
 * <p>Threads: {@link #add}, {@link #awaitWritten} and {@link #close} from any thread ({@code add} under
 * the history's lock, which the room holds too); the writer thread, {@value #THREAD_NAME}, alone touches
 * the file, the lines written last and the failure streak, from the first line after construction (or
 * after a close) until {@link #close}; the constructing thread touches them before that. A close ends
 * the thread and the next line starts a new one: the server keeps its history across stop and start.
 */
final class HistoryWriter implements AutoCloseable {
    static final String THREAD_NAME = "switchboard-history-writer";

    /** Where the lines go: the history file, or a stand-in in tests. Called on the writer thread only. */
    interface Target {
        /** Adds whole lines at the end, flushed to the OS. */
        void append(List<String> records) throws IOException;

        /** Replaces everything with these lines, so that a crash leaves the old content or the new. */
        void replace(List<String> records) throws IOException;

        /** Closes what is open; the next append opens it again. */
        void close();
    }

    /** The history file itself. */
    static final class FileTarget implements Target {
        private final Path file;
        private final LineAppender appender;

        FileTarget(Path file) {
            this.file = file;
            this.appender = new LineAppender(file);
        }

        @Override
        public void append(List<String> records) throws IOException {
            // one write and one flush for the whole batch: the records are lines, joined as the file's lines
            appender.append(String.join(System.lineSeparator(), records));
        }

        @Override
        public void replace(List<String> records) throws IOException {
            appender.close();
            StringBuilder text = new StringBuilder();
            for (String record : records) {
                text.append(record).append(System.lineSeparator());
            }
            TextFiles.writeAtomically(file, text.toString().getBytes(StandardCharsets.UTF_8), false);
        }

        @Override
        public void close() {
            appender.close();
        }
    }

    private final Path file;
    private final Target target;
    private final int limit;
    private final BiConsumer<LogLevel, String> problems;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition lineQueued = lock.newCondition();
    private final Condition caughtUp = lock.newCondition();
    // under the lock
    private ArrayDeque<ChatLine> queue = new ArrayDeque<>();
    /** A line was dropped from the queue: the next write must be a trim. */
    private boolean overflowed;
    private long queuedCount;
    private long writtenCount;
    private boolean running;
    private boolean closing;
    private Thread thread;

    // the writer thread's (see Threads above)
    /** The newest {@code limit} lines handed to the file: what a trim writes. */
    private final ArrayDeque<ChatLine> newest;
    private int linesInFile;
    /** The last write failed. */
    private boolean failing;

    /**
     * A writer for a file that holds {@code linesInFile} lines, the newest of which are {@code lastLines};
     * when the file holds twice the limit already (the limit was lowered), it is trimmed now, on the
     * constructing thread, and a failure to do so is thrown.
     *
     * @param problems told once when the file can no longer be written (WARN) and once when it can again
     *     (INFO), rather than once per write; called on the writer thread
     */
    HistoryWriter(Path file, Target target, int limit, List<ChatLine> lastLines, int linesInFile,
            BiConsumer<LogLevel, String> problems) throws IOException {
        if (limit < 1) {
            throw new IllegalArgumentException("history limit must be positive: " + limit);
        }
        this.file = file;
        this.target = target;
        this.limit = limit;
        this.problems = problems;
        this.newest = new ArrayDeque<>(Math.min(limit, 1024));
        lastLines.forEach(this::keep);
        this.linesInFile = linesInFile;
        if (linesInFile >= 2 * limit) {
            target.replace(records(newest));
            this.linesInFile = newest.size();
        }
    }

    /** Queues a line for the file and returns at once; starts the writer thread if it is not running. */
    void add(ChatLine line) {
        lock.lock();
        try {
            if (queue.size() == limit) {
                queue.removeFirst();
                overflowed = true;
            }
            queue.addLast(line);
            queuedCount++;
            if (!running) {
                running = true;
                closing = false;
                thread = Thread.ofPlatform().name(THREAD_NAME).daemon().start(this::run);
            } else if (queue.size() == 1) {
                lineQueued.signal(); // the writer waits only on an empty queue
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until every line added before this call has been written to the file (or its write failed
     * and was reported).
     */
    void awaitWritten() {
        lock.lock();
        try {
            long wanted = queuedCount;
            while (writtenCount < wanted && running) {
                caughtUp.await();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    /** Lines waiting for the writer (never more than the limit). */
    int queued() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    /** Writes everything queued, closes the file and ends the writer thread. */
    @Override
    public void close() {
        Thread ending;
        lock.lock();
        try {
            if (!running) {
                return;
            }
            closing = true;
            lineQueued.signal();
            ending = thread;
        } finally {
            lock.unlock();
        }
        try {
            ending.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the writer still writes what is queued, without us
        }
    }

    private void run() {
        long written = writtenCount;
        for (Batch batch = take(written); batch != null; batch = take(written)) {
            write(batch);
            written = batch.upTo();
        }
    }

    private record Batch(ArrayDeque<ChatLine> lines, boolean trim, long upTo) { }

    /** Marks {@code written} done, then waits for lines; null when closing and nothing is left. */
    private Batch take(long written) {
        lock.lock();
        try {
            writtenCount = written;
            caughtUp.signalAll();
            while (queue.isEmpty() && !closing) {
                lineQueued.awaitUninterruptibly(); // nobody interrupts this thread: close() ends it
            }
            if (queue.isEmpty()) {
                // the file is closed before running is cleared: a thread started by the next line never
                // shares it with this one
                target.close();
                running = false;
                caughtUp.signalAll();
                return null;
            }
            Batch batch = new Batch(queue, overflowed, queuedCount);
            queue = new ArrayDeque<>();
            overflowed = false;
            return batch;
        } finally {
            lock.unlock();
        }
    }

    private void write(Batch batch) {
        batch.lines().forEach(this::keep);
        try {
            if (batch.trim() || linesInFile + batch.lines().size() >= 2 * limit) {
                target.replace(records(newest));
                linesInFile = newest.size();
            } else {
                target.append(records(batch.lines()));
                linesInFile += batch.lines().size();
            }
            if (failing) {
                failing = false;
                problems.accept(LogLevel.INFO, "The history file " + file + " can be written again");
            }
        } catch (IOException e) {
            failed(TextFiles.reason(e));
        } catch (RuntimeException e) {
            failed(e.toString()); // reported like a full disk, rather than ending the writer thread
        }
    }

    private void failed(String reason) {
        if (!failing) {
            failing = true;
            problems.accept(LogLevel.WARN, "Cannot write the history file " + file + ": " + reason
                    + "; the room goes on, and its newest lines are kept in memory");
        }
    }

    private void keep(ChatLine line) {
        if (newest.size() == limit) {
            newest.removeFirst();
        }
        newest.addLast(line);
    }

    private static List<String> records(ArrayDeque<ChatLine> lines) {
        List<String> records = new ArrayList<>(lines.size());
        for (ChatLine line : lines) {
            records.add(line.toRecord());
        }
        return records;
    }
}
