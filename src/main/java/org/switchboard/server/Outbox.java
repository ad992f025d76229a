package org.switchboard.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.ArrayDeque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.switchboard.chat.RoomEvent;
import org.switchboard.chat.RoomFeed;

/**
 * What one client has still to receive: its own lines (prompts, replies, private messages), queued
 * here, and, once it is in the room, the room's lines, read from the shared {@link RoomFeed} at this
 * outbox's cursor. A {@link Writers} lane writes it out.
 *
 * <p>{@link #offer} runs on any thread and never blocks. It takes no lock: a line is pushed onto a
 * linked stack with one compare-and-set. The first line on an empty stack puts the outbox on its lane's
 * list; a line in the room moves the feed, and the lane then sweeps every member. A sweep gives the
 * outbox one non-blocking write of everything due, in order: each own line goes after the room lines
 * that were in the feed when it was queued. What the socket does not take (the client is not reading
 * fast enough) stays here, ahead of newer lines, for the next sweep.
 *
 * <p>Bytes count against the limit from the moment they are queued (or appended to the feed) until
 * they are written; past the limit the client is not reading, and the outbox reports an overflow
 * instead of growing. So does a member the feed has lapped: more than {@link RoomFeed#CAPACITY} room
 * lines behind.
 *
 * <p>Threads: {@link #offer}, {@link #finish}, {@link #abort}, {@link #awaitDone} on any thread;
 * {@link #subscribe} and {@link #unsubscribe} under the room's lock; {@link #flush} only on the lane's
 * thread, which alone touches the cursor (after subscribing) and what is left unwritten.
 */
final class Outbox {
    /**
     * An own line; {@code queuedBytes} counts it and every line queued before it since the last take;
     * it goes after the feed's lines below {@code feedSeq}.
     */
    private record Node(byte[] line, Node next, long queuedBytes, long feedSeq) { }

    /**
     * What this client is sent of a feed line: nearly always the line as its format rendered it for
     * everyone ({@code shared}), else bytes of its own. On the lane's thread; must not block.
     */
    @FunctionalInterface
    interface FeedView {
        FeedView SHARED = (event, shared) -> shared;

        byte[] line(RoomEvent event, byte[] shared);
    }

    private static final int TAKEN = 0;
    private static final int BLOCKED_BEFORE = 1;
    private static final int BLOCKED_AFTER = 2;

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
    /** The lane's count of the sweep that last flushed this outbox (lane thread only). */
    long sweptIn;
    private volatile boolean finishing;
    private volatile boolean aborted;
    /** Taken from the stack (or the feed) but not yet written: counts against the limit. */
    private volatile long heldBytes;
    /** Own lines taken from the stack and not yet written, oldest first (lane thread only). */
    private final ArrayDeque<Node> pending = new ArrayDeque<>(2);
    /** What the socket did not take at the last write (lane thread only). */
    private ByteBuffer unwritten;
    private boolean ended;

