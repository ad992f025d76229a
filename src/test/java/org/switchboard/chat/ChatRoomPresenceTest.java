package org.switchboard.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChatRoomPresenceTest {
    @TempDir
    Path dir;

    private ChatRoom room() throws Exception {
        return new ChatRoom(new History(dir.resolve("history.txt"), 100), Clock.systemUTC());
    }

    @Test
    void aCrowdJoiningAtOnceIsAnnouncedInOneSummaryLine() throws Exception {
        ChatRoom room = room();
        RecordingMember first = new RecordingMember("first");
        room.join(first);
        for (int i = 0; i < 40; i++) {
            room.join(new RecordingMember("user" + i));
        }
        // the first join (into an empty room) opened the window; the crowd waits for it to pass
        await().atMost(Duration.ofSeconds(10)).until(() -> !first.notices().isEmpty());
        assertThat(first.notices()).containsExactly("* user0, user1, user2, user3, user4 and 35 others joined");
    }

    @Test
    void aFewJoinsInOneWindowAreStillAnnouncedOneByOne() throws Exception {
        ChatRoom room = room();
        RecordingMember first = new RecordingMember("first");
        room.join(first);
        room.join(new RecordingMember("bob"));
        room.join(new RecordingMember("carol"));
        room.join(new RecordingMember("dave"));
        await().atMost(Duration.ofSeconds(10)).until(() -> first.notices().size() == 3);
        assertThat(first.notices()).containsExactly("* bob joined", "* carol joined", "* dave joined");
    }

    @Test
    void nobodyIsToldOfTheirOwnJoiningWhenAFewAreGathered() throws Exception {
        ChatRoom room = room();
        room.join(new RecordingMember("first"));
        RecordingMember bob = new RecordingMember("bob");
        room.join(bob);
        RecordingMember carol = new RecordingMember("carol");
        room.join(carol);
        await().atMost(Duration.ofSeconds(10)).until(() -> bob.notices().size() == 1);
        assertThat(bob.notices()).containsExactly("* carol joined");
        assertThat(carol.notices()).doesNotContain("* carol joined");
    }

    @Test
    void aCrowdLeavingIsSummedUpToo() throws Exception {
        ChatRoom room = room();
        RecordingMember stays = new RecordingMember("stays");
        room.join(stays);
        List<RecordingMember> crowd = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            RecordingMember member = new RecordingMember("m" + i);
            crowd.add(member);
            room.join(member);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> stays.notices().size() == 1);
        crowd.forEach(m -> room.leave(m, "left"));
        await().atMost(Duration.ofSeconds(10)).until(() -> stays.notices().size() == 2);
        assertThat(stays.notices()).containsExactly("* m0, m1, m2, m3, m4 and 5 others joined",
                "* m0, m1, m2, m3, m4 and 5 others left");
        assertThat(room.size()).isEqualTo(1);
    }

    @Test
    void summaryNamesAFewAndCountsTheRest() {
        assertThat(ChatRoom.summary(List.of("a"), " joined")).isEqualTo("a joined");
        assertThat(ChatRoom.summary(List.of("a", "b", "c"), " left")).isEqualTo("a, b and c left");
        assertThat(ChatRoom.summary(List.of("a", "b", "c", "d", "e", "f", "g"), " joined"))
                .isEqualTo("a, b, c, d, e and 2 others joined");
    }

    @Test
    void someNamesListsASmallRoomSorted() throws Exception {
        ChatRoom room = room();
        for (String name : List.of("zoe", "Bob", "alice")) {
            room.join(new RecordingMember(name));
        }
        assertThat(room.someNames(10)).containsExactly("alice", "Bob", "zoe");
    }

    @Test
    void someNamesInABigRoomAreAFewOfTheMembers() throws Exception {
        ChatRoom room = room();
        for (int i = 0; i < 30; i++) {
            room.join(new RecordingMember("user" + i));
        }
        List<String> some = room.someNames(5);
        assertThat(some).hasSize(5).isSortedAccordingTo(String.CASE_INSENSITIVE_ORDER);
        assertThat(room.members()).extracting(Member::name).containsAll(some);
    }

    @Test
    void theBroadcastReachesExactlyTheMembersAfterJoinsReplacementsAndLeaves() throws Exception {
        ChatRoom room = room();
        RecordingMember alice = new RecordingMember("alice");
        RecordingMember bob = new RecordingMember("bob");
        RecordingMember carol = new RecordingMember("carol");
        RecordingMember bobAgain = new RecordingMember("bob");
        room.join(alice);
        room.join(bob);
        room.join(carol);
        room.join(bobAgain);
        room.leave(carol, "left");
        room.say(alice, "hello");
        assertThat(bobAgain.lines()).anyMatch(l -> l.endsWith("alice: hello"));
        assertThat(bob.lines()).noneMatch(l -> l.endsWith("alice: hello"));
        assertThat(carol.lines()).noneMatch(l -> l.endsWith("alice: hello"));
        assertThat(alice.lines()).noneMatch(l -> l.endsWith("alice: hello"));
        assertThat(room.size()).isEqualTo(2);
    }

    @Test
    void comingBackWithinTheWindowCancelsTheLeaveThatStillWaits() throws Exception {
        ChatRoom room = room();
        RecordingMember first = new RecordingMember("first");
        room.join(first);
        RecordingMember bob = new RecordingMember("bob");
        room.join(bob);
        room.leave(bob, "left");
        RecordingMember again = new RecordingMember("bob");
        room.join(again);
        room.join(new RecordingMember("carol"));
        await().atMost(Duration.ofSeconds(10)).until(() -> first.notices().contains("* carol joined"));
        assertThat(first.notices()).containsExactly("* bob joined", "* carol joined");
        assertThat(again.notices()).containsExactly("* carol joined");
    }
}
