package org.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.switchboard.chat.ChatLine;
import org.switchboard.chat.Format;
import org.switchboard.chat.RecordingMember;
import org.switchboard.chat.RoomEvent;
import org.switchboard.chat.RoomFeed;

/** The room's shared feed as members' outboxes read it: order, own lines, joining, leaving, lagging. */
class RoomFeedTest {
    /** A socket stand-in that records what it is given; takes at most {@code accept} bytes a write. */
    private static final class Channel implements WritableByteChannel {
        private final StringBuffer received = new StringBuffer();
        volatile int accept = Integer.MAX_VALUE;
        /** How long each write takes, as a slow socket would. */
        volatile long writeMillis;

        @Override
        public int write(ByteBuffer source) {
            if (writeMillis > 0) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(writeMillis));
            }
            int n = Math.min(source.remaining(), accept);
            byte[] bytes = new byte[n];
            source.get(bytes);
            received.append(new String(bytes, StandardCharsets.UTF_8));
            return n;
        }

        String received() {
            return received.toString();
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
        }
    }

    private final RoomFeed feed = new RoomFeed();
    private final Writers writers = new Writers(1, () -> 0, feed);

    {
        feed.onAppend(writers::feedMoved);
    }

    @AfterEach
    void stop() {
        writers.close();
    }

    private Outbox outbox(Channel channel, long limit, Runnable onOverflow) {
        return new Outbox(channel, limit, onOverflow, writers.nextLane(), () -> { });
    }

    /** The test's wire format: a room line is its text and CR LF. */
    private static final Format TEXT = event -> line(((RoomEvent.Said) event).line().text());

    private static RoomEvent said(String text) {
        return new RoomEvent.Said(new ChatLine(Instant.EPOCH, ChatLine.Kind.MESSAGE, "someone", text));
    }

    private static byte[] line(String text) {
        return (text + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void everyMemberGetsTheRoomsLinesInOrderButNotItsOwn() {
        RecordingMember alice = new RecordingMember("alice");
        RecordingMember bob = new RecordingMember("bob");
        Channel toAlice = new Channel();
        Channel toBob = new Channel();
        outbox(toAlice, 1 << 20, () -> { }).subscribe(feed, alice, feed.subscribe(TEXT));
        outbox(toBob, 1 << 20, () -> { }).subscribe(feed, bob, feed.subscribe(TEXT));
        StringBuilder all = new StringBuilder();
        StringBuilder notBobs = new StringBuilder();
        for (int i = 0; i < 500; i++) {
            RecordingMember from = i % 2 == 0 ? alice : bob;
            String text = from.name() + ": " + i;
            feed.append(from, said(text));
            if (from == alice) {
                notBobs.append(text).append("\r\n");
            } else {
                all.append(text).append("\r\n");
            }
        }
        feed.append(null, said("* notice"));
        await().atMost(Duration.ofSeconds(10)).until(() -> toBob.received().endsWith("* notice\r\n")
                && toAlice.received().endsWith("* notice\r\n"));
        assertThat(toAlice.received()).isEqualTo(all + "* notice\r\n");
        assertThat(toBob.received()).isEqualTo(notBobs + "* notice\r\n");
    }

    @Test
    void ownLinesGoAfterTheRoomLinesThatCameBeforeThem() {
        RecordingMember carol = new RecordingMember("carol");
        RecordingMember other = new RecordingMember("other");
        Channel channel = new Channel();
        channel.accept = 0;   // hold everything back until all is queued, so one flush has to interleave it
        Outbox outbox = outbox(channel, 1 << 20, () -> { });
        outbox.offer(line("history 1"));
        outbox.offer(line("history 2"));
        feed.append(other, said("before carol joined"));
        outbox.subscribe(feed, carol, feed.subscribe(TEXT));
        outbox.offer(line("welcome"));
        feed.append(other, said("room 1"));
        feed.append(carol, said("carol's own"));
        outbox.offer(line("private 1"));
        feed.append(other, said("room 2"));
        outbox.offer(line("private 2"));
        channel.accept = Integer.MAX_VALUE;
        outbox.offer(line("last"));
        await().atMost(Duration.ofSeconds(10)).until(() -> channel.received().endsWith("last\r\n"));
        assertThat(channel.received()).isEqualTo(
                "history 1\r\nhistory 2\r\nwelcome\r\nroom 1\r\nprivate 1\r\nroom 2\r\nprivate 2\r\nlast\r\n");
    }

    @Test
    void aMemberWhoLeftGetsTheLinesBeforeAndNoneAfter() throws InterruptedException {
        RecordingMember dave = new RecordingMember("dave");
        RecordingMember other = new RecordingMember("other");
        Channel channel = new Channel();
        channel.accept = 0;
        AtomicInteger ended = new AtomicInteger();
        Outbox outbox = new Outbox(channel, 1 << 20, () -> { }, writers.nextLane(), ended::incrementAndGet);
        outbox.subscribe(feed, dave, feed.subscribe(TEXT));
        feed.append(other, said("while in"));
        outbox.unsubscribe();
        feed.append(other, said("after leaving"));
        outbox.finish();
        channel.accept = Integer.MAX_VALUE;
        assertThat(outbox.awaitDone(10, TimeUnit.SECONDS)).isTrue();
        assertThat(channel.received()).isEqualTo("while in\r\n");
        assertThat(ended).hasValue(1);
    }

    @Test
    void aMemberFarBehindInBytesIsDisconnected() {
        Channel channel = new Channel();
        channel.accept = 0;   // never reads
        List<String> overflows = new CopyOnWriteArrayList<>();
        Outbox outbox = outbox(channel, 1_000, () -> overflows.add("overflow"));
        outbox.subscribe(feed, new RecordingMember("erin"), feed.subscribe(TEXT));
        RecordingMember other = new RecordingMember("other");
        for (int i = 0; i < 100; i++) {
            feed.append(other, said("a line of some length, number " + i));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> overflows.size() == 1);
        assertThat(outbox.offer(line("too late"))).isFalse();
    }

    @Test
    void aMemberTheFeedHasLappedIsDisconnected() {
        Channel channel = new Channel();
        channel.accept = 0;
        List<String> overflows = new CopyOnWriteArrayList<>();
        // a byte limit too large to matter: the ring's length is what runs out
        Outbox outbox = outbox(channel, Long.MAX_VALUE / 2, () -> overflows.add("overflow"));
        outbox.subscribe(feed, new RecordingMember("frank"), feed.subscribe(TEXT));
        RecordingMember other = new RecordingMember("other");
        RoomEvent tiny = said("x");
        // (what the first sweeps gathered waits unwritten, so the lines behind it must lap the ring)
        for (int i = 0; i < 2 * RoomFeed.CAPACITY + 10; i++) {
            feed.append(other, tiny);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> overflows.size() == 1);
    }

    @Test
    void theFeedKeepsItsLinesForReadersBehind() {
        RecordingMember other = new RecordingMember("other");
        int text = feed.subscribe(TEXT);
        feed.append(other, said("one"));
        feed.append(null, said("two"));
        assertThat(feed.end()).isEqualTo(2);
        assertThat(feed.endOffset(text)).isEqualTo(10);
        assertThat(feed.at(0).line(text)).isEqualTo(line("one"));
        assertThat(feed.at(0).except()).isEqualTo(other);
        assertThat(feed.at(1).startOffset(text)).isEqualTo(5);
        for (int i = 0; i < RoomFeed.CAPACITY; i++) {
            feed.append(null, said("more"));
        }
        assertThat(feed.at(0)).isNull();
        assertThat(feed.at(2)).isNotNull();
    }

    @Test
    void aLineToAQuietRoomWakesTheSleepingLane() throws IOException {
        Channel channel = new Channel();
        outbox(channel, 1 << 20, () -> { }).subscribe(feed, new RecordingMember("gina"), feed.subscribe(TEXT));
        await().pollDelay(Duration.ofMillis(200)).atMost(Duration.ofSeconds(5)).until(() -> true);
        feed.append(null, said("hello, quiet room"));
        await().atMost(Duration.ofSeconds(5)).until(() -> channel.received().equals("hello, quiet room\r\n"));
    }

    @Test
    void aRoundThroughTheMembersIsTimedAndCounted() {
        Channel slow = new Channel();
        slow.writeMillis = 30;
        Outbox first = outbox(new Channel(), 1 << 20, () -> { });
        first.subscribe(feed, new RecordingMember("hana"), feed.subscribe(TEXT));
        outbox(slow, 1 << 20, () -> { }).subscribe(feed, new RecordingMember("ivan"), feed.subscribe(TEXT));
        outbox(new Channel(), 1 << 20, () -> { }).subscribe(feed, new RecordingMember("jo"), feed.subscribe(TEXT));
        // an own line alone is not a round through the room
        first.offer(line("welcome, hana"));
        await().pollDelay(Duration.ofMillis(100)).atMost(Duration.ofSeconds(5)).until(() -> true);
        assertThat(writers.lastRound()).isNull();

        feed.append(null, said("hello, room"));
        await().atMost(Duration.ofSeconds(5)).until(() -> writers.lastRound() != null);
        Writers.WriteRound round = writers.lastRound();
        assertThat(round.clients()).isEqualTo(3);
        assertThat(round.nanos()).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(30));
        assertThat(slow.received()).isEqualTo("hello, room\r\n");
    }
}