    /** The room's feed once this client is in the room; the fields after it are set before it. */
    private volatile RoomFeed feed;
    /** After leaving the room: the first feed line this client no longer gets. */
    private volatile long feedStop = Long.MAX_VALUE;
    private Object owner;
    private FeedView view = FeedView.SHARED;
    /** The feed's number of this client's wire format. */
    private int format;
    /** The next feed line to write, and the feed bytes before it (lane thread only, once subscribed). */
    private long cursor;
    private long cursorOffset;

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
        RoomFeed room = feed;
        long feedSeq = room == null ? 0 : room.end();
        Node top;
        while (true) {
            if (finishing || aborted) {
                return false;
            }
            top = stack.get();
            long queued = (top == null ? 0 : top.queuedBytes) + line.length;
            if (queued + heldBytes > limitBytes) {
                overflow();
                return false;
            }
            if (stack.compareAndSet(top, new Node(line, top, queued, feedSeq))) {
                break;
            }
        }
        // a line on a non-empty stack: whoever put the first one there has asked for the write
        if (top == null) {
            requestWrite();
        }
        return true;
    }

    /**
     * From now on this client gets the feed's lines in format number {@code format}, those before
     * excepted; lines the feed holds back from {@code owner} (its own) are skipped.
     */
    void subscribe(RoomFeed room, Object owner, int format) {
        subscribe(room, owner, format, FeedView.SHARED);
    }

    /** As {@link #subscribe(RoomFeed, Object, int)}, each feed line as {@code view} makes it for this client. */
    void subscribe(RoomFeed room, Object owner, int format, FeedView view) {
        this.owner = owner;
        this.view = view;
        this.format = format;
        this.cursor = room.end();
        this.cursorOffset = room.endOffset(format);
        this.feed = room;
        lane.subscribe(this);
    }

    /** No feed lines after those in it now; the ones before still go out. */
    void unsubscribe() {
        RoomFeed room = feed;
        if (room == null) {
            return;
        }
        feedStop = room.end();
        lane.unsubscribe(this);
        requestWrite();
    }

    /** Takes no more lines; the lane writes what is due, then the outbox ends. */
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

    /** Own bytes queued or held, not yet written (the feed's lines not counted). */
    long pendingBytes() {
        Node top = stack.get();
        return (top == null ? 0 : top.queuedBytes) + heldBytes;
    }

    private void requestWrite() {
        if (onList.compareAndSet(false, true)) {
            lane.schedule(this);
        }
    }

    private void overflow() {
        abort();
        if (overflowReported.compareAndSet(false, true)) {
            onOverflow.run();
        }
    }

    /**
     * On the lane's thread: writes what the last write left, then everything due, with as few
     * non-blocking writes as {@code buffer} allows; whatever the socket does not take waits for the
     * next sweep. {@code fromList}: the lane took this outbox off its list (and not just swept the
     * room's members), so it may go on the list again.
     */
    void flush(ByteBuffer buffer, boolean fromList) {
        if (fromList) {
            // cleared before the stack is taken: a line queued after the take asks for the next sweep
            onList.set(false);
        }
        if (ended) {
            return;
        }
        try {
            if (aborted) {
                end();
                return;
            }
            RoomFeed room = feed;
            if (room != null && feedStop == Long.MAX_VALUE && behind(room)) {
                overflow();
                return;
            }
            if (unwritten != null && !writeUnwritten()) {
                blocked();
                return;
            }
            takeStack();
            long feedEnd = room == null ? 0 : Math.min(room.end(), feedStop);
            buffer.clear();
            if (!gather(buffer, room, feedEnd)) {
                blocked();
                return;
            }
            buffer.flip();
            if (buffer.hasRemaining()) {
                out.write(buffer);
                if (buffer.hasRemaining()) {
                    keepRest(buffer);
                    blocked();
                    return;
                }
            }
            heldBytes = 0;
            if (finishing && stack.get() == null && (room == null || cursor >= feedEnd)) {
                end();
            }
        } catch (IOException e) {
            // the peer went away or the socket was closed: the reader side sees it too and cleans up
            aborted = true;
            stack.set(null);
            end();
        } catch (Lapped e) {
            overflow();
        }
    }

    /** Too far behind the room: more bytes due than the limit, or so many lines that the ring lapped it. */
    private boolean behind(RoomFeed room) {
        return room.endOffset(format) - cursorOffset + heldBytes > limitBytes || room.end() - cursor > RoomFeed.CAPACITY;
    }

    /** The feed moved past lines this client had not been sent. */
    private static final class Lapped extends Exception {
        Lapped() {
            super(null, null, false, false);
        }
    }

    /** Moves the stack, oldest first, behind the own lines still pending. */
    private void takeStack() {
        Node newestFirst = stack.getAndSet(null);
        if (newestFirst == null) {
            return;
        }
        int count = 0;
        for (Node node = newestFirst; node != null; node = node.next) {
            count++;
        }
        Node[] oldestFirst = new Node[count];
        for (Node node = newestFirst; node != null; node = node.next) {
            oldestFirst[--count] = node;
        }
        for (Node node : oldestFirst) {
            pending.addLast(node);
        }
    }

    /**
     * Lays out, in order, the feed's lines up to {@code feedEnd} and the pending own lines, each after
     * the feed lines before it, writing whenever the buffer fills; false when the socket stopped taking.
     */
    private boolean gather(ByteBuffer buffer, RoomFeed room, long feedEnd) throws IOException, Lapped {
        while (true) {
            Node next = pending.peekFirst();
            long upTo = next == null ? feedEnd : Math.min(next.feedSeq, feedEnd);
            while (room != null && cursor < upTo) {
                RoomFeed.Entry entry = room.at(cursor);
                if (entry == null) {
                    if (feedStop != Long.MAX_VALUE) {
                        // gone from the room, and its last lines with it: not worth a disconnect
                        cursor = feedStop;
                        break;
                    }
                    throw new Lapped();
                }
                if (entry.except() != owner) {
                    int put = put(buffer, view.line(entry.event(), entry.line(format)));
                    if (put == BLOCKED_BEFORE) {
                        return false;
                    }
                    advance(entry);
                    if (put == BLOCKED_AFTER) {
                        return false;
                    }
                } else {
                    advance(entry);
                }
            }
            if (next == null) {
                return true;
            }
            int put = put(buffer, next.line);
            if (put == BLOCKED_BEFORE) {
                return false;
            }
            pending.pollFirst();
            if (put == BLOCKED_AFTER) {
                return false;
            }
        }
    }

    private void advance(RoomFeed.Entry entry) {
        cursor = entry.seq() + 1;
        byte[] line = entry.line(format);
        cursorOffset = entry.startOffset(format) + (line == null ? 0 : line.length);
    }

    /**
     * Adds a line to the buffer, first writing the buffer when it is full: {@link #TAKEN}, or, when the
     * socket stopped taking, {@link #BLOCKED_BEFORE} (the line is not taken) or {@link #BLOCKED_AFTER}
     * (taken, partly written: the rest is unwritten).
     */
    private int put(ByteBuffer buffer, byte[] line) throws IOException {
        if (line.length <= buffer.remaining()) {
            buffer.put(line);
            return TAKEN;
        }
        buffer.flip();
        out.write(buffer);
        if (buffer.hasRemaining()) {
            keepRest(buffer);
            return BLOCKED_BEFORE;
        }
        buffer.clear();
        if (line.length <= buffer.capacity()) {
            buffer.put(line);
            return TAKEN;
        }
        ByteBuffer whole = ByteBuffer.wrap(line);
        out.write(whole);
        if (whole.hasRemaining()) {
            unwritten = whole;
            return BLOCKED_AFTER;
        }
        return TAKEN;
    }

    private void keepRest(ByteBuffer buffer) {
        ByteBuffer rest = ByteBuffer.allocate(buffer.remaining());
        rest.put(buffer).flip();
        unwritten = rest;
    }

    /** The socket is full: count what waits, and come back at the next sweep. */
    private void blocked() {
        long held = unwritten == null ? 0 : unwritten.remaining();
        for (Node node : pending) {
            held += node.line.length;
        }
        heldBytes = held;
        requestWrite();
    }

    /** Writes what an earlier write left; true when all of it went. */
    private boolean writeUnwritten() throws IOException {
        out.write(unwritten);
        if (unwritten.hasRemaining()) {
            return false;
        }
        unwritten = null;
        return true;
    }

    private void end() {
        if (!ended) {
            ended = true;
            unwritten = null;
            pending.clear();
            heldBytes = 0;
            lane.unsubscribe(this);
            try {
                afterDrain.run();
            } finally {
                done.countDown();
            }
        }
    }
}
