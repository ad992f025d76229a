package org.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.switchboard.protocol.Protocol;
import org.switchboard.support.LineClient;
import org.switchboard.support.ServerFixture;
import org.switchboard.support.TestServer;

/** The connection limits and the codec's bounds, attacked through a real socket. */
class LimitsTest extends ServerFixture {
    static final String PASSWORD = TestServer.PASSWORD;

    @Test
    void anOverlongLineIsRefusedAndDiscardedAndFiveOfThemDisconnect() {
        server = TestServer.start(dir);
        try (LineClient alice = new LineClient(server.port()).register("alice", PASSWORD);
             LineClient bob = new LineClient(server.port()).register("bob", PASSWORD)) {
            alice.awaitContaining("* bob joined");
            bob.send("x".repeat(5_000) + " tail");
            assertThat(bob.next()).isEqualTo("! Line too long (the limit is 4096 bytes); it was not sent.");
            bob.send("short");
            assertThat(alice.awaitContaining("bob:")).endsWith("bob: short");
            for (int i = 0; i < 4; i++) {
                bob.send("y".repeat(100_000));
            }
            assertThat(bob.readToEnd()).last().isEqualTo("! Too many overlong lines. Goodbye.");
            assertThat(alice.awaitContaining("bob left")).isEqualTo("* bob left");
        }
    }

    @Test
    void controlCharactersAndEscapesNeverReachOtherUsersOrTheHistory() {
        server = TestServer.start(dir);
        try (LineClient alice = new LineClient(server.port()).register("alice", PASSWORD);
             LineClient bob = new LineClient(server.port()).register("bob", PASSWORD)) {
            alice.awaitContaining("* bob joined");
            bob.sendRaw("\u001b[2J\u001b]0;owned\u0007he\u0000llo\u202e \u00ff\r\n".getBytes(StandardCharsets.UTF_8));
            assertThat(alice.awaitContaining("bob:")).endsWith("bob: hello ÿ");
            assertThat(server.recentHistory(1).get(0).text()).isEqualTo("hello ÿ");
        }
    }

    @Test
    void telnetNegotiationIsDroppedAndCrNulEndsALine() {
        server = TestServer.start(dir);
        try (LineClient alice = new LineClient(server.port()).register("alice", PASSWORD);
             LineClient bob = new LineClient(server.port()).register("bob", PASSWORD)) {
            alice.awaitContaining("* bob joined");
            byte[] iac = {(byte) 255, (byte) 251, 1, (byte) 255, (byte) 250, 24, 0, 'x', (byte) 255, (byte) 240};
            bob.sendRaw(iac).sendRaw("one\r\0two\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(alice.awaitContaining("bob:")).endsWith("bob: one");
            assertThat(alice.awaitContaining("bob:")).endsWith("bob: two");
        }
    }

    @Test
    void connectionsPastThePerAddressCapAreRefusedWithAReason() {
        server = TestServer.start(dir, b -> b.maxClientsPerAddress(20));
        List<LineClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                LineClient client = new LineClient(server.port());
                client.expectPrompt(Protocol.PROMPT_NAME);
                clients.add(client);
            }
            try (LineClient refused = new LineClient(server.port())) {
                assertThat(refused.readToEnd()).containsExactly("! Too many connections from your address.");
            }
            clients.remove(0).close();
            // the slot comes back once the server has seen the close
            org.awaitility.Awaitility.await().until(() -> server.stats().connections() == 19);
            try (LineClient again = new LineClient(server.port())) {
                again.expectPrompt(Protocol.PROMPT_NAME);
            }
        } finally {
            clients.forEach(LineClient::close);
        }
    }

    @Test
    void connectionsPastTheTotalCapAreRefusedWithAReason() {
        server = TestServer.start(dir, b -> b.maxClients(3));
        List<LineClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                LineClient client = new LineClient(server.port());
                client.expectPrompt(Protocol.PROMPT_NAME);
                clients.add(client);
            }
            try (LineClient refused = new LineClient(server.port())) {
                assertThat(refused.readToEnd()).containsExactly("! The server is full. Try again later.");
            }
        } finally {
            clients.forEach(LineClient::close);
        }
    }
}
