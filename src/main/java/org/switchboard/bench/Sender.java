package org.switchboard.bench;

import java.util.concurrent.locks.LockSupport;
import org.switchboard.protocol.Protocol;

/**
 * Sends the bench's chat lines on schedule, from a thread of its own: line {@code seq} is due at
 * {@code start + offsetNanos(seq)} and goes from {@code senders[seq % senders.length]}.
 *
 * <p>Why its own thread: a selector thread that also reads ten thousand clients can be busy for tens of
 * milliseconds when a line falls due, and a line sent late counts as latency (it is measured from the
 * scheduled time), so the bench would charge its own lateness to the server. Measured before this
 * thread existed, with 10,000 clients: lines went out up to 20 ms late at p99 and 32 ms at worst.
 */
final class Sender extends Thread {
    private final BenchConfig config;
    private final Payload payload;
    private final Client[] senders;
    private final long startNanos;
    private final boolean irc;

    /** Counted lines sent (written by this thread, read by the bench). */
    volatile long linesSent;
    private volatile boolean stopping;

    Sender(BenchConfig config, Payload payload, Client[] senders, long startNanos) {
        super("bench-sender");
        setDaemon(true);
        this.config = config;
        this.payload = payload;
        this.senders = senders.clone();
        this.startNanos = startNanos;
        this.irc = config.protocol() == BenchProtocol.IRC;
    }

    void shutdown() {
        stopping = true;
        LockSupport.unpark(this);
    }

    @Override
    public void run() {
        int planned = config.plannedLines();
        for (long seq = 0; seq < planned && !stopping; seq++) {
            long due = startNanos + config.offsetNanos(seq);
            for (long wait = due - System.nanoTime(); wait > 0 && !stopping; wait = due - System.nanoTime()) {
                LockSupport.parkNanos(this, wait);
            }
            Client sender = senders[(int) (seq % senders.length)];
            if (sender.state != Client.State.READY) {
                continue;
            }
            String text = payload.format(seq, due);
            byte[] line = Protocol.lineBytes(irc ? "PRIVMSG " + config.channel() + " :" + text : text);
            if (sender.loop.sendFromAnotherThread(sender, line) && config.measured(seq)) {
                linesSent++;
            }
        }
    }
}
