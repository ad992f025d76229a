package org.switchboard.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A room appends each of its lines to its feed once, and tells each member when it joins and leaves the feed. */
class ChatRoomFanoutTest {
    @TempDir
    Path dir;

    /**
     * Writes down, in order, what the room does with its feed: members joining and leaving it (told
     * by {@link Recorded} members) and lines appended to it.
     */
    private static final class Recorder {
        final List<String> calls = new CopyOnWriteArrayList<>();
        RoomFeed feed;

        void watch(ChatRoom room) {
            feed = room.feed();
            feed.onAppend(() -> {
                RoomFeed.Entry entry = feed.at(feed.end() - 1);
                calls.add("to all but " + (entry.except() == null ? "nobody" : entry.except().name()) + ": "
                        + new String(RecordingMember.FORMAT.render(entry.event()), StandardCharsets.UTF_8).strip());
            });
        }
    }

    /** A recording member that also tells the recorder when it joins or leaves the feed. */
    private static final class Recorded implements Member {
        private final RecordingMember member;
        private final Recorder recorder;

        Recorded(String name, Recorder recorder) {
            this.member = new RecordingMember(name);
            this.recorder = recorder;
        }

        /** What the room sent this member itself (not through the feed). */
        List<String> lines() {
            return member.ownLines();
        }

        @Override
        public String name() {
            return member.name();
        }

        @Override
        public String address() {
            return member.address();
        }

        @Override
        public java.time.Instant since() {
            return member.since();
        }

        @Override
        public Format format() {
            return member.format();
        }

        @Override
        public void send(RoomEvent event) {
            member.send(event);
        }

        @Override
        public void disconnect(String reason) {
            member.disconnect(reason);
        }

        @Override
        public void joinedFeed(RoomFeed feed, int format) {
            recorder.calls.add("joined " + name());
            member.joinedFeed(feed, format);
        }

        @Override
        public void leftFeed() {
            recorder.calls.add("left " + name());
            member.leftFeed();
        }
    }

    private ChatRoom room(Recorder recorder) throws Exception {
        ChatRoom room = new ChatRoom(new History(dir.resolve("history.txt"), 100), Clock.systemUTC());
        recorder.watch(room);
        return room;
    }

    @Test
    void theRoomsLinesGoToTheFanoutOnceAndOwnLinesToTheMember() throws Exception {
        Recorder fanout = new Recorder();
        ChatRoom room = room(fanout);
        Recorded alice = new Recorded("alice", fanout);
        Recorded bob = new Recorded("bob", fanout);
        room.join(alice);
        room.say(alice, "hello");
        room.join(bob, 10);
        room.tell(alice, "bob", "psst");
        room.leave(alice, "left");

        assertThat(fanout.calls.subList(0, 5)).satisfiesExactly(
                call -> assertThat(call).isEqualTo("joined alice"),
                call -> assertThat(call).isEqualTo("to all but alice: * alice joined"),
                call -> assertThat(call).startsWith("to all but alice: ").endsWith("alice: hello"),
                call -> assertThat(call).isEqualTo("joined bob"),
                call -> assertThat(call).isEqualTo("left alice"));
        // bob's joining and alice's leaving came within the presence window: summed up when it has passed
        await().atMost(Duration.ofSeconds(10)).until(() -> fanout.calls.size() == 7);
        assertThat(fanout.calls.subList(5, 7))
                .containsExactly("to all but bob: * bob joined", "to all but alice: * alice left");
        // bob's replay and the private line are his own, and so is alice's confirmation of it; no room
        // line was queued to anyone one by one
        assertThat(bob.lines()).hasSize(2);
        assertThat(bob.lines().get(0)).endsWith("alice: hello");
        assertThat(bob.lines().get(1)).endsWith("alice (private): psst");
        assertThat(alice.lines()).singleElement().asString().endsWith("\u2192 bob: psst");
    }

    @Test
    void anActionGoesToTheFanoutOnceForEveryoneItsSenderToo() throws Exception {
        Recorder fanout = new Recorder();
        ChatRoom room = room(fanout);
        Recorded alice = new Recorded("alice", fanout);
        room.join(alice);
        room.act(alice, "waves");

        assertThat(fanout.calls).last().asString().startsWith("to all but nobody: ").endsWith("* alice waves");
        assertThat(room.history().recent(10)).singleElement()
                .satisfies(line -> assertThat(line.kind()).isEqualTo(ChatLine.Kind.ACTION));
        assertThat(alice.lines()).isEmpty();
    }

    @Test
    void aReplacedSessionLeavesTheFanoutBeforeItsSuccessorJoins() throws Exception {
        Recorder fanout = new Recorder();
        ChatRoom room = room(fanout);
        Recorded first = new Recorded("carol", fanout);
        Recorded second = new Recorded("carol", fanout);
        room.join(first);
        room.join(second);
        assertThat(fanout.calls)
                .containsExactly("joined carol", "to all but carol: * carol joined", "left carol", "joined carol");
        assertThat(first.lines()).singleElement().asString().startsWith("disconnected: ");
    }
}
