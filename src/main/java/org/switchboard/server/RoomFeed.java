package org.switchboard.server;

import org.switchboard.chat.Fanout;
import org.switchboard.chat.Member;

/**
 * The room's lines, kept once for every member: each member's outbox reads them from its own cursor
 * when its writer lane sweeps it. A line costs the room one append, not one queue insertion per member
 * (at 10,000 members and 50 lines a second that was half a million insertions a second).
 *
 * <p>The lines sit in a ring of {@link #CAPACITY} entries. A reader more than that many lines behind
 * has lost some and is disconnected as not reading, as one past the outbox limit in bytes is.
 *
 * <p>Threads: {@link #toAllBut}, {@link #joined} and {@link #left} come under the room's lock (one
 * writer, in the room's order); {@link #end}, {@link #endOffset} and {@link #at} from writer lanes.
 */
final class RoomFeed implements Fanout {
    static final int CAPACITY = 1 << 17;
    private static final int MASK = CAPACITY - 1;

    /** Line {@code seq} of the feed, not for {@code except}; {@code startOffset} counts the bytes before it. */
    record Entry(long seq, byte[] line, Member except, long startOffset) { }

    private final Entry[] ring = new Entry[CAPACITY];
    /** The sequence number the next line gets; lines below it are readable. */
    private volatile long end;
    /** Bytes of every line so far: the start offset of the next one. */
    private volatile long endOffset;
    /** Told after each append (the writer lanes, so that an idle one wakes); null when nobody listens. */
    private volatile Runnable onAppend;

    void onAppend(Runnable listener) {
        onAppend = listener;
    }

    @Override
    public void toAllBut(Member except, byte[] line) {
        long seq = end;
        long offset = endOffset;
        ring[(int) (seq & MASK)] = new Entry(seq, line, except, offset);
        endOffset = offset + line.length;
        end = seq + 1;
        Runnable listener = onAppend;
        if (listener != null) {
            listener.run();
        }
    }

    @Override
    public void joined(Member member) {
        connection(member).joinedFeed(this);
    }

    @Override
    public void left(Member member) {
        connection(member).leftFeed();
    }

    private static Connection connection(Member member) {
        if (member instanceof Connection connection) {
            return connection;
        }
        throw new IllegalArgumentException("the room feed serves the server's connections, not " + member);
    }

    long end() {
        return end;
    }

    long endOffset() {
        return endOffset;
    }

    /** Line {@code seq} (below {@link #end}), or null when the ring has moved past it. */
    Entry at(long seq) {
        Entry entry = ring[(int) (seq & MASK)];
        return entry != null && entry.seq() == seq ? entry : null;
    }
}
