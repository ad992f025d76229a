package org.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.switchboard.protocol.Protocol;
import org.switchboard.support.LineClient;
import org.switchboard.support.ServerFixture;
import org.switchboard.support.TestServer;

class SignInTest extends ServerFixture {
    static final String PASSWORD = TestServer.PASSWORD;

    @BeforeEach
    void start() {
        server = TestServer.start(dir);
    }

    @Test
    void bannerThenNamePromptThenANewNameRegistersWithThePasswordTwice() {
        try (LineClient client = new LineClient(server.port())) {
            assertThat(client.next()).isEqualTo(SignIn.BANNER);
            assertThat(client.next()).startsWith(Protocol.NOTICE_PREFIX + "This connection is not encrypted")
                    .endsWith("Use TLS on port " + server.tlsPort() + " (switchboard client --tls).");
            assertThat(client.next()).isEqualTo(Protocol.PROMPT_NAME);
            client.send("alice");
            assertThat(client.next()).contains("'alice' is a new name");
            assertThat(client.next()).isEqualTo(Protocol.PROMPT_NEW_PASSWORD);
            client.send(PASSWORD);
            assertThat(client.next()).isEqualTo(Protocol.PROMPT_REPEAT_PASSWORD);
            client.send(PASSWORD);
            assertThat(client.next()).isEqualTo("Welcome, alice!");
        }
        assertThat(server.registeredUsers()).isEqualTo(1);
    }

    @Test
    void aKnownNameSignsInWithItsPassword() {
        new LineClient(server.port()).register("alice", PASSWORD).close();
        try (LineClient client = new LineClient(server.port())) {
            client.expectPrompt(Protocol.PROMPT_NAME);
            client.send("ALICE");
            client.expectPrompt(Protocol.PROMPT_PASSWORD);
            client.send(PASSWORD);
            assertThat(client.next()).isEqualTo("Welcome, alice!");
        }
    }

    @Test
    void mismatchedRepeatAsksForTheNewPasswordAgain() {
        try (LineClient client = new LineClient(server.port())) {
            client.expectPrompt(Protocol.PROMPT_NAME);
            client.send("bob");
            client.expectPrompt(Protocol.PROMPT_NEW_PASSWORD);
            client.send(PASSWORD);
            client.expectPrompt(Protocol.PROMPT_REPEAT_PASSWORD);
            client.send("something else");
            assertThat(client.next()).isEqualTo("! The passwords do not match. Choose a password again.");
            assertThat(client.next()).isEqualTo(Protocol.PROMPT_NEW_PASSWORD);
        }
        assertThat(server.registeredUsers()).isZero();
    }

    @Test
    void tooShortAPasswordIsRefused() {
        try (LineClient client = new LineClient(server.port())) {
            client.expectPrompt(Protocol.PROMPT_NAME);
            client.send("bob");
            client.expectPrompt(Protocol.PROMPT_NEW_PASSWORD);
            client.send("123");
            assertThat(client.next()).isEqualTo("! A password needs at least 8 characters.");
            assertThat(client.next()).isEqualTo(Protocol.PROMPT_NEW_PASSWORD);
        }
    }

    @Test
    void wrongPasswordGetsAClearErrorAndAFreshTry() {
        new LineClient(server.port()).register("alice", PASSWORD).close();
        try (LineClient client = new LineClient(server.port())) {
            client.expectPrompt(Protocol.PROMPT_NAME);
            client.send("alice");
            client.expectPrompt(Protocol.PROMPT_PASSWORD);
            client.send("wrong one");
            assertThat(client.next()).startsWith("! Wrong password. 2 tries left");
            assertThat(client.next()).isEqualTo(Protocol.PROMPT_PASSWORD);
            client.send(PASSWORD);
            assertThat(client.next()).isEqualTo("Welcome, alice!");
        }
    }

    @Test
    void threeWrongPasswordsCloseTheConnection() {
        new LineClient(server.port()).register("alice", PASSWORD).close();
        try (LineClient client = new LineClient(server.port())) {
            client.expectPrompt(Protocol.PROMPT_NAME);
            client.send("alice");
            for (int i = 0; i < 3; i++) {
                client.expectPrompt(Protocol.PROMPT_PASSWORD);
                client.send("wrong " + i);
            }
            List<String> rest = client.readToEnd();
            assertThat(rest).contains("! Too many failed attempts. Goodbye.");
        }
        assertThat(server.log().tail(100)).anySatisfy(e -> assertThat(e.message()).contains("Wrong password for alice"));
    }

    @Test
    void anInvalidNameIsRefusedWithTheReason() {
        try (LineClient client = new LineClient(server.port())) {
            client.expectPrompt(Protocol.PROMPT_NAME);
            client.send("two words");
            assertThat(client.next()).startsWith("! A name uses only letters");
            client.expectPrompt(Protocol.PROMPT_NAME);
            client.send("server");
            assertThat(client.next()).isEqualTo("! The name 'server' is reserved.");
        }
    }

