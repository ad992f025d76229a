package org.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class OutboxTest {
    /** Records each flushed write as one string. */
    private static final class Writes extends OutputStream {
        final List<String> flushed = new CopyOnWriteArrayList<>();
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

        @Override
        public void write(int b) {
            pending.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            pending.write(b, off, len);
        }

        @Override
        public void flush() {
            flushed.add(pending.toString(StandardCharsets.UTF_8));
            pending.reset();
        }
    }

    private static byte[] line(String text) {
        return (text + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void anIdleClientGetsItsLineWithoutWaitingForTheInterval() {
        Writes out = new Writes();
        Outbox outbox = new Outbox(out, 1 << 20, () -> { }, TimeUnit.MINUTES.toNanos(10));
        outbox.start(Thread.ofVirtual().factory(), () -> { });
        outbox.offer(line("first"));
        await().atMost(Duration.ofSeconds(10)).until(() -> out.flushed.size() == 1);
        assertThat(out.flushed).containsExactly("first\r\n");
        outbox.abort();
    }

    @Test
    void linesThatFollowAWriteCloselyGoOutTogetherInOneWrite() throws InterruptedException {
        Writes out = new Writes();
        Outbox outbox = new Outbox(out, 1 << 20, () -> { }, TimeUnit.MINUTES.toNanos(10));
        outbox.start(Thread.ofVirtual().factory(), () -> { });
        outbox.offer(line("first"));
        await().atMost(Duration.ofSeconds(10)).until(() -> out.flushed.size() == 1);

        outbox.offer(line("second"));
        outbox.offer(line("third"));
        // held back: the last write was less than the interval ago
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> out.flushed.size() == 1);
        outbox.finish();
        assertThat(outbox.awaitDone(10, TimeUnit.SECONDS)).isTrue();
        assertThat(out.flushed).containsExactly("first\r\n", "second\r\nthird\r\n");
    }

    @Test
    void withoutAnIntervalEveryBatchIsWrittenAtOnce() {
        Writes out = new Writes();
        Outbox outbox = new Outbox(out, 1 << 20, () -> { }, 0);
        outbox.start(Thread.ofVirtual().factory(), () -> { });
        outbox.offer(line("first"));
        await().atMost(Duration.ofSeconds(10)).until(() -> out.flushed.size() == 1);
        outbox.offer(line("second"));
        await().atMost(Duration.ofSeconds(10)).until(() -> out.flushed.size() == 2);
        assertThat(out.flushed).containsExactly("first\r\n", "second\r\n");
        outbox.abort();
    }

    @Test
    void theIntervalGrowsWithTheClientsToStayWithinTheWriteBudget() {
        ServerConfig config = ServerConfig.builder().writeCoalesce(Duration.ofMillis(5)).writeBudget(250_000).build();
        assertThat(config.writeIntervalNanos(10)).isEqualTo(TimeUnit.MILLISECONDS.toNanos(5));
        assertThat(config.writeIntervalNanos(1_000)).isEqualTo(TimeUnit.MILLISECONDS.toNanos(5));
        assertThat(config.writeIntervalNanos(10_000)).isEqualTo(TimeUnit.MILLISECONDS.toNanos(40));
    }

    @Test
    void overflowStillDisconnectsWhileTheWriterWaits() {
        Writes out = new Writes();
        List<String> overflowed = new CopyOnWriteArrayList<>();
        Outbox outbox = new Outbox(out, 32, () -> overflowed.add("overflow"), TimeUnit.MINUTES.toNanos(10));
        outbox.start(Thread.ofVirtual().factory(), () -> { });
        outbox.offer(line("first"));
        await().atMost(Duration.ofSeconds(10)).until(() -> out.flushed.size() == 1);
        assertThat(outbox.offer(line("0123456789"))).isTrue();
        assertThat(outbox.offer(line("0123456789"))).isTrue();
        assertThat(outbox.offer(line("0123456789"))).isFalse();
        assertThat(overflowed).containsExactly("overflow");
    }
}
