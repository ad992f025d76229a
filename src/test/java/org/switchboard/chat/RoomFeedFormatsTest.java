package org.switchboard.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The feed renders each room line once per wire format in use, and every member reads its own format. */
class RoomFeedFormatsTest {
    @TempDir
    Path dir;

    /** A second wire format for the test: the line protocol's text in capitals, counting its renders. */
    private static final class Shouting implements Format {
        final AtomicInteger renders = new AtomicInteger();

        @Override
        public byte[] render(RoomEvent event) {
            renders.incrementAndGet();
            String text = new String(RecordingMember.FORMAT.render(event), StandardCharsets.UTF_8);
            return text.toUpperCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
        }
    }

    /** A recording member of another format. */
    private static final class Shouter implements Member {
        private final RecordingMember inner;
        private final Format format;
        private RoomFeed feed;
        private int number;
        private long from;

        Shouter(String name, Format format) {
            this.inner = new RecordingMember(name);
            this.format = format;
        }

        List<String> lines() {
            long end = feed.end();
            List<String> lines = new java.util.ArrayList<>();
            for (long seq = from; seq < end; seq++) {
                RoomFeed.Entry entry = feed.at(seq);
                if (entry.except() != this) {
                    lines.add(new String(entry.line(number), StandardCharsets.UTF_8).strip());
                }
            }
            return lines;
        }

        @Override
        public String name() {
            return inner.name();
        }

        @Override
        public String address() {
            return inner.address();
        }

        @Override
        public java.time.Instant since() {
            return inner.since();
        }

        @Override
        public Format format() {
            return format;
        }

        @Override
        public void send(RoomEvent event) {
            // own lines are not this test's concern
        }

        @Override
        public void disconnect(String reason) {
        }

        @Override
        public void joinedFeed(RoomFeed joined, int formatNumber) {
            feed = joined;
            number = formatNumber;
            from = joined.end();
        }

        @Override
        public void leftFeed() {
        }
    }

    private ChatRoom room() throws Exception {
        return new ChatRoom(new History(dir.resolve("history.txt"), 100), Clock.systemUTC());
    }

    @Test
    void eachLineIsRenderedOncePerFormatAndEveryMemberReadsItsOwn() throws Exception {
        ChatRoom room = room();
        Shouting shouting = new Shouting();
        RecordingMember alice = new RecordingMember("alice");
        RecordingMember bob = new RecordingMember("bob");
        Shouter carol = new Shouter("carol", shouting);
        Shouter dave = new Shouter("dave", shouting);
        room.join(alice);
        room.join(bob);
        room.join(carol);
        room.join(dave);
        int before = shouting.renders.get();
        room.say(alice, "hello all");

        // one render for two shouting members; the line format's bytes are shared by alice's and bob's
        assertThat(shouting.renders.get() - before).isEqualTo(1);
        RoomFeed.Entry entry = room.feed().at(room.feed().end() - 1);
        assertThat(entry.lines().length).isEqualTo(2);
        assertThat(bob.lines()).last().asString().endsWith("alice: hello all");
        assertThat(carol.lines()).last().asString().endsWith("ALICE: HELLO ALL");
        assertThat(dave.lines()).last().asString().endsWith("ALICE: HELLO ALL");
        assertThat(alice.lines()).noneMatch(l -> l.endsWith("hello all"));
    }

    @Test
    void aFormatNobodyReadsIsNotRendered() throws Exception {
        ChatRoom room = room();
        Shouting shouting = new Shouting();
        RecordingMember alice = new RecordingMember("alice");
        Shouter carol = new Shouter("carol", shouting);
        room.join(alice);
        room.join(carol);
        room.leave(carol, "left");
        int before = shouting.renders.get();
        room.say(alice, "anyone shouting?");
        assertThat(shouting.renders.get()).isEqualTo(before);
        assertThat(room.feed().at(room.feed().end() - 1).line(1)).isNull();
    }
}
