package org.switchboard.server;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.switchboard.chat.RoomFeed;

/**
 * What a running server has and a stopped one has not: the {@link ReadPoller} thread the readers wait
 * on, the {@link Writers} lanes, woken by the room's feed, and on the server's scheduler the deadline
 * checks and the sweep of bans and mutes whose time is up. Made at start, before the ports take anyone
 * in, and closed at stop (or at once, when a port cannot be bound), under the server's lifecycle lock.
 */
final class IoThreads implements AutoCloseable {
    /**
     * Writer lanes: half the cores, so that readers, the broadcast and (on a shared machine) the
     * clients keep the rest. On two cores one lane carried 10,000 clients better than two (see
     * docs/PERFORMANCE.md).
     */
    private static final int WRITER_THREADS = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);

    private final ReadPoller poller;
    private final Writers writers;
    private final RoomFeed feed;
    private final ScheduledFuture<?> deadlines;
    private final ScheduledFuture<?> expiry;

    /** Expired bans stop applying at once (the lookups ask the clock); the sweep only tidies the file and logs. */
    private static final long EXPIRY_SWEEP_SECONDS = 5;

    IoThreads(ServerConfig config, Connections connections, RoomFeed feed, ScheduledExecutorService scheduler,
            Runnable expire) {
        this.feed = feed;
        this.poller = new ReadPoller();
        this.writers = new Writers(WRITER_THREADS, () -> config.writeIntervalNanos(connections.size()), feed);
        feed.onAppend(writers::feedMoved);
        // often enough for the shortest deadline
        long shortest = config.signInTimeout().toMillis();
        if (!config.idleTimeout().isZero()) {
            shortest = Math.min(shortest, config.idleTimeout().toMillis());
        }
        long period = Math.clamp(shortest / 10, 10, 1_000);
        this.deadlines = scheduler.scheduleWithFixedDelay(connections::checkDeadlines, period, period,
                TimeUnit.MILLISECONDS);
        this.expiry = scheduler.scheduleWithFixedDelay(expire, EXPIRY_SWEEP_SECONDS, EXPIRY_SWEEP_SECONDS,
                TimeUnit.SECONDS);
    }

    /** The server's one scheduler (deadlines, grace closes, the certificate's watch), for its whole life. */
    static ScheduledExecutorService newScheduler() {
        return Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("switchboard-scheduler").daemon(true).factory());
    }

    ReadPoller poller() {
        return poller;
    }

    Writers writers() {
        return writers;
    }

    @Override
    public void close() {
        deadlines.cancel(false);
        expiry.cancel(false);
        feed.onAppend(null);
        writers.close();
        poller.close();
    }
}
