package org.switchboard.server;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import org.switchboard.chat.RoomFeed;

/**
 * The threads that write to clients: a few platform threads ("lanes"), each sweeping the outboxes of its
 * share of the clients. An outbox with an own line to write puts itself on its lane's list once; a line
 * in the room's {@link RoomFeed} concerns every member. A sweep takes the whole list, and, when the feed
 * has moved, every member of the lane too, and gives each outbox one non-blocking write of everything
 * due.
 * Sweeps of a lane start at least {@code intervalNanos} (and at least a millisecond) apart, so a busy
 * client gets its lines in a few large writes; a lane that has not swept for that long sweeps as soon as something is queued, so a line
 * to a quiet server goes out at once.
 *
 * <p>Why lanes and not a writer thread per client: on loopback a write costs the sender the receiver's
 * TCP work too, and with thousands of clients the server's time went to writes and to waking, mounting
 * and parking a writer thread for each of them. A lane does one write after another with nothing in
 * between. A client that does not read never blocks a lane: the socket is non-blocking, what it did not
 * take stays in its outbox for the next sweep, and the outbox limit ends the connection.
 *
 * <p>Threads: {@link Lane#schedule} and {@link #feedMoved} from any thread; {@link Lane#subscribe} and
 * {@link Lane#unsubscribe} from any thread (serialised by the lane); each lane's loop on its own platform
 * thread.
 */
final class Writers implements AutoCloseable {
    /** Bytes gathered for one write. */
    static final int BUFFER_BYTES = 64 * 1024;
    /**
     * Sweeps start at least this far apart even without coalescing: a client whose socket is full stays
     * on the list, and without a pause the lane would spin on it.
     */
    private static final long MIN_INTERVAL_NANOS = 1_000_000;

    private final Lane[] lanes;
    private final LongSupplier intervalNanos;
    /** The room's lines; null for writers without a room (echo clients and tests still have own lines). */
    private final RoomFeed feed;
    private final AtomicInteger nextLane = new AtomicInteger();
    private volatile boolean closed;

    Writers(int threads, LongSupplier intervalNanos) {
        this(threads, intervalNanos, null);
    }

    Writers(int threads, LongSupplier intervalNanos, RoomFeed feed) {
        if (threads < 1) {
            throw new IllegalArgumentException("at least one writer thread, not " + threads);
        }
        this.intervalNanos = intervalNanos;
        this.feed = feed;
        this.lanes = new Lane[threads];
        for (int i = 0; i < threads; i++) {
            lanes[i] = new Lane("switchboard-writer-" + (i + 1));
        }
    }

    /** The lane for a new outbox: round robin. */
    Lane nextLane() {
        return lanes[Math.floorMod(nextLane.getAndIncrement(), lanes.length)];
    }

    /** The feed has a new line: a lane that sleeps for lack of work wakes (any thread). */
    void feedMoved() {
        for (Lane lane : lanes) {
            if (lane.idle) {
                LockSupport.unpark(lane.thread);
            }
        }
    }

    /**
     * The slowest lane's latest sweep through the room's members: how long it took, and how many there
     * were; null before any. A room line waits for the next such sweep to reach a member, so with many
     * clients this is about the longest it waits on the server.
     */
    WriteRound lastRound() {
        WriteRound slowest = null;
        for (Lane lane : lanes) {
            WriteRound round = lane.lastRound;
            if (round != null && (slowest == null || round.nanos() > slowest.nanos())) {
                slowest = round;
            }
        }
        return slowest;
    }

    /** One sweep through a lane's room members: how long it took, and how many it wrote to. */
    record WriteRound(long nanos, int clients) { }

