package org.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.switchboard.protocol.Protocol;
import org.switchboard.support.LineClient;
import org.switchboard.support.ServerFixture;
import org.switchboard.support.TestServer;

/** The login throttle as a client meets it, with the default policy (5 wrong passwords lock a name). */
class LoginLockoutTest extends ServerFixture {
    static final String PASSWORD = TestServer.PASSWORD;

    @BeforeEach
    void start() {
        server = TestServer.start(dir);
        new LineClient(server.port()).register("alice", PASSWORD).close();
    }

    /** Two wrong passwords on one connection, then an empty line; returns what the server said. */
    private List<String> twoWrongPasswords(LineClient client) {
        client.expectPrompt(Protocol.PROMPT_NAME);
        client.send("alice");
        client.expectPrompt(Protocol.PROMPT_PASSWORD);
        client.send("wrong 1");
        client.expectPrompt(Protocol.PROMPT_PASSWORD);
        client.send("wrong 2");
        return List.of(client.next(), client.next());
    }

    @Test
    void fiveWrongPasswordsOverSeveralConnectionsLockTheNameAndSaySo() {
        try (LineClient first = new LineClient(server.port())) {
            twoWrongPasswords(first);
        }
        try (LineClient second = new LineClient(server.port())) {
            twoWrongPasswords(second);
        }
        try (LineClient third = new LineClient(server.port())) {
            third.expectPrompt(Protocol.PROMPT_NAME);
            third.send("alice");
            third.expectPrompt(Protocol.PROMPT_PASSWORD);
            third.send("wrong 5");
            assertThat(third.next()).isEqualTo("! Wrong password. Too many wrong passwords: 'alice' is locked for"
                    + " 10 minutes. Sign in with a token, or try again later.");
            third.expectPrompt(Protocol.PROMPT_NAME);
        }
        assertThat(server.log().tail(100)).anySatisfy(
                e -> assertThat(e.message()).isEqualTo("Name alice locked for 10 minutes after 5 wrong passwords"));
    }

    @Test
    void aLockedNameIsRefusedEvenWithTheRightPassword() {
        lockAlice();
        try (LineClient client = new LineClient(server.port())) {
            client.expectPrompt(Protocol.PROMPT_NAME);
            client.send("alice");
            assertThat(client.next()).startsWith("! Too many wrong passwords: 'alice' is locked for 10 minutes");
            client.expectPrompt(Protocol.PROMPT_NAME);
        }
    }

    @Test
    void aLockedNameCanStillSignInWithItsToken() {
        String token;
        try (LineClient alice = new LineClient(server.port()).signIn("alice", PASSWORD)) {
            alice.send("/token");
            token = alice.await(l -> l.startsWith(Protocol.TOKEN_PREFIX)).substring(Protocol.TOKEN_PREFIX.length());
        }
        lockAlice();
        try (LineClient client = new LineClient(server.port())) {
            client.expectPrompt(Protocol.PROMPT_NAME);
            client.send("/token alice " + token);
            assertThat(client.next()).isEqualTo("Welcome, alice!");
        }
    }

    @Test
    void anotherNameIsNotLocked() {
        new LineClient(server.port()).register("bob", PASSWORD).close();
        lockAlice();
        new LineClient(server.port()).signIn("bob", PASSWORD).close();
    }

    private void lockAlice() {
        for (int i = 0; i < 5; i++) {
            try (LineClient client = new LineClient(server.port())) {
                client.expectPrompt(Protocol.PROMPT_NAME);
                client.send("alice");
                client.expectPrompt(Protocol.PROMPT_PASSWORD);
                client.send("wrong " + i);
                client.next();
            }
        }
        assertThat(server.log().tail(200)).anySatisfy(e -> assertThat(e.message()).startsWith("Name alice locked"));
    }
}
