package org.switchboard.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.switchboard.chat.MemberInfo;
import org.switchboard.server.ChatServer;
import org.switchboard.server.ServerConfig;
import org.switchboard.server.ServerState;
import org.switchboard.support.IrcClient;
import org.switchboard.support.LineClient;
import org.switchboard.support.ServerFixture;
import org.switchboard.support.TestServer;
import org.switchboard.support.TlsClients;

class OperatorTest extends ServerFixture {
    Operator operator;

    @BeforeEach
    void start() {
        server = TestServer.start(dir);
        operator = new Operator(server);
    }

    @Test
    void helpListsEveryCommandAndTheAssignmentsNames() {
        Reply reply = operator.execute("help");
        assertThat(reply.ok()).isTrue();
        assertThat(reply.text()).contains("status", "users", "pause", "resume", "logs", "clear-logs", "clear-users",
                "kick", "say", "stop", "TurnOffServer", "RemovePause", "DeleteLogs", "DeleteUsers");
    }

    @Test
    void helpNamesTheAliasesQuitExitAndWho() {
        assertThat(operator.execute("help").text()).contains("who works too", "quit and exit", "tell works too");
    }

    @Test
    void serveDoesNotOfferStartBecauseItsStopEndsTheProgram() {
        assertThat(operator.execute("help").text()).contains("start [PORT]");
        String serveHelp = Operator.forServe(server).execute("help").text();
        assertThat(serveHelp).doesNotContain("start").contains("close everything and exit");
    }

    @Test
    void statusSaysStateAndPortAndCounts() {
        Reply reply = operator.execute("status");
        assertThat(reply.lines().get(0)).startsWith("Server listening on port " + server.port() + " (line), "
                + server.tlsPort() + " (line+TLS), " + server.ircPort().orElseThrow() + " (IRC) and "
                + server.ircTlsPort() + " (IRC+TLS), TLS certificate " + server.tlsFingerprint() + ", chat mode, up ");
        assertThat(reply.lines().get(1)).startsWith("Users online 0 (peak 0)");
        assertThat(reply.lines().get(2)).isEqualTo("Last write round: none yet (nobody has been sent a room line)");
    }

