package org.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WriteTickerTest {
    @Test
    void aWaitingWriterIsWokenByTheNextTick() {
        try (WriteTicker ticker = new WriteTicker(() -> TimeUnit.MILLISECONDS.toNanos(20))) {
            Thread writer = Thread.ofVirtual().start(() -> ticker.awaitTick(this));
            await().atMost(Duration.ofSeconds(10)).until(() -> !writer.isAlive());
        }
    }

    @Test
    void withNobodyWaitingTheTickerRestsAndAWriterStillGetsItsTick() {
        try (WriteTicker ticker = new WriteTicker(() -> TimeUnit.MILLISECONDS.toNanos(5))) {
            Thread tickLoop = ticker.thread();
            await().atMost(Duration.ofSeconds(10)).until(() -> tickLoop.getState() == Thread.State.WAITING);
            Thread writer = Thread.ofVirtual().start(() -> ticker.awaitTick(this));
            await().atMost(Duration.ofSeconds(10)).until(() -> !writer.isAlive());
        }
    }

    @Test
    void closingWakesEveryWaitingWriterAndLaterWaitsReturnAtOnce() throws Exception {
        WriteTicker ticker = new WriteTicker(() -> TimeUnit.HOURS.toNanos(1));
        Thread first = Thread.ofVirtual().start(() -> ticker.awaitTick(this));
        Thread second = Thread.ofVirtual().start(() -> ticker.awaitTick(this));
        await().atMost(Duration.ofSeconds(10)).until(() -> first.getState() == Thread.State.WAITING
                && second.getState() == Thread.State.WAITING);
        ticker.close();
        assertThat(first.join(Duration.ofSeconds(10))).isTrue();
        assertThat(second.join(Duration.ofSeconds(10))).isTrue();
        Thread late = Thread.ofVirtual().start(() -> ticker.awaitTick(this));
        assertThat(late.join(Duration.ofSeconds(10))).isTrue();
    }

    @Test
    void anOutboxOnTheTickerDeliversEveryLineInOrder() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (WriteTicker ticker = new WriteTicker(() -> TimeUnit.MILLISECONDS.toNanos(5))) {
            Outbox outbox = new Outbox(out, 1 << 20, () -> { }, () -> TimeUnit.MILLISECONDS.toNanos(5), ticker);
            outbox.start(Thread.ofVirtual().factory(), () -> { });
            StringBuilder expected = new StringBuilder();
            for (int i = 0; i < 500; i++) {
                String line = "line " + i + "\r\n";
                expected.append(line);
                assertThat(outbox.offer(line.getBytes(StandardCharsets.UTF_8))).isTrue();
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> out.toString(StandardCharsets.UTF_8).length()
                    == expected.length());
            assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(expected.toString());
            outbox.finish();
        }
    }
}
