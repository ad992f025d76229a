package org.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.switchboard.log.LogEntry;
import org.switchboard.protocol.Protocol;
import org.switchboard.support.LineClient;
import org.switchboard.support.ServerFixture;
import org.switchboard.support.TestServer;

/** {@code /passwd} on the line protocol: the old password, then the new one twice. */
class PasswdTest extends ServerFixture {
    static final String PASSWORD = TestServer.PASSWORD;
    static final String NEW_PASSWORD = "battery staple";

    @BeforeEach
    void start() {
        server = TestServer.start(dir);
        new LineClient(server.port()).register("alice", PASSWORD).close();
    }

    private List<String> logged() {
        return server.log().tail(200).stream().map(LogEntry::message).toList();
    }

    private static String wrongPasswordAt(LineClient client, String name, String password) {
        client.expectPrompt(Protocol.PROMPT_NAME);
        client.send(name);
        client.expectPrompt(Protocol.PROMPT_PASSWORD);
        client.send(password);
        return client.await(line -> !line.isEmpty());
    }

    @Test
    void theRightOldPasswordAndTheNewOneTwiceChangeIt() {
        try (LineClient alice = new LineClient(server.port()).signIn("alice", PASSWORD)) {
            alice.send("/passwd");
            assertThat(alice.next()).isEqualTo("* Changing your password (an empty line gives up).");
            alice.expectPrompt(Protocol.PROMPT_OLD_PASSWORD);
            alice.send(PASSWORD);
            alice.expectPrompt(Protocol.PROMPT_NEW_PASSWORD);
            alice.send(NEW_PASSWORD);
            alice.expectPrompt(Protocol.PROMPT_REPEAT_PASSWORD);
            alice.send(NEW_PASSWORD);
            assertThat(alice.next()).isEqualTo(Protocol.PASSWORD_CHANGED);
            alice.send("/users"); // back in the chat: lines are commands and chat again, not passwords
            assertThat(alice.next()).startsWith("* 1 online: alice");
        }
        new LineClient(server.port()).signIn("alice", NEW_PASSWORD).close();
        try (LineClient old = new LineClient(server.port())) {
            assertThat(wrongPasswordAt(old, "alice", PASSWORD)).startsWith("! Wrong password.");
        }
        assertThat(String.join("\n", logged())).contains("Password changed: alice from ")
                .doesNotContain(NEW_PASSWORD).doesNotContain(PASSWORD);
    }

    @Test
    void aWrongOldPasswordChangesNothingAndCountsLikeAWrongSignIn() {
        try (LineClient alice = new LineClient(server.port()).signIn("alice", PASSWORD)) {
            for (int i = 1; i <= 4; i++) {
                alice.send("/passwd");
                alice.expectPrompt(Protocol.PROMPT_OLD_PASSWORD);
                alice.send("wrong " + i);
                assertThat(alice.awaitContaining("!")).isEqualTo("! Wrong password. Password not changed.");
            }
            try (LineClient fifth = new LineClient(server.port())) {
                // the default throttle locks a name at its fifth wrong password, wherever they came from
                assertThat(wrongPasswordAt(fifth, "alice", "wrong 5")).contains("'alice' is locked");
            }
            alice.send("/passwd");
            assertThat(alice.awaitContaining("!")).startsWith("! Too many wrong passwords: 'alice' is locked for")
                    .endsWith(Protocol.PASSWORD_NOT_CHANGED);
            alice.send("/users"); // still in the chat
            assertThat(alice.awaitContaining("online")).startsWith("* 1 online: alice");
        }
        assertThat(logged()).contains("Name alice locked for 10 minutes after 5 wrong passwords")
                .anySatisfy(l -> assertThat(l).startsWith("Wrong password for alice from ").endsWith("(/passwd)"));
    }

    @Test
    void aMismatchedRepeatAsksForTheNewPasswordAgainAndAnEmptyLineGivesUp() {
        try (LineClient alice = new LineClient(server.port()).signIn("alice", PASSWORD)) {
            alice.send("/passwd");
            alice.expectPrompt(Protocol.PROMPT_OLD_PASSWORD);
            alice.send(PASSWORD);
            alice.expectPrompt(Protocol.PROMPT_NEW_PASSWORD);
            alice.send(NEW_PASSWORD);
            alice.expectPrompt(Protocol.PROMPT_REPEAT_PASSWORD);
            alice.send("battery stable");
            assertThat(alice.next()).isEqualTo("! The passwords do not match. Choose a password again.");
            alice.expectPrompt(Protocol.PROMPT_NEW_PASSWORD);
            alice.send("");
            assertThat(alice.next()).isEqualTo("* " + Protocol.PASSWORD_NOT_CHANGED);
        }
        new LineClient(server.port()).signIn("alice", PASSWORD).close();
    }
}
