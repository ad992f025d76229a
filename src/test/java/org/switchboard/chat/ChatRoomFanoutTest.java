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

/** A room with a {@link Fanout} hands it its own lines once, and tells it who is in. */
class ChatRoomFanoutTest {
    @TempDir
    Path dir;

    /** Writes down every call, in order. */
    private static final class Recorder implements Fanout {
        final List<String> calls = new CopyOnWriteArrayList<>();

        @Override
        public void joined(Member member) {
            calls.add("joined " + member.name());
        }

        @Override
        public void left(Member member) {
            calls.add("left " + member.name());
        }

        @Override
        public void toAllBut(Member except, byte[] line) {
            calls.add("to all but " + (except == null ? "nobody" : except.name()) + ": "
                    + new String(line, StandardCharsets.UTF_8).strip());
        }
    }

    private ChatRoom room(Fanout fanout) throws Exception {
        return new ChatRoom(new History(dir.resolve("history.txt"), 100), Clock.systemUTC(), fanout);
    }

    @Test
    void theRoomsLinesGoToTheFanoutOnceAndOwnLinesToTheMember() throws Exception {
        Recorder fanout = new Recorder();
        ChatRoom room = room(fanout);
        RecordingMember alice = new RecordingMember("alice");
        RecordingMember bob = new RecordingMember("bob");
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
        RecordingMember alice = new RecordingMember("alice");
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
        RecordingMember first = new RecordingMember("carol");
        RecordingMember second = new RecordingMember("carol");
        room.join(first);
        room.join(second);
        assertThat(fanout.calls)
                .containsExactly("joined carol", "to all but carol: * carol joined", "left carol", "joined carol");
        assertThat(first.lines()).singleElement().asString().startsWith("disconnected: ");
    }
}
