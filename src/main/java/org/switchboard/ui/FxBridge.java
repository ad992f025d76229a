package org.switchboard.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import javafx.animation.AnimationTimer;
import org.switchboard.log.LogEntry;
import org.switchboard.server.ServerEvent;
import org.switchboard.server.ServerListener;
import org.switchboard.ui.model.PanelInput;

/**
 * The one door to the FX thread. Server threads (client readers, the listener, the operator worker)
 * only enqueue: server events, activity-log entries and tasks carrying results. An
 * {@link AnimationTimer} drains the queue once per frame and hands everything to the sink as one batch,
 * in arrival order, so a busy room costs the FX thread one batch per frame, never one
 * {@code Platform.runLater} per network event.
 *
 * <p>Enqueueing never blocks and is safe from any thread; {@link #drain} runs on the FX thread.
 */
public final class FxBridge implements ServerListener, Consumer<LogEntry> {
    /** Most items handed over in one frame, so one frame never takes long; the rest wait for the next. */
    static final int MAX_BATCH = 50_000;

    private final ConcurrentLinkedQueue<PanelInput> queue = new ConcurrentLinkedQueue<>();
    private AnimationTimer timer;

    @Override
    public void onEvent(ServerEvent event) {
        queue.add(new PanelInput.Event(event));
    }

    @Override
    public void accept(LogEntry entry) {
        queue.add(new PanelInput.Log(entry));
    }

    /** Runs {@code task} on the FX thread with the next batch, after everything enqueued before it. */
    public void post(Runnable task) {
        queue.add(new PanelInput.Task(task));
    }

    /** Starts handing what comes to {@code sink}, once per frame. FX thread. */
    public void start(Consumer<List<PanelInput>> sink) {
        timer = new AnimationTimer() {
            @Override
            public void handle(long now) {
                drain(sink);
            }
        };
        timer.start();
    }

    public void stop() {
        if (timer != null) {
            timer.stop();
        }
    }

    /** Hands what is queued (at most {@link #MAX_BATCH} items) to the sink; returns how many. FX thread. */
    public int drain(Consumer<List<PanelInput>> sink) {
        if (queue.isEmpty()) {
            return 0;
        }
        List<PanelInput> batch = new ArrayList<>(Math.min(MAX_BATCH, 1024));
        PanelInput item;
        while (batch.size() < MAX_BATCH && (item = queue.poll()) != null) {
            batch.add(item);
        }
        sink.accept(batch);
        return batch.size();
    }
}
