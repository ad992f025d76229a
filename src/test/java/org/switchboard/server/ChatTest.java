package org.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.switchboard.chat.RoomFeed;
import org.switchboard.support.LineClient;
import org.switchboard.support.ServerFixture;
import org.switchboard.support.TestServer;

class ChatTest extends ServerFixture {
    static final String PASSWORD = TestServer.PASSWORD;

    @BeforeEach
    void start() {
        server = TestServer.start(dir);
    }

    @Test
    void twoUsersChatBothWays() {
        try (LineClient alice = new LineClient(server.port()).register("alice", PASSWORD);
             LineClient bob = new LineClient(server.port()).register("bob", PASSWORD)) {
            alice.awaitContaining("* bob joined");
            alice.send("hi bob");
            assertThat(bob.awaitContaining("alice:")).matches("\\[\\d\\d:\\d\\d] alice: hi bob");
            bob.send("hello alice, как дела?");
            assertThat(alice.awaitContaining("bob:")).endsWith("bob: hello alice, как дела?");
        }
    }

    @Test
    void theRoomsLinesAreKeptOnceInTheSharedFeed() {
        try (LineClient alice = new LineClient(server.port()).register("alice", PASSWORD);
             LineClient bob = new LineClient(server.port()).register("bob", PASSWORD)) {
            alice.awaitContaining("* bob joined");
            long before = server.room().feed().end();
            alice.send("kept once");
            bob.awaitContaining("alice: kept once");
            assertThat(server.room().feed().end()).isEqualTo(before + 1);
            RoomFeed.Entry entry = server.room().feed().at(before);
            assertThat(new String(entry.line(0), java.nio.charset.StandardCharsets.UTF_8)).endsWith("alice: kept once\r\n");
            assertThat(entry.except().name()).isEqualTo("alice");
        }
    }

    @Test
    void aUserDoesNotGetTheirOwnLineBack() {
        try (LineClient alice = new LineClient(server.port()).register("alice", PASSWORD);
             LineClient bob = new LineClient(server.port()).register("bob", PASSWORD)) {
            alice.awaitContaining("* bob joined");
            alice.send("one");
            bob.awaitContaining("alice: one");
            bob.send("two");
            assertThat(alice.awaitContaining(": ")).endsWith("bob: two");
        }
    }

    @Test
    void othersHearWhenSomeoneLeaves() {
        try (LineClient alice = new LineClient(server.port()).register("alice", PASSWORD)) {
            try (LineClient bob = new LineClient(server.port()).register("bob", PASSWORD)) {
                alice.awaitContaining("* bob joined");
                bob.send("/quit");
                assertThat(bob.readToEnd()).contains("* Goodbye, bob.");
            }
            alice.awaitContaining("* bob left");
        }
    }

    @Test
    void aLateJoinerGetsTheHistoryReplayed() {
        try (LineClient alice = new LineClient(server.port()).register("alice", PASSWORD)) {
            alice.send("first");
            alice.send("second");
            await().atMost(Duration.ofSeconds(5)).until(() -> server.recentHistory(10).size() == 2);
        }
        try (LineClient bob = new LineClient(server.port())) {
            List<String> seen = new CopyOnWriteArrayList<>();
            bob.register("bob", PASSWORD);
            bob.send("/history");
            seen.add(bob.awaitContaining("first"));
            seen.add(bob.awaitContaining("second"));
            assertThat(seen).allMatch(l -> l.contains("alice: "));
        }
    }

    @Test
    void theWelcomeIsFollowedByTheLastLinesOfHistory() {
        try (LineClient alice = new LineClient(server.port()).register("alice", PASSWORD)) {
            for (int i = 1; i <= 60; i++) {
                alice.send("line " + i);
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> server.recentHistory(100).size() == 60);
        }
        try (LineClient bob = new LineClient(server.port())) {
            bob.expectPrompt("Name: ");
            bob.send("bob");
            bob.expectPrompt("Choose a password: ");
            bob.send(PASSWORD);
            bob.expectPrompt("Repeat the password: ");
            bob.send(PASSWORD);
            assertThat(bob.next()).isEqualTo("Welcome, bob!");
            assertThat(bob.next()).endsWith("alice: line 11");
            for (int i = 12; i <= 60; i++) {
                assertThat(bob.next()).endsWith("alice: line " + i);
            }
            assertThat(bob.next()).startsWith("* Online now: bob");
        }
    }

    @Test
    void historySurvivesARestart() {
        try (LineClient alice = new LineClient(server.port()).register("alice", PASSWORD)) {
            alice.send("remember me");
            await().atMost(Duration.ofSeconds(5)).until(() -> server.recentHistory(10).size() == 1);
        }
        server.close();
        server = TestServer.start(dir);
        try (LineClient alice = new LineClient(server.port()).signIn("alice", PASSWORD)) {
            alice.send("/history 5");
            assertThat(alice.awaitContaining("remember me")).endsWith("alice: remember me");
        }
    }

    @Test
    void usersListsWhoIsOnline() {
        try (LineClient alice = new LineClient(server.port()).register("alice", PASSWORD);
             LineClient bob = new LineClient(server.port()).register("bob", PASSWORD)) {
            alice.awaitContaining("* bob joined");
            alice.send("/users");
            assertThat(alice.awaitContaining("online:")).isEqualTo("* 2 online: alice, bob");
        }
    }

