package org.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.switchboard.log.LogEntry;
import org.switchboard.protocol.Protocol;
import org.switchboard.support.LineClient;
import org.switchboard.support.ServerFixture;
import org.switchboard.support.TestServer;

/** The activity log says how each sign-in was made: a new user, a password, or a token. */
class SignInLogTest extends ServerFixture {
    @Test
    void theLogTellsARegistrationAPasswordAndATokenApart() {
        server = TestServer.start(dir);
        String token;
        try (LineClient client = new LineClient(server.port()).register("alice", TestServer.PASSWORD)) {
            client.send("/token");
            token = client.await(line -> line.startsWith(Protocol.TOKEN_PREFIX)).substring(Protocol.TOKEN_PREFIX.length());
        }
        new LineClient(server.port()).signIn("alice", TestServer.PASSWORD).close();
        try (LineClient client = new LineClient(server.port())) {
            client.expectPrompt(Protocol.PROMPT_NAME);
            client.send("/token alice " + token);
            assertThat(client.next()).isEqualTo("Welcome, alice!");
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> signIns().size() == 3);
        assertThat(signIns()).satisfiesExactly(
                first -> assertThat(first).matches("Sign-in ok: alice from 127\\.0\\.0\\.1:\\d+ \\(new user\\)"),
                second -> assertThat(second).matches("Sign-in ok: alice from 127\\.0\\.0\\.1:\\d+"),
                third -> assertThat(third).matches("Sign-in ok: alice from 127\\.0\\.0\\.1:\\d+ \\(token\\)"));
    }

    private List<String> signIns() {
        return server.log().tail(100).stream().map(LogEntry::message).filter(m -> m.startsWith("Sign-in ok")).toList();
    }
}
