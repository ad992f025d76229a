package org.switchboard.server;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One client's bounded queue of outgoing lines and the writer that drains it.
 *
 * <p>{@link #offer} runs on any thread and never blocks on the network: a broadcast only queues. The
 * writer (one thread per client, started by {@link #start}) takes everything queued at once and writes
 * it in as few socket writes as its buffer allows. Bytes count against the limit from the moment they
 * are queued until they are written; past the limit the client is not reading, and the outbox reports
 * an overflow instead of growing.
 *
 * <p>Under load the writer coalesces: after one write it lets at least {@code coalesceNanos} pass
 * before the next, so that a client in a busy room gets its lines in a few large writes instead of one
 * system call per line (on loopback a small write costs about as much as a large one, and a thousand
 * clients times thousands of lines a second is more system calls than two cores can make). A line to
 * an idle client is written at once: the wait only applies when writes follow each other closely.
 * {@link #offer} wakes the writer only when it is idle, never while it waits out that interval.
 */
final class Outbox {
    private static final int CHUNK = 8192;

    private final OutputStream out;
    private final long limitBytes;
    private final Runnable onOverflow;
    private final long coalesceNanos;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition ready = lock.newCondition();
    private final CountDownLatch done = new CountDownLatch(1);
    private ArrayDeque<byte[]> queue = new ArrayDeque<>();
    private ArrayDeque<byte[]> spare = new ArrayDeque<>();
    private long pendingBytes;
    private boolean finishing;
    private boolean aborted;
    /** The writer waits for work (not for the coalescing interval): the next line must wake it. */
    private boolean writerIdle;

    Outbox(OutputStream out, long limitBytes, Runnable onOverflow) {
        this(out, limitBytes, onOverflow, 0);
    }

    Outbox(OutputStream out, long limitBytes, Runnable onOverflow, long coalesceNanos) {
        this.out = out;
        this.limitBytes = limitBytes;
        this.onOverflow = onOverflow;
        this.coalesceNanos = coalesceNanos;
    }

    /** Starts the writer on a thread from {@code threads}; {@code afterDrain} runs when it ends. */
    void start(java.util.concurrent.ThreadFactory threads, Runnable afterDrain) {
        threads.newThread(() -> {
            try {
                drainUntilFinished();
            } finally {
                done.countDown();
                afterDrain.run();
            }
        }).start();
    }

    /** Queues a line; false when the outbox is closed or (after reporting the overflow) full. */
    boolean offer(byte[] line) {
        boolean overflow = false;
        lock.lock();
        try {
            if (finishing || aborted) {
                return false;
            }
            if (pendingBytes + line.length > limitBytes) {
                aborted = true;
                overflow = true;
                queue.clear();
                ready.signal();
            } else {
                queue.addLast(line);
                pendingBytes += line.length;
                if (writerIdle) {
                    writerIdle = false;
                    ready.signal();
                }
            }
        } finally {
            lock.unlock();
        }
        if (overflow) {
            onOverflow.run();
        }
        return !overflow;
    }

    /** Takes no more lines; the writer writes what is queued, then ends. */
    void finish() {
        lock.lock();
        try {
            finishing = true;
            writerIdle = false;
            ready.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Drops what is queued; the writer ends as soon as its current write returns. */
    void abort() {
        lock.lock();
        try {
            aborted = true;
            queue.clear();
            ready.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Waits for the writer to end; true when it did within the time. */
    boolean awaitDone(long timeout, TimeUnit unit) throws InterruptedException {
        return done.await(timeout, unit);
    }

    long pendingBytes() {
        lock.lock();
        try {
            return pendingBytes;
        } finally {
            lock.unlock();
        }
    }

    private void drainUntilFinished() {
        byte[] chunk = new byte[CHUNK];
        long lastWrite = System.nanoTime() - coalesceNanos;
        try {
            while (true) {
                ArrayDeque<byte[]> batch;
                lock.lock();
                try {
                    while (queue.isEmpty() && !finishing && !aborted) {
                        writerIdle = true;
                        ready.await();
                    }
                    writerIdle = false;
                    long wait = lastWrite + coalesceNanos - System.nanoTime();
                    while (wait > 0 && !finishing && !aborted) {
                        wait = ready.awaitNanos(wait);
                    }
                    if (aborted || queue.isEmpty()) {
                        return;
                    }
                    batch = queue;
                    queue = spare;
                    spare = batch;
                } finally {
                    lock.unlock();
                }
                lastWrite = System.nanoTime();
                long written = write(batch, chunk);
                batch.clear();
                lock.lock();
                try {
                    pendingBytes -= written;
                } finally {
                    lock.unlock();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the peer went away or the socket was closed: the reader side sees it too and cleans up
            abort();
        }
    }

    /** Writes a batch, packing small lines into one buffer so that a burst costs few system calls. */
    private long write(ArrayDeque<byte[]> batch, byte[] chunk) throws IOException {
        long total = 0;
        int used = 0;
        for (byte[] line : batch) {
            total += line.length;
            if (line.length > chunk.length) {
                if (used > 0) {
                    out.write(chunk, 0, used);
                    used = 0;
                }
                out.write(line);
                continue;
            }
            if (used + line.length > chunk.length) {
                out.write(chunk, 0, used);
                used = 0;
            }
            System.arraycopy(line, 0, chunk, used, line.length);
            used += line.length;
        }
        if (used > 0) {
            out.write(chunk, 0, used);
        }
        out.flush();
        return total;
    }
}
