package org.switchboard.chat;

import java.util.Arrays;

/**
 * The room's lines, kept once for every member: each member's connection reads them from its own
 * cursor when its writer sweeps it. A line costs the room one append, not one queue insertion per
 * member (at 10,000 members and 50 lines a second that was half a million insertions a second), and it
 * is rendered once per wire format in use, not once per member.
 *
 * <p>The lines sit in a ring of {@link #CAPACITY} entries. A reader more than that many lines behind
 * has lost some and is disconnected as not reading, as one past the outbox limit in bytes is.
 *
 * <p>Threads: {@link #append}, {@link #subscribe} and {@link #unsubscribe} come under the room's lock
 * (one writer, in the room's order); {@link #end}, {@link #endOffset} and {@link #at} from any thread
 * (the writer lanes).
 */
public final class RoomFeed {
    public static final int CAPACITY = 1 << 17;
    private static final int MASK = CAPACITY - 1;
    /** Wire formats one feed renders at most (one per protocol). */
    static final int MAX_FORMATS = 8;

    /**
     * Line {@code seq} of the feed, not for {@code except}: its bytes in each format that had readers
     * when it was appended ({@code null} for the others), and the bytes of that format before it.
     */
    public record Entry(long seq, RoomEvent event, byte[][] lines, long[] startOffsets, Member except) {
        /** The line as format {@code format} writes it. */
        public byte[] line(int format) {
            return lines[format];
        }

        /** The bytes of format {@code format} before this line. */
        public long startOffset(int format) {
            return startOffsets[format];
        }
    }

    private final Entry[] ring = new Entry[CAPACITY];
    /** The formats seen so far; a format keeps its number for the feed's life. Under the room's lock. */
    private Format[] formats = new Format[0];
    /** Readers of each format now; a line is rendered only in the formats somebody reads. */
    private int[] readers = new int[0];
    /** The sequence number the next line gets; lines below it are readable. */
    private volatile long end;
    /** Bytes of every line so far, per format: the start offset of the next one. */
    private volatile long[] endOffsets = new long[0];
    /** Told after each append (the writer lanes, so that an idle one wakes); null when nobody listens. */
    private volatile Runnable onAppend;

    public void onAppend(Runnable listener) {
        onAppend = listener;
    }

    /** A reader of {@code format} joins: returns the format's number, for {@link Entry#line}. */
    public int subscribe(Format format) {
        int index = indexOf(format);
        if (index < 0) {
            if (formats.length == MAX_FORMATS) {
                throw new IllegalStateException("more than " + MAX_FORMATS + " wire formats on one feed");
            }
            index = formats.length;
            formats = Arrays.copyOf(formats, index + 1);
            formats[index] = format;
            readers = Arrays.copyOf(readers, index + 1);
            endOffsets = Arrays.copyOf(endOffsets, index + 1);
        }
        readers[index]++;
        return index;
    }

    /** A reader of {@code format} is gone. */
    public void unsubscribe(Format format) {
        int index = indexOf(format);
        if (index >= 0) {
            readers[index]--;
        }
    }

    /** One event for every member but {@code except} (null: for everyone), rendered once per format read. */
    public void append(Member except, RoomEvent event) {
        long seq = end;
        int count = formats.length;
        byte[][] lines = new byte[count][];
        long[] starts = new long[count];
        long[] offsets = endOffsets.clone();
        for (int f = 0; f < count; f++) {
            starts[f] = offsets[f];
            if (readers[f] > 0) {
                lines[f] = formats[f].render(event);
                offsets[f] += lines[f].length;
            }
        }
        ring[(int) (seq & MASK)] = new Entry(seq, event, lines, starts, except);
        endOffsets = offsets;
        end = seq + 1;
        Runnable listener = onAppend;
        if (listener != null) {
            listener.run();
        }
    }

    public long end() {
        return end;
    }

    /** Bytes of format {@code format} in every line so far. */
    public long endOffset(int format) {
        long[] offsets = endOffsets;
        return format < offsets.length ? offsets[format] : 0;
    }

    /** Line {@code seq} (below {@link #end}), or null when the ring has moved past it. */
    public Entry at(long seq) {
        Entry entry = ring[(int) (seq & MASK)];
        return entry != null && entry.seq() == seq ? entry : null;
    }

    private int indexOf(Format format) {
        for (int i = 0; i < formats.length; i++) {
            if (formats[i] == format) {
                return i;
            }
        }
        return -1;
    }
}
