package org.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OutboxTest {
    private static final long TEN_MINUTES = TimeUnit.MINUTES.toNanos(10);

    /**
     * A socket stand-in: records each write; takes at most {@code accept} bytes a write, as a full socket
     * does, and no more than {@code room} bytes in all until the test makes room again.
     */
    private static final class Channel implements WritableByteChannel {
        final List<String> writes = new CopyOnWriteArrayList<>();
        volatile int accept = Integer.MAX_VALUE;
        volatile long room = Long.MAX_VALUE;
        volatile boolean broken;

        @Override
        public int write(ByteBuffer source) throws IOException {
            if (broken) {
                throw new IOException("Broken pipe");
            }
            int n = (int) Math.min(Math.min(source.remaining(), accept), room);
            if (room != Long.MAX_VALUE) {
                room -= n;   // only the lane's one thread writes
            }
            byte[] bytes = new byte[n];
            source.get(bytes);
            if (n > 0) {
                writes.add(new String(bytes, StandardCharsets.UTF_8));
            }
            return n;
        }

        String received() {
            return String.join("", writes);
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
        }
    }

    private Writers writers;

    @AfterEach
    void stopWriters() {
        if (writers != null) {
            writers.close();
        }
    }

    private Outbox outbox(Channel channel, long intervalNanos, long limit, Runnable onOverflow, Runnable afterDrain) {
        writers = new Writers(1, () -> intervalNanos);
        return new Outbox(channel, limit, onOverflow, writers.nextLane(), afterDrain);
    }

    private Outbox outbox(Channel channel, long intervalNanos) {
        return outbox(channel, intervalNanos, 1 << 20, () -> { }, () -> { });
    }

    private static byte[] line(String text) {
        return (text + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void anIdleClientGetsItsLineWithoutWaitingForTheInterval() {
        Channel channel = new Channel();
        Outbox outbox = outbox(channel, TEN_MINUTES);
        outbox.offer(line("first"));
        await().atMost(Duration.ofSeconds(10)).until(() -> channel.writes.size() == 1);
        assertThat(channel.writes).containsExactly("first\r\n");
    }

    @Test
    void linesThatFollowAWriteCloselyGoOutTogetherInOneWrite() throws InterruptedException {
        Channel channel = new Channel();
        Outbox outbox = outbox(channel, TEN_MINUTES);
        outbox.offer(line("first"));
        await().atMost(Duration.ofSeconds(10)).until(() -> channel.writes.size() == 1);

        outbox.offer(line("second"));
        outbox.offer(line("third"));
        // held back: the lane swept less than the interval ago
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> channel.writes.size() == 1);
        writers.close();   // a closing lane sweeps once more (close waits for it only so long)
        await().atMost(Duration.ofSeconds(10)).until(() -> channel.writes.size() == 2);
        assertThat(channel.writes).containsExactly("first\r\n", "second\r\nthird\r\n");
    }

    @Test
    void withoutAnIntervalEveryBatchIsWrittenAtOnce() {
        Channel channel = new Channel();
        Outbox outbox = outbox(channel, 0);
        outbox.offer(line("first"));
        await().atMost(Duration.ofSeconds(10)).until(() -> channel.writes.size() == 1);
        outbox.offer(line("second"));
        await().atMost(Duration.ofSeconds(10)).until(() -> channel.writes.size() == 2);
        assertThat(channel.writes).containsExactly("first\r\n", "second\r\n");
    }

    @Test
    void theIntervalGrowsWithTheClientsToStayWithinTheWriteBudget() {
        ServerConfig config = ServerConfig.builder().writeCoalesce(Duration.ofMillis(5)).writeBudget(250_000).build();
        assertThat(config.writeIntervalNanos(10)).isEqualTo(TimeUnit.MILLISECONDS.toNanos(5));
        assertThat(config.writeIntervalNanos(1_000)).isEqualTo(TimeUnit.MILLISECONDS.toNanos(5));
        assertThat(config.writeIntervalNanos(10_000)).isEqualTo(TimeUnit.MILLISECONDS.toNanos(40));
    }

    @Test
    void overflowStillDisconnectsWhileTheLaneWaits() {
        Channel channel = new Channel();
        List<String> overflowed = new CopyOnWriteArrayList<>();
        Outbox outbox = outbox(channel, TEN_MINUTES, 32, () -> overflowed.add("overflow"), () -> { });
        outbox.offer(line("first"));
        await().atMost(Duration.ofSeconds(10)).until(() -> channel.writes.size() == 1);
        assertThat(outbox.offer(line("0123456789"))).isTrue();
        assertThat(outbox.offer(line("0123456789"))).isTrue();
        assertThat(outbox.offer(line("0123456789"))).isFalse();
        assertThat(overflowed).containsExactly("overflow");
        assertThat(outbox.offer(line("later"))).isFalse();
    }

    @Test
    void whatAFullSocketDoesNotTakeGoesOutFirstAtALaterSweep() {
        Channel channel = new Channel();
        channel.accept = 4;
        channel.room = 4;   // the socket takes "hell" and is full
        Outbox outbox = outbox(channel, 0);
        outbox.offer(line("hello"));
        await().atMost(Duration.ofSeconds(10)).until(() -> outbox.pendingBytes() == 3);   // "o\r\n" held
        outbox.offer(line("world"));
        assertThat(outbox.pendingBytes()).isEqualTo(3 + 7);
        assertThat(channel.received()).isEqualTo("hell");

        channel.room = Long.MAX_VALUE;   // the client reads again
        await().atMost(Duration.ofSeconds(10)).until(() -> channel.received().length() == 14);
        assertThat(channel.received()).isEqualTo("hello\r\nworld\r\n");
        assertThat(channel.writes).allMatch(w -> w.length() <= 4);
        await().atMost(Duration.ofSeconds(10)).until(() -> outbox.pendingBytes() == 0);
    }

    @Test
    void unwrittenBytesCountAgainstTheLimit() {
        Channel channel = new Channel();
        channel.accept = 0;   // a client that does not read at all
        AtomicInteger overflows = new AtomicInteger();
        Outbox outbox = outbox(channel, 0, 100, overflows::incrementAndGet, () -> { });
        assertThat(outbox.offer(new byte[60])).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> outbox.pendingBytes() == 60);
        assertThat(outbox.offer(new byte[60])).isFalse();
        assertThat(overflows).hasValue(1);
    }

    @Test
    void aBacklogLargerThanTheBufferIsWrittenInOrder() throws InterruptedException {
        Channel channel = new Channel();
        channel.accept = 50_000;
        AtomicInteger ended = new AtomicInteger();
        Outbox outbox = outbox(channel, TEN_MINUTES, 1 << 22, () -> { }, ended::incrementAndGet);
        outbox.offer(line("start"));
        await().atMost(Duration.ofSeconds(10)).until(() -> channel.writes.size() == 1);
        StringBuilder expected = new StringBuilder("start\r\n");
        for (int i = 0; i < 3_000; i++) {
            String text = "line " + i + " " + "x".repeat(i % 90);
            outbox.offer(line(text));
            expected.append(text).append("\r\n");
        }
        String huge = "y".repeat(Writers.BUFFER_BYTES + 10);
        outbox.offer(line(huge));
        expected.append(huge).append("\r\n");
        outbox.offer(line("end"));
        expected.append("end\r\n");
        outbox.finish();
        writers.close();
        // the closing lane swept once: the socket took one write's worth, the rest waits for a sweep
        assertThat(outbox.awaitDone(200, TimeUnit.MILLISECONDS)).isFalse();
        String received = channel.received();
        assertThat(received).isEqualTo(expected.substring(0, received.length()));

        // the rest goes out at the next sweeps of a running lane
        Channel second = new Channel();
        second.accept = 50_000;
        Outbox again = outbox(second, 0, 1 << 22, () -> { }, ended::incrementAndGet);
        String[] lines = expected.toString().split("\r\n");
        for (String text : lines) {
            again.offer(line(text));
        }
        again.finish();
        assertThat(again.awaitDone(10, TimeUnit.SECONDS)).isTrue();
        assertThat(second.received()).isEqualTo(expected.toString());
        assertThat(second.writes).hasSizeGreaterThan(1);
        assertThat(ended).hasValue(1);
    }

    @Test
    void finishWritesWhatIsQueuedThenEndsOnce() throws InterruptedException {
        Channel channel = new Channel();
        AtomicInteger ended = new AtomicInteger();
        Outbox outbox = outbox(channel, TimeUnit.MILLISECONDS.toNanos(50), 1 << 20, () -> { }, ended::incrementAndGet);
        outbox.offer(line("one"));
        outbox.offer(line("two"));
        outbox.finish();
        assertThat(outbox.awaitDone(10, TimeUnit.SECONDS)).isTrue();
        assertThat(channel.received()).isEqualTo("one\r\ntwo\r\n");
        assertThat(outbox.offer(line("three"))).isFalse();
        outbox.finish();
        await().during(Duration.ofMillis(100)).until(() -> ended.get() == 1);
    }

    @Test
    void abortDropsWhatIsQueuedAndEnds() throws InterruptedException {
        Channel channel = new Channel();
        channel.accept = 0;
        AtomicInteger ended = new AtomicInteger();
        Outbox outbox = outbox(channel, 0, 1 << 20, () -> { }, ended::incrementAndGet);
        outbox.offer(line("never read"));
        outbox.abort();
        assertThat(outbox.awaitDone(10, TimeUnit.SECONDS)).isTrue();
        assertThat(ended).hasValue(1);
        assertThat(outbox.pendingBytes()).isZero();
        assertThat(outbox.offer(line("after"))).isFalse();
    }

    @Test
    void aBrokenSocketEndsTheOutbox() throws InterruptedException {
        Channel channel = new Channel();
        channel.broken = true;
        AtomicInteger ended = new AtomicInteger();
        Outbox outbox = outbox(channel, 0, 1 << 20, () -> { }, ended::incrementAndGet);
        outbox.offer(line("to nobody"));
        assertThat(outbox.awaitDone(10, TimeUnit.SECONDS)).isTrue();
        assertThat(ended).hasValue(1);
        assertThat(outbox.offer(line("after"))).isFalse();
    }
}
