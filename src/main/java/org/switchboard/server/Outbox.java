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
 */
final class Outbox {
    private static final int CHUNK = 8192;

    private final OutputStream out;
    private final long limitBytes;
    private final Runnable onOverflow;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition ready = lock.newCondition();
    private final CountDownLatch done = new CountDownLatch(1);
    private ArrayDeque<byte[]> queue = new ArrayDeque<>();
    private ArrayDeque<byte[]> spare = new ArrayDeque<>();
    private long pendingBytes;
    private boolean finishing;
    private boolean aborted;

    Outbox(OutputStream out, long limitBytes, Runnable onOverflow) {
        this.out = out;
        this.limitBytes = limitBytes;
        this.onOverflow = onOverflow;
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
                if (queue.size() == 1) {
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
        try {
            while (true) {
                ArrayDeque<byte[]> batch;
                lock.lock();
                try {
                    while (queue.isEmpty() && !finishing && !aborted) {
                        ready.await();
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
