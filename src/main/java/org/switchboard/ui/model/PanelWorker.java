package org.switchboard.ui.model;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.control.Reply;

/**
 * Where the panel's operator calls run, which may block (stop waits for clients, clear-users rewrites
 * a file): in order on one worker thread ({@code panel-operator}), never on the FX thread, each result
 * handed back to the FX thread through the bridge. Also the once-a-second poll of the server's counters
 * ({@code panel-stats}). Counts the calls under way, for the panel's busy indicator.
 *
 * <p>Threads: {@link #call}, {@link #runThen} and {@link #busyProperty} on the FX thread; the work on the
 * worker; the {@code then} callbacks back on the FX thread.
 */
final class PanelWorker {
    private static final Logger LOG = LoggerFactory.getLogger(PanelWorker.class);

    private final Consumer<Runnable> fx;
    private final Consumer<Reply> onFailure;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("panel-operator").daemon(true).factory());
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("panel-stats").daemon(true).factory());
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private int running;

    /**
     * @param fx runs a task on the FX thread in the next batch (the bridge)
     * @param onFailure shows a task that failed unexpectedly, on the FX thread
     */
    PanelWorker(Consumer<Runnable> fx, Consumer<Reply> onFailure) {
        this.fx = fx;
        this.onFailure = onFailure;
    }

    /** True while an operator call is running (the view shows a busy indicator). */
    ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** Runs an operator call on the worker; its reply (or the failure) goes to {@code then}. */
    void call(Supplier<Reply> action, Consumer<Reply> then) {
        busy.set(++running > 0);
        runThen(() -> {
            try {
                return action.get();
            } catch (RuntimeException e) {
                LOG.warn("operator call failed", e);
                return new Reply(List.of("Failed: " + e.getMessage()), false, false);
            }
        }, reply -> {
            busy.set(--running > 0);
            then.accept(reply);
        });
    }

    /** Runs {@code work} on the worker, after what was asked before it, and hands its result to {@code then}. */
    <T> void runThen(Supplier<T> work, Consumer<T> then) {
        worker.execute(() -> {
            try {
                T result = work.get();
                fx.accept(() -> then.accept(result));
            } catch (RuntimeException e) {
                LOG.warn("panel task failed", e);
                fx.accept(() -> onFailure.accept(new Reply(List.of("Failed: " + e.getMessage()), false, false)));
            }
        });
    }

    /** Runs {@code poll} once a second on the stats thread; a poll that fails waits for the next. */
    void everySecond(Runnable poll) {
        ticker.scheduleAtFixedRate(() -> {
            try {
                poll.run();
            } catch (RuntimeException e) {
                LOG.warn("status poll failed", e);
            }
        }, 1, 1, TimeUnit.SECONDS);
    }

    /** Stops polling, runs {@code last} on the worker after what is queued, then {@code then}; once only. */
    void shutdown(Runnable last, Runnable then) {
        ticker.shutdownNow();
        if (worker.isShutdown()) {
            then.run(); // closed already (window closed, then the program ends)
            return;
        }
        worker.execute(() -> {
            try {
                last.run();
            } finally {
                then.run();
            }
        });
        worker.shutdown();
    }
}