    @Test
    void statusTellsHowLongTheLastWriteRoundThroughTheRoomTook() {
        try (LineClient alice = new LineClient(server.port()).register("alice", TestServer.PASSWORD);
             LineClient bob = new LineClient(server.port()).register("bob", TestServer.PASSWORD)) {
            alice.send("hello, bob");
            bob.awaitContaining("hello, bob");
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    operator.execute("status").lines().get(2).contains(" through 2 members "));
            assertThat(operator.execute("status").lines().get(2))
                    .matches("Last write round: \\d+\\.\\d+ ms through 2 members \\(a room line waits up to about one round to be sent\\)");
        }
    }

    @Test
    void statusOfAPausedServerNamesEveryClosedPort() {
        operator.execute("pause");
        assertThat(operator.execute("status").lines().get(0)).startsWith("Server paused: port " + server.port()
                + " (line), " + server.tlsPort() + " (line+TLS), " + server.ircPort().orElseThrow() + " (IRC) and "
                + server.ircTlsPort() + " (IRC+TLS) closed to new connections, TLS certificate "
                + server.tlsFingerprint() + ", chat mode");
    }

    @Test
    void usersSaysWhatEachUserConnectsWith() throws Exception {
        X509Certificate certificate = TlsClients.read(dir.resolve("tls/server.crt"));
        try (LineClient alice = new LineClient(server.port()).register("alice", TestServer.PASSWORD);
             LineClient bob = TlsClients.connect(server.tlsPort(), certificate).register("bob", TestServer.PASSWORD);
             IrcClient carol = new IrcClient(server.ircPort().orElseThrow())) {
            carol.send("NICK carol").send("USER u 0 * :x").send("PRIVMSG NickServ :REGISTER " + TestServer.PASSWORD);
            carol.awaitNumeric("366");
            assertThat(operator.execute("users").lines()).hasSize(4)
                    .anySatisfy(l -> assertThat(l).matches("  alice +line +127\\.0\\.0\\.1:\\d+ +for \\d+s"))
                    .anySatisfy(l -> assertThat(l).matches("  bob +line\\+TLS +127\\.0\\.0\\.1:\\d+ +for \\d+s"))
                    .anySatisfy(l -> assertThat(l).matches("  carol +IRC +127\\.0\\.0\\.1:\\d+ +for \\d+s"));
            assertThat(server.users()).extracting(MemberInfo::protocol).containsExactly("line", "line+TLS", "IRC");
        }
    }

    @Test
    void usersListsWhoIsSignedIn() {
        assertThat(operator.execute("users").text()).isEqualTo("Nobody is signed in.");
        try (LineClient alice = new LineClient(server.port()).register("alice", TestServer.PASSWORD)) {
            Reply reply = operator.execute("users");
            assertThat(reply.lines().get(0)).isEqualTo("1 signed in:");
            assertThat(reply.lines().get(1)).contains("alice", "127.0.0.1:");
        }
    }

    @ParameterizedTest
    @CsvSource({"pause,resume", "Pause,RemovePause", "PAUSE,removepause"})
    void pauseAndResumeByEitherName(String pause, String resume) throws Exception {
        assertThat(operator.execute(pause).ok()).isTrue();
        assertThat(server.state()).isEqualTo(ServerState.PAUSED);
        assertThatThrownBy(() -> connect(server.port())).isInstanceOf(ConnectException.class);
        assertThat(operator.execute(pause).ok()).isFalse();
        assertThat(operator.execute(resume).ok()).isTrue();
        assertThat(server.state()).isEqualTo(ServerState.LISTENING);
        connect(server.port());
        assertThat(operator.execute(resume).text()).isEqualTo("Cannot resume: the server is listening.");
    }

    @ParameterizedTest
    @CsvSource({"logs", "Logs"})
    void logsPrintsTheActivityLog(String command) {
        Reply reply = operator.execute(command);
        assertThat(reply.lines()).anySatisfy(l -> assertThat(l).matches(".*INFO  Listening on port \\d+"));
        assertThat(operator.execute(command + " 1").lines()).hasSize(1);
        assertThat(operator.execute("logs zero").ok()).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"clear-logs", "DeleteLogs"})
    void clearLogsEmptiesTheLogSoLogsSaysItIsEmpty(String command) throws Exception {
        assertThat(operator.execute(command).text()).isEqualTo("Logs cleared.");
        assertThat(operator.execute("logs").lines()).containsExactly("The activity log is empty.");
        assertThat(Files.size(dir.resolve("server.log"))).isZero();
    }

    @ParameterizedTest
    @CsvSource({"clear-users", "DeleteUsers"})
    void clearUsersEmptiesTheIdentityFile(String command) {
        new LineClient(server.port()).register("alice", TestServer.PASSWORD).close();
        await().atMost(Duration.ofSeconds(10)).until(() -> server.users().isEmpty());   // her name is free again
        assertThat(operator.execute(command).text()).startsWith("Identity file cleared: 1 user(s) removed.");
        assertThat(server.registeredUsers()).isZero();
        try (LineClient again = new LineClient(server.port())) {
            again.expectPrompt("Name: ");
            again.send("alice");
            assertThat(again.next()).contains("'alice' is a new name");
        }
    }

    @Test
    void kickDisconnectsWithTheReason() {
        try (LineClient alice = new LineClient(server.port()).register("alice", TestServer.PASSWORD)) {
            assertThat(operator.execute("kick alice be nice").text()).startsWith("Kicked alice (127.0.0.1:");
            assertThat(server.users()).isEmpty();
            assertThat(alice.readToEnd()).contains("! You were disconnected by the operator: be nice");
        }
        assertThat(operator.execute("kick alice").ok()).isFalse();
        assertThat(operator.execute("kick").text()).isEqualTo("Usage: kick NAME [REASON]");
    }

    @Test
    void sayAnnouncesToEveryone() {
        try (LineClient alice = new LineClient(server.port()).register("alice", TestServer.PASSWORD)) {
            assertThat(operator.execute("say hello all").text()).isEqualTo("Announced to 1 user(s).");
            assertThat(alice.awaitContaining("hello all")).endsWith("[server] hello all");
        }
        assertThat(operator.execute("say").ok()).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"stop", "TurnOffServer", "turnoffserver"})
    void stopClosesEverythingAndAsksToExit(String command) {
        try (LineClient alice = new LineClient(server.port()).register("alice", TestServer.PASSWORD)) {
            Reply reply = operator.execute(command);
            assertThat(reply.exit()).isTrue();
            assertThat(server.state()).isEqualTo(ServerState.STOPPED);
            assertThat(alice.readToEnd()).contains("* The server is shutting down. Goodbye.");
        }
    }

    @Test
    void startRestartsAStoppedServer() {
        assertThat(operator.execute("start").ok()).isFalse();
        operator.execute("stop");
        assertThat(operator.execute("start").text()).startsWith("Listening on port ");
        assertThat(server.state()).isEqualTo(ServerState.LISTENING);
    }

    @Test
    void anUnknownCommandNamesHelp() {
        Reply reply = operator.execute("dance now");
        assertThat(reply.ok()).isFalse();
        assertThat(reply.text()).isEqualTo("Unknown command 'dance'. Type 'help' for the list.");
    }

    @Test
    void commandsOnANeverStartedServerAnswerInsteadOfFailing(@TempDir Path other) {
        ChatServer idle = new ChatServer(TestServer.config(other).build());
        Operator idleOperator = new Operator(idle);
        assertThat(idleOperator.execute("kick alice").text()).isEqualTo("Nobody called 'alice' is signed in.");
        assertThat(idleOperator.execute("users").text()).isEqualTo("Nobody is signed in.");
        assertThat(idleOperator.execute("pause").ok()).isFalse();
        assertThat(idleOperator.execute("say hi").ok()).isFalse();
        assertThat(idleOperator.execute("status").lines().get(0)).startsWith("Server stopped");
        idle.close();
    }

    @Test
    void limitsShowsTheLimitsInForce() {
        assertThat(operator.execute("limits").text()).startsWith("Limits: line 4096 bytes, sign-in 60 s, ")
                .contains(" per address, ");
    }

    @Test
    void newLimitsAreTakenOnlyWhenStoppedAndApplyFromTheNextStart() {
        ServerConfig tighter = server.config().toBuilder().maxLineBytes(64).build();
        assertThat(operator.reconfigure(tighter).text()).isEqualTo("Stop the server before changing its limits.");
        operator.execute("stop");
        assertThat(operator.reconfigure(tighter).ok()).isTrue();
        assertThat(operator.execute("limits").text()).startsWith("Limits: line 64 bytes");
        assertThat(operator.execute("start").ok()).isTrue();
        try (LineClient alice = new LineClient(server.port()).register("alice", TestServer.PASSWORD)) {
            alice.send("x".repeat(100));
            assertThat(alice.awaitContaining("!")).isEqualTo("! Line too long (the limit is 64 bytes); it was not sent.");
        }
        assertThat(server.log().tail(100)).anySatisfy(e -> assertThat(e.message()).startsWith("Limits changed: line 64 bytes"));
    }

    @Test
    void filesAndModeCannotBeChangedByNewLimits(@TempDir Path other) {
        operator.execute("stop");
        ServerConfig moved = server.config().toBuilder().usersFile(other.resolve("users.txt")).build();
        assertThat(operator.reconfigure(moved).text()).startsWith("Cannot change the limits: files, mode");
        assertThat(server.config().usersFile()).isEqualTo(dir.resolve("users.txt"));
    }

    @Test
    void theIrcChannelAndThePortsCannotBeChangedByNewLimits() {
        server.stop();
        ServerConfig renamed = server.config().toBuilder().ircChannel("#elsewhere").build();
        assertThat(operator.reconfigure(renamed).text()).startsWith("Cannot change the limits: ")
                .contains("IRC channel", "fixed");
        ServerConfig moved = server.config().toBuilder().ircPort(6697).build();
        assertThat(operator.reconfigure(moved).ok()).isFalse();
        assertThat(server.config().ircChannel()).isEqualTo(ServerConfig.DEFAULT_IRC_CHANNEL);
    }

    @Test
    void anEmptyLineDoesNothing() {
        assertThat(operator.execute("   ").lines()).isEmpty();
    }

    private static void connect(int port) throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
        }
    }
}
