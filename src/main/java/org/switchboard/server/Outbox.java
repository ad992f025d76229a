package org.switchboard.server;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * One client's bounded queue of outgoing lines and the writer that drains it.
 *
 * <p>{@link #offer} runs on any thread and never blocks: a broadcast only queues. It takes no lock: a
 * line is pushed onto a linked stack with one compare-and-set, because a broadcast to a thousand
 * members does a thousand offers and a lock per offer was the top of the profile. The writer (one
 * thread per client, started by {@link #start}) takes the whole stack at once, puts it back in order
 * and writes it in as few socket writes as its buffer allows. Bytes count against the limit from the
 * moment they are queued until they are written; past the limit the client is not reading, and the
 * outbox reports an overflow instead of growing. (The count may run over by up to one batch while a
 * batch is handed from the stack to the writer: the limit is there to spot a client that does not
 * read, not to count bytes exactly.)
 *
 * <p>Under load the writer coalesces: after one write it lets at least {@code coalesceNanos} pass
 * before the next, so that a client in a busy room gets its lines in a few large writes instead of one
 * system call per line (on loopback a small write costs about as much as a large one, and a thousand
 * clients times thousands of lines a second is more system calls than two cores can make). A line to
 * an idle client is written at once: the wait only applies when writes follow each other closely.
 * After each write the writer sleeps out the interval once and then writes whatever came meanwhile, so
 * a busy client costs one wake-up per write; only a line to an idle writer (one that found nothing
 * after its sleep) wakes it, never the lines queued while it sleeps. The interval comes from
 * {@code interval}, asked before each sleep, so that it can grow with the number of clients.
 */
final class Outbox {
    private static final int CHUNK = 8192;

    /** A queued line; {@code queuedBytes} counts it and every line queued before it since the last take. */
    private record Node(byte[] line, Node next, long queuedBytes) { }

    private final OutputStream out;
    private final long limitBytes;
    private final Runnable onOverflow;
    private final LongSupplier intervalNanos;
    /** When set, the writer waits for its ticks instead of sleeping the interval on a timer of its own. */
    private final WriteTicker ticker;
    private final CountDownLatch done = new CountDownLatch(1);
    private final AtomicReference<Node> stack = new AtomicReference<>();
    private final AtomicBoolean overflowReported = new AtomicBoolean();
    private volatile long inFlightBytes;
    private volatile boolean finishing;
    private volatile boolean aborted;
    private volatile Thread writer;
    /** The writer found nothing to write and waits untimed: the next line must wake it. */
    private volatile boolean writerIdle;

    Outbox(OutputStream out, long limitBytes, Runnable onOverflow) {
        this(out, limitBytes, onOverflow, () -> 0);
    }

    Outbox(OutputStream out, long limitBytes, Runnable onOverflow, long coalesceNanos) {
        this(out, limitBytes, onOverflow, () -> coalesceNanos);
    }

    Outbox(OutputStream out, long limitBytes, Runnable onOverflow, LongSupplier intervalNanos) {
        this(out, limitBytes, onOverflow, intervalNanos, null);
    }

    Outbox(OutputStream out, long limitBytes, Runnable onOverflow, LongSupplier intervalNanos, WriteTicker ticker) {
        this.out = out;
        this.limitBytes = limitBytes;
        this.onOverflow = onOverflow;
        this.intervalNanos = intervalNanos;
        this.ticker = ticker;
    }

    /** Starts the writer on a thread from {@code threads}; {@code afterDrain} runs when it ends. */
    void start(java.util.concurrent.ThreadFactory threads, Runnable afterDrain) {
        Thread thread = threads.newThread(() -> {
            try {
                drainUntilFinished();
            } finally {
                done.countDown();
                afterDrain.run();
            }
        });
        writer = thread;
        thread.start();
    }

    /** Queues a line; false when the outbox is closed or (after reporting the overflow) full. */
    boolean offer(byte[] line) {
        Node top;
        while (true) {
            if (finishing || aborted) {
                return false;
            }
            top = stack.get();
            long queued = (top == null ? 0 : top.queuedBytes) + line.length;
            if (queued + inFlightBytes > limitBytes) {
                abort();
                if (overflowReported.compareAndSet(false, true)) {
                    onOverflow.run();
                }
                return false;
            }
            if (stack.compareAndSet(top, new Node(line, top, queued))) {
                break;
            }
        }
        if (top == null && writerIdle) {
            wakeWriter();
        }
        return true;
    }

    /** Takes no more lines; the writer writes what is queued, then ends. */
    void finish() {
        finishing = true;
        wakeWriter();
    }

    /** Drops what is queued; the writer ends as soon as its current write returns. */
    void abort() {
        aborted = true;
        stack.set(null);
        wakeWriter();
    }

    /** Waits for the writer to end; true when it did within the time. */
    boolean awaitDone(long timeout, TimeUnit unit) throws InterruptedException {
        return done.await(timeout, unit);
    }

    long pendingBytes() {
        Node top = stack.get();
        return (top == null ? 0 : top.queuedBytes) + inFlightBytes;
    }

    private void wakeWriter() {
        Thread thread = writer;
        if (thread != null) {
            LockSupport.unpark(thread);
        }
    }

    private void drainUntilFinished() {
        byte[] chunk = new byte[CHUNK];
        List<byte[]> batch = new ArrayList<>();
        try {
            boolean wrote = false;
            while (true) {
                Node taken = take(wrote);
                wrote = true;
                if (taken == null) {
                    return;
                }
                inFlightBytes = taken.queuedBytes;
                for (Node node = taken; node != null; node = node.next) {
                    batch.add(node.line);
                }
                write(batch, chunk);
                batch.clear();
                inFlightBytes = 0;
                if (!finishing) {
                    // sleep out the interval once; lines queued meanwhile go out in the next write
                    pause();
                }
            }
        } catch (IOException e) {
            // the peer went away or the socket was closed: the reader side sees it too and cleans up
            abort();
        }
    }

    /**
     * Takes every queued line (newest first), waiting for one; null when the writer should end. When
     * nothing is there just after a write ({@code afterWrite}) it first lingers one more interval, timed
     * and not idle, before it parks until a line wakes it: in a steady stream (lines less than an
     * interval apart) the writer then never goes idle, so the broadcasting thread never has to wake it,
     * one wake-up per recipient per line. A writer with no recent write goes idle at once, so that a
     * line to a quiet client is written at once.
     */
    private Node take(boolean afterWrite) {
        boolean lingered = !afterWrite;
        while (true) {
            if (aborted || Thread.currentThread().isInterrupted()) {
                return null;
            }
            Node taken = stack.getAndSet(null);
            if (taken != null) {
                return taken;
            }
            if (finishing) {
                return null;
            }
            if (!lingered && intervalNanos.getAsLong() > 0) {
                lingered = true;
                pause();
                continue;
            }
            writerIdle = true;
            // look again after saying so: a line queued before the flag was seen would wake nobody
            if (stack.get() == null && !finishing && !aborted) {
                LockSupport.park(this);
            }
            writerIdle = false;
        }
    }

    /** Waits one interval: until the shared ticker's next tick, or on a timer of its own without one. */
    private void pause() {
        long interval = intervalNanos.getAsLong();
        if (interval <= 0) {
            return;
        }
        if (ticker != null) {
            ticker.awaitTick(this);
        } else {
            LockSupport.parkNanos(this, interval);
        }
    }

    /** Writes a batch (newest first), packing small lines into one buffer so that a burst costs few calls. */
    private void write(List<byte[]> newestFirst, byte[] chunk) throws IOException {
        int used = 0;
        for (int i = newestFirst.size() - 1; i >= 0; i--) {
            byte[] line = newestFirst.get(i);
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
    }
}