    @Test
    void msgReachesOnlyItsRecipient() {
        try (LineClient alice = new LineClient(server.port()).register("alice", PASSWORD);
             LineClient bob = new LineClient(server.port()).register("bob", PASSWORD);
             LineClient carol = new LineClient(server.port()).register("carol", PASSWORD)) {
            alice.awaitContaining("* carol joined");
            bob.awaitContaining("* carol joined");
            alice.send("/msg bob just for you");
            assertThat(bob.awaitContaining("just for you")).endsWith("alice (private): just for you");
            alice.send("public now");
            assertThat(carol.awaitContaining("alice:")).endsWith("alice: public now");
            alice.send("/msg nobody hello");
            assertThat(alice.awaitContaining("!")).isEqualTo("! Nobody called 'nobody' is online.");
        }
        assertThat(server.recentHistory(10)).extracting(line -> line.text()).containsExactly("public now");
    }

    @Test
    void msgIsConfirmedToItsSenderWithTheSameTime() {
        try (LineClient alice = new LineClient(server.port()).register("alice", PASSWORD);
             LineClient bob = new LineClient(server.port()).register("bob", PASSWORD)) {
            alice.awaitContaining("* bob joined");
            alice.send("/msg BOB just for you");
            String received = bob.awaitContaining("just for you");
            String confirmed = alice.awaitContaining("just for you");
            assertThat(confirmed).matches("\\[\\d\\d:\\d\\d] \u2192 bob: just for you");
            assertThat(confirmed).startsWith(received.substring(0, "[12:04] ".length()));
        }
        assertThat(server.recentHistory(10)).isEmpty();
    }

    @Test
    void meShowsTheActionToItsSenderTooAndKeepsItOnceInTheHistory() {
        try (LineClient alice = new LineClient(server.port()).register("alice", PASSWORD);
             LineClient bob = new LineClient(server.port()).register("bob", PASSWORD)) {
            alice.awaitContaining("* bob joined");
            alice.send("/me waves");
            assertThat(bob.awaitContaining("waves")).matches("\\[\\d\\d:\\d\\d] \\* alice waves");
            assertThat(alice.awaitContaining("waves")).matches("\\[\\d\\d:\\d\\d] \\* alice waves");
        }
        assertThat(server.recentHistory(10)).extracting(line -> line.text()).containsExactly("waves");
    }

    @Test
    void theSendersOwnActionsStandInTheRoomsOneOrder() throws Exception {
        try (LineClient alice = new LineClient(server.port()).register("alice", PASSWORD);
             LineClient bob = new LineClient(server.port()).register("bob", PASSWORD);
             LineClient carol = new LineClient(server.port()).register("carol", PASSWORD)) {
            alice.awaitContaining("* carol joined");
            bob.awaitContaining("* carol joined");
            // bob talks while alice acts: their lines interleave in an order only the room decides
            Thread talking = Thread.ofVirtual().start(() -> {
                for (int i = 0; i < 200; i++) {
                    bob.send("b" + i);
                }
            });
            for (int i = 0; i < 50; i++) {
                alice.send("/me a" + i);
            }
            talking.join();
            await().atMost(Duration.ofSeconds(10)).until(() -> server.recentHistory(1_000).size() == 250);
            List<String> history = server.recentHistory(1_000).stream().map(line -> line.text()).toList();
            assertThat(roomTexts(alice, 250)).as("alice's view").isEqualTo(history);
            assertThat(roomTexts(carol, 250)).as("carol's view").isEqualTo(history);
        }
    }

    /** The texts of the next {@code count} lines of bob's talk and alice's actions, in the order read. */
    private static List<String> roomTexts(LineClient client, int count) {
        Pattern roomLine = Pattern.compile("\\[\\d\\d:\\d\\d] (?:bob: |\\* alice )([ab]\\d+)");
        List<String> texts = new ArrayList<>();
        while (texts.size() < count) {
            Matcher matcher = roomLine.matcher(client.await(line -> roomLine.matcher(line).matches()));
            assertThat(matcher.matches()).isTrue();
            texts.add(matcher.group(1));
        }
        return texts;
    }

    @Test
    void anUnknownCommandNamesHelp() {
        try (LineClient alice = new LineClient(server.port()).register("alice", PASSWORD)) {
            alice.send("/dance");
            assertThat(alice.awaitContaining("!")).isEqualTo("! Unknown command /dance. Type /help for the list.");
            alice.send("/help");
            alice.awaitContaining("/msg NAME TEXT");
        }
    }

    @Test
    void controlCharactersNeverReachOtherUsersOrTheFiles() throws Exception {
        try (LineClient alice = new LineClient(server.port()).register("alice", PASSWORD);
             LineClient bob = new LineClient(server.port()).register("bob", PASSWORD)) {
            alice.awaitContaining("* bob joined");
            alice.send("red \u001b[31malert\u001b[0m\u0007 and \u0085done");
            assertThat(bob.awaitContaining("alice:")).endsWith("alice: red alert and done");
        }
        // the history writer writes the file a moment after the line went out
        await().atMost(Duration.ofSeconds(5)).ignoreException(NoSuchFileException.class)
                .untilAsserted(() -> assertThat(Files.readString(dir.resolve("history.txt")))
                        .doesNotContain("\u001b").contains("red alert and done"));
    }

    @Test
    void anAnnouncementReachesEveryoneAndTheHistory() {
        try (LineClient alice = new LineClient(server.port()).register("alice", PASSWORD)) {
            server.announce("maintenance at noon");
            assertThat(alice.awaitContaining("maintenance")).endsWith("[server] maintenance at noon");
        }
        assertThat(server.recentHistory(1).get(0).text()).isEqualTo("maintenance at noon");
    }
}
