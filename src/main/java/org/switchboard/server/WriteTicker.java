package org.switchboard.server;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.LongSupplier;
import java.util.concurrent.locks.LockSupport;

/**
 * One clock for every client's writer. A writer that has just written waits for the next tick instead
 * of a timer of its own; each tick wakes every writer that was waiting, in one burst.
 *
 * <p>Why: ten thousand writers each sleeping their own interval wake at ten thousand different moments,
 * and each wake-up finds the scheduler's carrier threads asleep and has to wake one through the
 * kernel. Woken together, the writers land in the carriers' queues while the carriers are running, so
 * a tick costs a few kernel wake-ups instead of one per writer.
 *
 * <p>Threads: {@link #awaitTick} runs on writer threads; the tick loop on its own platform thread.
 */
final class WriteTicker implements AutoCloseable {
    private final ConcurrentLinkedQueue<Thread> waiting = new ConcurrentLinkedQueue<>();
    private final LongSupplier intervalNanos;
    private final Thread thread;
    private volatile boolean closed;
    /** The tick loop found nobody waiting and parks until a writer comes: an idle server does not tick. */
    private volatile boolean resting;

    WriteTicker(LongSupplier intervalNanos) {
        this.intervalNanos = intervalNanos;
        this.thread = Thread.ofPlatform().name("switchboard-write-ticker").daemon(true).start(this::tick);
    }

    /**
     * Parks the calling writer until the next tick (or an earlier unpark, e.g. when its outbox is
     * finished). It may also return early, as {@link LockSupport#park} may: callers look again.
     */
    void awaitTick(Object blocker) {
        if (closed) {
            return;
        }
        waiting.add(Thread.currentThread());
        if (resting) {
            LockSupport.unpark(thread);
        }
        LockSupport.park(blocker);
    }

    private void tick() {
        while (!closed) {
            if (waiting.isEmpty()) {
                resting = true;
                // look again after saying so: a writer that came before the flag was seen woke nobody
                if (waiting.isEmpty() && !closed) {
                    LockSupport.park(this);
                }
                resting = false;
            }
            LockSupport.parkNanos(this, Math.max(1_000_000, intervalNanos.getAsLong()));
            // wake those waiting now; a writer that joins during this loop waits for the next tick
            for (int n = waiting.size(); n > 0; n--) {
                Thread writer = waiting.poll();
                if (writer == null) {
                    break;
                }
                LockSupport.unpark(writer);
            }
        }
        for (Thread writer = waiting.poll(); writer != null; writer = waiting.poll()) {
            LockSupport.unpark(writer);
        }
    }

    /** The tick loop's thread, for tests. */
    Thread thread() {
        return thread;
    }

    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(thread);
    }
}