    /** Stops the lanes after one last sweep of what is on their lists. */
    @Override
    public void close() {
        closed = true;
        for (Lane lane : lanes) {
            LockSupport.unpark(lane.thread);
        }
        for (Lane lane : lanes) {
            try {
                lane.thread.join(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** One writer thread and its list of outboxes waiting for a write. */
    final class Lane {
        private final AtomicReference<Outbox> scheduled = new AtomicReference<>();
        private final Thread thread;
        private final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_BYTES);
        /** The lane found nothing to do and parks untimed: the next outbox scheduled must wake it. */
        private volatile boolean idle;
        /** This lane's outboxes in the room, in the order they joined; replaced, never changed. */
        private volatile Outbox[] members = new Outbox[0];
        private final ReentrantLock membersLock = new ReentrantLock();
        /** The feed's end at the last sweep (lane thread only). */
        private long sweptFeedEnd;
        private long sweeps;
        /** The last sweep that went through the members (written by the lane, read by anyone). */
        private volatile WriteRound lastRound;

        private Lane(String name) {
            thread = Thread.ofPlatform().name(name).daemon(true).start(this::run);
        }

        /**
         * Puts an outbox on this lane's list (any thread). The caller makes sure an outbox is on the
         * list at most once ({@link Outbox} does, with its own flag).
         */
        void schedule(Outbox outbox) {
            Outbox top;
            do {
                top = scheduled.get();
                outbox.nextScheduled = top;
            } while (!scheduled.compareAndSet(top, outbox));
            if (top == null && idle) {
                LockSupport.unpark(thread);
            }
        }

        /** The outbox is in the room: every sweep after the feed moved looks at it. */
        void subscribe(Outbox outbox) {
            membersLock.lock();
            try {
                Outbox[] grown = Arrays.copyOf(members, members.length + 1);
                grown[members.length] = outbox;
                members = grown;
            } finally {
                membersLock.unlock();
            }
        }

        /** The outbox is out of the room (no-op when it was not in). */
        void unsubscribe(Outbox outbox) {
            membersLock.lock();
            try {
                Outbox[] now = members;
                for (int i = 0; i < now.length; i++) {
                    if (now[i] == outbox) {
                        Outbox[] shrunk = new Outbox[now.length - 1];
                        System.arraycopy(now, 0, shrunk, 0, i);
                        System.arraycopy(now, i + 1, shrunk, i, now.length - i - 1);
                        members = shrunk;
                        return;
                    }
                }
            } finally {
                membersLock.unlock();
            }
        }

        private boolean hasWork() {
            return scheduled.get() != null || (feed != null && feed.end() != sweptFeedEnd);
        }

        private void run() {
            long lastSweep = System.nanoTime() - intervalNanos.getAsLong();
            while (true) {
                if (closed) {
                    sweep();
                    return;
                }
                if (!hasWork()) {
                    idle = true;
                    // look again after saying so: work that came before the flag was seen woke nobody
                    if (!hasWork() && !closed) {
                        LockSupport.park(this);
                    }
                    idle = false;
                    continue;
                }
                long wait = lastSweep + Math.max(MIN_INTERVAL_NANOS, intervalNanos.getAsLong()) - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(this, wait);
                    continue;
                }
                lastSweep = System.nanoTime();
                int membersWritten = sweep();
                if (membersWritten > 0) {
                    lastRound = new WriteRound(System.nanoTime() - lastSweep, membersWritten);
                }
            }
        }

        /** Takes the whole list, oldest first: every client then waits about one sweep between writes. */
        private Outbox takeInOrder() {
            Outbox newestFirst = scheduled.getAndSet(null);
            Outbox oldestFirst = null;
            while (newestFirst != null) {
                Outbox next = newestFirst.nextScheduled;
                newestFirst.nextScheduled = oldestFirst;
                oldestFirst = newestFirst;
                newestFirst = next;
            }
            return oldestFirst;
        }

        /**
         * The outboxes on the list first, then, when the feed has moved, every member not written in
         * this sweep yet, always in the same order, so each waits about one sweep between writes.
         * Returns how many members the sweep went through: 0 when the feed had not moved.
         */
        private int sweep() {
            long sweep = ++sweeps;
            long feedEnd = feed == null ? 0 : feed.end();
            boolean feedMoved = feedEnd != sweptFeedEnd;
            sweptFeedEnd = feedEnd;
            Outbox outbox = takeInOrder();
            while (outbox != null) {
                // read before the write: writing may put the outbox on the list again, with a new link
                Outbox next = outbox.nextScheduled;
                outbox.nextScheduled = null;
                outbox.sweptIn = sweep;
                outbox.flush(buffer, true);
                outbox = next;
            }
            if (!feedMoved) {
                return 0;
            }
            Outbox[] all = members;
            for (Outbox member : all) {
                if (member.sweptIn != sweep) {
                    member.sweptIn = sweep;
                    member.flush(buffer, false);
                }
            }
            return all.length;
        }
    }
}