    @Test
    void aTokenSignsInWithoutPasswordOnceAndIsReplacedByAFreshOne() {
        String token;
        try (LineClient client = new LineClient(server.port()).register("alice", PASSWORD)) {
            client.send("/token");
            token = client.await(line -> line.startsWith(Protocol.TOKEN_PREFIX)).substring(Protocol.TOKEN_PREFIX.length());
        }
        assertThat(token).hasSizeGreaterThanOrEqualTo(22);
        String fresh;
        try (LineClient client = new LineClient(server.port())) {
            client.expectPrompt(Protocol.PROMPT_NAME);
            client.send("/token alice " + token);
            assertThat(client.next()).isEqualTo("Welcome, alice!");
            fresh = client.next();
            assertThat(fresh).startsWith(Protocol.TOKEN_PREFIX);
        }
        try (LineClient replay = new LineClient(server.port())) {
            replay.expectPrompt(Protocol.PROMPT_NAME);
            replay.send("/token alice " + token);
            assertThat(replay.next()).startsWith("! That token is not valid");
        }
        try (LineClient client = new LineClient(server.port())) {
            client.expectPrompt(Protocol.PROMPT_NAME);
            client.send("/token alice " + fresh.substring(Protocol.TOKEN_PREFIX.length()));
            assertThat(client.next()).isEqualTo("Welcome, alice!");
        }
    }

    @Test
    void clearingTheIdentityFileKillsTokensAndKnownNamesMustRegisterAgain() throws Exception {
        String token;
        try (LineClient client = new LineClient(server.port()).register("alice", PASSWORD)) {
            client.send("/token");
            token = client.await(line -> line.startsWith(Protocol.TOKEN_PREFIX)).substring(Protocol.TOKEN_PREFIX.length());
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> server.users().isEmpty());   // her name is free again
        assertThat(server.accountAdmin().clear().removed()).isEqualTo(1);
        try (LineClient client = new LineClient(server.port())) {
            client.expectPrompt(Protocol.PROMPT_NAME);
            client.send("/token alice " + token);
            assertThat(client.next()).startsWith("! That token is not valid");
            client.expectPrompt(Protocol.PROMPT_NAME);
            client.send("alice");
            assertThat(client.next()).contains("'alice' is a new name");
        }
        assertThat(Files.readString(dir.resolve("users.txt")).lines().filter(l -> !l.startsWith("#"))).isEmpty();
    }

    @Test
    void aNameOnlineSinceBeforeTheIdentityFileWasClearedCannotBeRegisteredBySomeoneElse() throws Exception {
        try (LineClient alice = new LineClient(server.port()).register("alice", PASSWORD)) {
            assertThat(server.accountAdmin().clear().removed()).isEqualTo(1);
            try (LineClient stranger = new LineClient(server.port())) {
                stranger.expectPrompt(Protocol.PROMPT_NAME);
                stranger.send("Alice");
                assertThat(stranger.next()).isEqualTo("! That name is in use right now; choose another.");
                stranger.expectPrompt(Protocol.PROMPT_NAME);
            }
            alice.send("/users");
            assertThat(alice.awaitContaining("online:")).isEqualTo("* 1 online: alice");
        }
        assertThat(server.registeredUsers()).isZero();
    }

    @Test
    void aNameThatCameOnlineDuringARegistrationIsNotTakenFromItsUserAfterAClear() throws Exception {
        try (LineClient stranger = new LineClient(server.port())) {
            stranger.expectPrompt(Protocol.PROMPT_NAME);
            stranger.send("alice");
            stranger.expectPrompt(Protocol.PROMPT_NEW_PASSWORD);
            stranger.send(PASSWORD);
            stranger.expectPrompt(Protocol.PROMPT_REPEAT_PASSWORD);
            try (LineClient alice = new LineClient(server.port()).register("alice", "alice's own")) {
                // the clear makes the stranger's registration possible again: only being online stops it
                assertThat(server.accountAdmin().clear().removed()).isEqualTo(1);
                stranger.send(PASSWORD);
                assertThat(stranger.next()).isEqualTo("! That name is in use right now; choose another.");
                stranger.expectPrompt(Protocol.PROMPT_NAME);
                alice.send("/users");
                assertThat(alice.awaitContaining("online:")).isEqualTo("* 1 online: alice");
            }
        }
    }

    @Test
    void theIdentityFileNeverHoldsAPasswordOrTokenInClear() throws Exception {
        String token;
        try (LineClient client = new LineClient(server.port()).register("alice", PASSWORD)) {
            client.send("/token");
            token = client.await(line -> line.startsWith(Protocol.TOKEN_PREFIX)).substring(Protocol.TOKEN_PREFIX.length());
        }
        String file = Files.readString(dir.resolve("users.txt"));
        assertThat(file).contains("alice pbkdf2-sha256:1000:").doesNotContain(PASSWORD).doesNotContain(token);
        String log = Files.readString(dir.resolve("server.log"));
        assertThat(log).doesNotContain(PASSWORD).doesNotContain(token);
    }

    @Test
    void signingInAgainReplacesTheOldSessionWhichIsToldAndClosed() {
        try (LineClient first = new LineClient(server.port()).register("alice", PASSWORD);
             LineClient second = new LineClient(server.port())) {
            second.signIn("alice", PASSWORD);
            assertThat(first.readToEnd()).contains("! You signed in from another place; this session is closed.");
            await().atMost(Duration.ofSeconds(5)).until(() -> server.users().size() == 1);
            assertThat(server.users().get(0).address()).endsWith(":" + second.socket().getLocalPort());
        }
    }

    @Test
    void aClientThatDoesNotFinishSigningInIsDisconnected() {
        server.close();
        server = TestServer.start(dir, b -> b.signInTimeout(Duration.ofMillis(300)));
        try (LineClient client = new LineClient(server.port())) {
            client.expectPrompt(Protocol.PROMPT_NAME);
            assertThat(client.readToEnd()).contains("! Sign-in took too long. Goodbye.");
        }
    }
}
