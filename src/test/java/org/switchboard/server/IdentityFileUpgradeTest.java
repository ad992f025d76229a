package org.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.switchboard.auth.PasswordHasher;
import org.switchboard.auth.Tokens;
import org.switchboard.protocol.Protocol;
import org.switchboard.support.LineClient;
import org.switchboard.support.ManualClock;
import org.switchboard.support.ServerFixture;
import org.switchboard.support.TestServer;

/** users.txt across versions and restarts: today's three fields upgraded, the times kept. */
class IdentityFileUpgradeTest extends ServerFixture {
    static final String PASSWORD = TestServer.PASSWORD;

    private List<String> userLines() throws Exception {
        return Files.readAllLines(dir.resolve("users.txt")).stream().filter(l -> !l.startsWith("#")).toList();
    }

    @Test
    void anIdentityFileInTodaysFormatIsUpgradedWithoutLosingOrLockingOutAnyone() throws Exception {
        PasswordHasher hasher = new PasswordHasher(1_000, 1);
        String token = Tokens.newToken();
        Files.writeString(dir.resolve("users.txt"), "# Switchboard identity file\n"
                + "alice " + hasher.hash(PASSWORD.toCharArray()) + " -\n"
                + "Bob " + hasher.hash("another one".toCharArray()) + " " + Tokens.hash(token) + "\n"
                + "carol " + hasher.hash("third password".toCharArray()) + " -\n");
        server = TestServer.start(dir);
        assertThat(server.registeredUsers()).isEqualTo(3);
        new LineClient(server.port()).signIn("alice", PASSWORD).close();
        try (LineClient bob = new LineClient(server.port())) {
            bob.expectPrompt(Protocol.PROMPT_NAME);
            bob.send(Protocol.TOKEN_LOGIN + " bob " + token);
            assertThat(bob.awaitContaining("Welcome")).isEqualTo("Welcome, Bob!");
        }
        server.close(); // the stop writes the last-seen times
        assertThat(userLines()).hasSize(3).allSatisfy(line -> assertThat(line.split(" ")).hasSize(5));
        assertThat(userLines().get(2)).startsWith("carol pbkdf2-sha256:").endsWith(" - - -");

        server = TestServer.start(dir);
        new LineClient(server.port()).signIn("alice", PASSWORD).close();
        new LineClient(server.port()).signIn("bob", "another one").close();
        new LineClient(server.port()).signIn("carol", "third password").close();
    }

    @Test
    void registrationAndLastSeenTimesSurviveARestart() throws Exception {
        ManualClock clock = new ManualClock(Instant.parse("2026-12-01T20:00:00Z"));
        server = new ChatServer(TestServer.config(dir).build(), clock);
        server.start();
        new LineClient(server.port()).register("alice", PASSWORD).close();
        clock.advance(Duration.ofHours(2));
        try (LineClient alice = new LineClient(server.port()).signIn("alice", PASSWORD)) {
            clock.advance(Duration.ofMinutes(5));
            alice.send("/quit");
            alice.readToEnd();
        }
        server.close();

        server = TestServer.start(dir);
        AccountInfo alice = server.accounts().getFirst();
        assertThat(alice.registered()).isEqualTo(Instant.parse("2026-12-01T20:00:00Z"));
        assertThat(alice.lastSeen()).isEqualTo(Instant.parse("2026-12-01T22:05:00Z"));
        assertThat(alice.online()).isFalse();
    }
}
