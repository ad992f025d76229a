package org.switchboard.ui.model;

import java.util.ArrayDeque;

/**
 * Messages per second from a growing counter, averaged over a sliding window of samples so the figure
 * does not jump about with every tick.
 */
public final class RateMeter {
    private final long windowNanos;
    private final ArrayDeque<long[]> samples = new ArrayDeque<>();

    public RateMeter(long windowNanos) {
        this.windowNanos = windowNanos;
    }

    /** Records the counter at {@code nanos} and returns the rate over the window; 0 with one sample. */
    public double sample(long count, long nanos) {
        if (!samples.isEmpty() && count < samples.getLast()[1]) {
            samples.clear(); // the counter went back (a restart): start over
        }
        samples.addLast(new long[] {nanos, count});
        // drop the oldest sample while the next one still spans the whole window
        while (samples.size() > 2 && nanos - secondOldest() >= windowNanos) {
            samples.removeFirst();
        }
        long[] first = samples.getFirst();
        long elapsed = nanos - first[0];
        return elapsed <= 0 ? 0 : (count - first[1]) * 1e9 / elapsed;
    }

    private long secondOldest() {
        var it = samples.iterator();
        it.next();
        return it.next()[0];
    }
}
