package org.switchboard.bench;

import java.nio.charset.StandardCharsets;

/**
 * The text a bench sender puts in each chat line: {@code @@RUN:SEQ:NANOS}, where RUN tells this run's
 * lines from older ones (a history replay), SEQ numbers the line and NANOS is its scheduled send time
 * on the bench's own {@link System#nanoTime()} clock. Only digits, letters and {@code @:} are used, so
 * no server's sanitising changes it, and it is found wherever the server puts it in the delivered line.
 *
 * <p>{@link #find} works on raw bytes without allocating: it runs once per delivery, millions of times.
 */
final class Payload {
    static final byte MARK = '@';

    private final byte[] run;
    private long seq;
    private long nanos;

    /** @param run letters and digits only, which identify this run */
    Payload(String run) {
        if (run.isEmpty() || !run.chars().allMatch(c -> c < 128 && Character.isLetterOrDigit(c))) {
            throw new IllegalArgumentException("a run id is letters and digits: '" + run + "'");
        }
        this.run = run.getBytes(StandardCharsets.US_ASCII);
    }

    /** The payload of line {@code seq} scheduled at {@code scheduledNanos}. */
    String format(long seq, long scheduledNanos) {
        return "@@" + new String(run, StandardCharsets.US_ASCII) + ":" + seq + ":" + scheduledNanos;
    }

    /**
     * Looks for this run's payload in {@code bytes[from, to)} (one received line). On success
     * {@link #seq()} and {@link #nanos()} tell what was found. The search goes from the end: the
     * payload ends the line in either protocol, so its cost does not grow with what the server puts
     * before it (an IRC prefix is 28 bytes longer than the line protocol's).
     */
    boolean find(byte[] bytes, int from, int to) {
        int last = to - run.length - 6;
        for (int i = last; i >= from; i--) {
            if (bytes[i] != MARK || bytes[i + 1] != MARK) {
                continue;
            }
            int p = i + 2;
            boolean same = true;
            for (int k = 0; k < run.length; k++) {
                if (bytes[p + k] != run[k]) {
                    same = false;
                    break;
                }
            }
            if (!same || bytes[p + run.length] != ':') {
                continue;
            }
            p += run.length + 1;
            long s = 0;
            int start = p;
            while (p < to && bytes[p] >= '0' && bytes[p] <= '9' && p - start < 18) {
                s = s * 10 + (bytes[p++] - '0');
            }
            if (p == start || p >= to || bytes[p] != ':') {
                continue;
            }
            p++;
            long n = 0;
            boolean negative = p < to && bytes[p] == '-';
            if (negative) {
                p++;
            }
            start = p;
            while (p < to && bytes[p] >= '0' && bytes[p] <= '9' && p - start < 19) {
                n = n * 10 + (bytes[p++] - '0');
            }
            if (p == start) {
                continue;
            }
            seq = s;
            nanos = negative ? -n : n;
            return true;
        }
        return false;
    }

    long seq() {
        return seq;
    }

    long nanos() {
        return nanos;
    }
}
