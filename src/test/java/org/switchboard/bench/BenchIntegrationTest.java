package org.switchboard.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.switchboard.server.ChatServer;
import org.switchboard.support.TestServer;

/** The bench against a real in-process server: every line reaches every other client exactly once. */
class BenchIntegrationTest {
    @TempDir
    Path dir;

    private BenchConfig config(int port, int clients, int senders, double rate) {
        return config(port, clients, senders, rate, BenchProtocol.CHAT, false);
    }

    private BenchConfig config(int port, int clients, int senders, double rate, BenchProtocol protocol, boolean tls) {
        // A generous drain: the run ends as soon as everything arrived, so it only matters on a slow machine.
        return new BenchConfig("127.0.0.1", port, protocol, clients, 200, senders, rate,
                Duration.ofMillis(300), Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(60), 3,
                "load", "bench-password", "#switchboard", 2, ProcessHandle.current().pid(), tls,
                protocol == BenchProtocol.IRC);
    }

    private static void assertEveryLineArrivedOnce(BenchResult result, int clients, int lines) {
        assertThat(result.signedIn()).as(result.firstError()).isEqualTo(clients);
        assertThat(result.linesSent()).isEqualTo(lines);
        assertThat(result.expected()).isEqualTo((long) lines * (clients - 1));
        assertThat(result.received()).isEqualTo(result.expected());
        assertThat(result.duplicates()).isZero();
        assertThat(result.complete()).isTrue();
    }

    @Test
    void speaksTlsToTheTlsPort() throws Exception {
        try (ChatServer server = TestServer.start(dir)) {
            PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
            BenchResult result = new Bench(config(server.tlsPort(), 8, 4, 40, BenchProtocol.CHAT, true), quiet).run();

            assertEveryLineArrivedOnce(result, 8, 40);
            assertThat(result.json()).contains("\"protocol\":\"chat+tls\"");
        }
    }

    @Test
    void registersWithNickServOnTheIrcPortThenIdentifiesOnTheNextRun() throws Exception {
        try (ChatServer server = TestServer.start(dir)) {
            PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
            int port = server.ircPort().orElseThrow();
            BenchResult first = new Bench(config(port, 6, 3, 30, BenchProtocol.IRC, false), quiet).run();
            BenchResult again = new Bench(config(port, 6, 3, 30, BenchProtocol.IRC, false), quiet).run();

            assertEveryLineArrivedOnce(first, 6, 30);
            assertEveryLineArrivedOnce(again, 6, 30);
            assertThat(server.registeredUsers()).isEqualTo(6);
        }
    }

    @Test
    void speaksIrcOverTlsToTheIrcTlsPort() throws Exception {
        try (ChatServer server = TestServer.start(dir)) {
            PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
            BenchResult result = new Bench(config(server.ircTlsPort(), 6, 3, 30, BenchProtocol.IRC,
                    true), quiet).run();

            assertEveryLineArrivedOnce(result, 6, 30);
            assertThat(result.json()).contains("\"protocol\":\"irc+tls\"");
        }
    }

    @Test
    void everyLineReachesEveryOtherClientOnce() throws Exception {
        try (ChatServer server = TestServer.start(dir, b -> b.maxClientsPerAddress(3))) {
            ByteArrayOutputStream progress = new ByteArrayOutputStream();
            BenchResult result = new Bench(config(server.port(), 12, 4, 40),
                    new PrintStream(progress, true, StandardCharsets.UTF_8)).run();

            assertThat(result.signedIn()).isEqualTo(12);
            assertThat(result.linesSent()).isEqualTo(40);
            assertThat(result.expected()).isEqualTo(40 * 11);
            assertThat(result.received()).isEqualTo(result.expected());
            assertThat(result.duplicates()).isZero();
            assertThat(result.disconnected()).isZero();
            assertThat(result.complete()).isTrue();
            assertThat(result.maxMicros()).isGreaterThanOrEqualTo(result.p50Micros()).isPositive();
            assertThat(result.serverCpuSeconds()).isGreaterThanOrEqualTo(0);
            assertThat(progress.toString(StandardCharsets.UTF_8)).contains("12 of 12 signed in");
        }
    }

    @Test
    void signsInAgainWithTheSamePasswordOnASecondRun() throws Exception {
        try (ChatServer server = TestServer.start(dir)) {
            PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
            new Bench(config(server.port(), 4, 2, 20), quiet).run();
            BenchResult again = new Bench(config(server.port(), 4, 2, 20), quiet).run();

            assertThat(server.registeredUsers()).isEqualTo(4);
            assertThat(again.signedIn()).isEqualTo(4);
            assertThat(again.complete()).isTrue();
        }
    }

    @Test
    void reportsClientsThatCannotSignIn() throws Exception {
        try (ChatServer server = TestServer.start(dir, b -> b.maxClientsPerAddress(1))) {
            PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
            // three clients share each source address, and the server takes one per address
            BenchResult result = new Bench(config(server.port(), 6, 1, 20), quiet).run();

            assertThat(result.signedIn()).isEqualTo(2);
            assertThat(result.firstError()).contains("Too many connections from your address");
            assertThat(result.complete()).isFalse();
        }
    }
}
