package org.switchboard.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.switchboard.ui.model.PanelInput;
import org.switchboard.log.LogEntry;
import org.switchboard.log.LogLevel;
import org.switchboard.server.ServerEvent;
import org.switchboard.server.ServerState;

/** The bridge's queue, drained by hand here (the AnimationTimer only calls drain once per frame). */
class FxBridgeTest {
    final List<List<PanelInput>> batches = new ArrayList<>();
    final FxBridge bridge = new FxBridge();

    @Test
    void oneDrainHandsOverEverythingQueuedAsOneBatchInArrivalOrder() {
        LogEntry entry = new LogEntry(Instant.EPOCH, LogLevel.INFO, "hello");
        ServerEvent state = new ServerEvent.StateChanged(ServerState.PAUSED, 5050);
        Runnable task = () -> { };
        bridge.accept(entry);
        bridge.onEvent(state);
        bridge.post(task);

        assertThat(bridge.drain(batches::add)).isEqualTo(3);
        assertThat(batches).containsExactly(List.of(new PanelInput.Log(entry), new PanelInput.Event(state),
                new PanelInput.Task(task)));
        assertThat(bridge.drain(batches::add)).isZero();
        assertThat(batches).hasSize(1);
    }

    @Test
    void aFloodIsHandedOverInBoundedBatchesAndNothingIsLost() throws InterruptedException {
        int threads = 4;
        int each = 40_000;
        CountDownLatch done = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            Thread.ofPlatform().start(() -> {
                for (int i = 0; i < each; i++) {
                    bridge.onEvent(new ServerEvent.LogsCleared());
                }
                done.countDown();
            });
        }
        done.await();
        AtomicInteger total = new AtomicInteger();
        while (bridge.drain(batches::add) > 0) {
            total.set(batches.stream().mapToInt(List::size).sum());
        }
        assertThat(total.get()).isEqualTo(threads * each);
        assertThat(batches).allSatisfy(batch -> assertThat(batch).hasSizeLessThanOrEqualTo(FxBridge.MAX_BATCH));
        assertThat(batches.size()).isGreaterThan(1);
    }
}
