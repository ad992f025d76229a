package org.switchboard.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One client's bounded queue of outgoing lines. A {@link Writers} lane writes it out.
 *
 * <p>{@link #offer} runs on any thread and never blocks: a broadcast only queues. It takes no lock: a
 * line is pushed onto a linked stack with one compare-and-set, because a broadcast to a thousand
 * members does a thousand offers and a lock per offer was the top of the profile. The first line on an
 * empty stack puts the outbox on its lane's list; at its next sweep the lane takes the whole stack at
 * once, puts it back in order and writes it with one non-blocking write. What the socket does not take
 * (the client is not reading fast enough) stays here, ahead of newer lines, for the next sweep.
 *
 * <p>Bytes count against the limit from the moment they are queued until they are written; past the
 * limit the client is not reading, and the outbox reports an overflow instead of growing.
 *
 * <p>Threads: {@link #offer}, {@link #finish}, {@link #abort} and {@link #awaitDone} on any thread;
 * {@link #flush} only on the lane's thread, which alone touches the unwritten remainder.
 */
final class Outbox {
    /** A queued line; {@code queuedBytes} counts it and every line queued before it since the last take. */
    private record Node(byte[] line, Node next, long queuedBytes) { }

    private final WritableByteChannel out;
    private final long limitBytes;
    private final Runnable onOverflow;
    private final Writers.Lane lane;
    private final Runnable afterDrain;
    private final CountDownLatch done = new CountDownLatch(1);
    private final AtomicReference<Node> stack = new AtomicReference<>();
    private final AtomicBoolean overflowReported = new AtomicBoolean();
    /** On the lane's list, waiting for a sweep. */
    private final AtomicBoolean onList = new AtomicBoolean();
    /** The lane's link to the next outbox on its list; only the lane and whoever puts it there touch it. */
    Outbox nextScheduled;
    private volatile boolean finishing;
    private volatile boolean aborted;
    /** Taken from the stack but not yet written: counts against the limit. */
    private volatile long unwrittenBytes;
    /** What the socket did not take at the last write (lane thread only). */
    private ByteBuffer unwritten;
    private boolean ended;

    /**
     * @param afterDrain runs once, on the lane's thread, when the outbox has ended: finished and
     *                   written out, aborted, or its channel failed
     */
    Outbox(WritableByteChannel out, long limitBytes, Runnable onOverflow, Writers.Lane lane, Runnable afterDrain) {
        this.out = out;
        this.limitBytes = limitBytes;
        this.onOverflow = onOverflow;
        this.lane = lane;
        this.afterDrain = afterDrain;
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
            if (queued + unwrittenBytes > limitBytes) {
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
        // a line on a non-empty stack: whoever put the first one there has asked for the write
        if (top == null) {
            requestWrite();
        }
        return true;
    }

    /** Takes no more lines; the lane writes what is queued, then the outbox ends. */
    void finish() {
        finishing = true;
        requestWrite();
    }

    /** Drops what is queued; the outbox ends at the lane's next sweep. */
    void abort() {
        aborted = true;
        stack.set(null);
        requestWrite();
    }

    /** Waits for the outbox to end (and its {@code afterDrain} to have run); true when it did within the time. */
    boolean awaitDone(long timeout, TimeUnit unit) throws InterruptedException {
        return done.await(timeout, unit);
    }

    long pendingBytes() {
        Node top = stack.get();
        return (top == null ? 0 : top.queuedBytes) + unwrittenBytes;
    }

    private void requestWrite() {
        if (onList.compareAndSet(false, true)) {
            lane.schedule(this);
        }
    }

    /**
     * On the lane's thread: writes what the last write left, then everything queued, with as few
     * non-blocking writes as {@code buffer} allows; whatever the socket does not take waits for the
     * next sweep.
     */
    void flush(ByteBuffer buffer) {
        // cleared before the stack is taken: a line queued after the take asks for the next sweep
        onList.set(false);
        if (ended) {
            return;
        }
        try {
            if (aborted) {
                end();
                return;
            }
            if (unwritten != null && !writeUnwritten()) {
                requestWrite();
                return;
            }
            Node taken = stack.getAndSet(null);
            if (taken != null && !write(taken, buffer)) {
                requestWrite();
                return;
            }
            if (finishing && stack.get() == null) {
                end();
            }
        } catch (IOException e) {
            // the peer went away or the socket was closed: the reader side sees it too and cleans up
            aborted = true;
            stack.set(null);
            end();
        }
    }

    private void end() {
        if (!ended) {
            ended = true;
            unwritten = null;
            unwrittenBytes = 0;
            try {
                afterDrain.run();
            } finally {
                done.countDown();
            }
        }
    }

    /** Writes a batch (newest first) in order; false when the socket did not take all of it. */
    private boolean write(Node newestFirst, ByteBuffer buffer) throws IOException {
        long total = newestFirst.queuedBytes;
        unwrittenBytes = total;
        if (total <= buffer.capacity()) {
            // the usual case: lay the lines out from the end of the buffer backwards, then one write
            buffer.clear();
            int start = buffer.capacity() - (int) total;
            int at = buffer.capacity();
            for (Node node = newestFirst; node != null; node = node.next) {
                at -= node.line.length;
                buffer.put(at, node.line);
            }
            buffer.limit(buffer.capacity()).position(start);
            if (!written(buffer)) {
                return false;
            }
            unwrittenBytes = 0;
            return true;
        }
        // a large backlog: in order through the buffer, a buffer-full at a time
        byte[][] lines = inOrder(newestFirst);
        buffer.clear();
        for (int i = 0; i < lines.length; i++) {
            byte[] line = lines[i];
            if (line.length > buffer.remaining()) {
                buffer.flip();
                if (!written(buffer)) {
                    keep(lines, i);
                    return false;
                }
                buffer.clear();
                if (line.length > buffer.capacity()) {
                    buffer.limit(0);
                    unwritten = ByteBuffer.wrap(line);
                    if (!writeUnwritten()) {
                        keep(lines, i + 1);
                        return false;
                    }
                    buffer.clear();
                    continue;
                }
            }
            buffer.put(line);
        }
        buffer.flip();
        if (!written(buffer)) {
            keep(lines, lines.length);
            return false;
        }
        unwrittenBytes = 0;
        return true;
    }

    /** One write of the buffer's content; when the socket takes less, the rest is kept as unwritten. */
    private boolean written(ByteBuffer buffer) throws IOException {
        out.write(buffer);
        if (!buffer.hasRemaining()) {
            return true;
        }
        ByteBuffer rest = ByteBuffer.allocate(buffer.remaining());
        rest.put(buffer).flip();
        unwritten = rest;
        unwrittenBytes = rest.remaining();
        return false;
    }

    /** Adds the lines from {@code from} on after what is already unwritten. */
    private void keep(byte[][] lines, int from) {
        int size = unwritten == null ? 0 : unwritten.remaining();
        for (int i = from; i < lines.length; i++) {
            size += lines[i].length;
        }
        ByteBuffer rest = ByteBuffer.allocate(size);
        if (unwritten != null) {
            rest.put(unwritten);
        }
        for (int i = from; i < lines.length; i++) {
            rest.put(lines[i]);
        }
        rest.flip();
        unwritten = rest;
        unwrittenBytes = size;
    }

    /** Writes what an earlier write left; true when all of it went. */
    private boolean writeUnwritten() throws IOException {
        out.write(unwritten);
        if (unwritten.hasRemaining()) {
            unwrittenBytes = unwritten.remaining();
            return false;
        }
        unwritten = null;
        unwrittenBytes = 0;
        return true;
    }

    private static byte[][] inOrder(Node newestFirst) {
        int count = 0;
        for (Node node = newestFirst; node != null; node = node.next) {
            count++;
        }
        byte[][] lines = new byte[count][];
        for (Node node = newestFirst; node != null; node = node.next) {
            lines[--count] = node.line;
        }
        return lines;
    }
}
