package org.switchboard.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.switchboard.log.LogLevel;
import org.switchboard.server.ChatServer;
import org.switchboard.server.ServerConfig;
import org.switchboard.server.ServerEvent;
import org.switchboard.server.ServerState;
import org.switchboard.server.TlsFiles;
import org.switchboard.support.LineClient;
import org.switchboard.support.ServerFixture;
import org.switchboard.support.TestServer;

/** The operator commands the control panel leans on: private lines, another port, cleared logs. */
class PanelCommandsTest extends ServerFixture {
    static final String PASSWORD = TestServer.PASSWORD;

    @Test
    void msgReachesOnlyTheNamedUserAsAPrivateLineFromTheServer() {
        server = TestServer.start(dir);
        Operator operator = new Operator(server);
        try (LineClient alice = new LineClient(server.port()).register("alice", PASSWORD);
             LineClient bob = new LineClient(server.port()).register("bob", PASSWORD)) {
            alice.awaitContaining("* bob joined");
            Reply reply = operator.execute("msg Alice please read the rules");
            assertThat(reply.ok()).isTrue();
            assertThat(alice.awaitContaining("(private)"))
                    .matches("\\[\\d\\d:\\d\\d] server \\(private\\): please read the rules");
            operator.execute("say marker");
            assertThat(bob.awaitContaining("[server]")).endsWith("marker");
        }
        assertThat(server.recentHistory(10)).extracting(line -> line.text()).doesNotContain("please read the rules");
        assertThat(server.log().tail(20)).extracting(e -> e.message())
                .contains("Private message to alice: please read the rules");
    }

    @Test
    void msgToSomeoneOfflineOrWithoutTextFailsPlainly() {
        server = TestServer.start(dir);
        Operator operator = new Operator(server);
        assertThat(operator.execute("msg nobody hello").text()).isEqualTo("Nobody called 'nobody' is signed in.");
        assertThat(operator.execute("msg alice").text()).isEqualTo("Usage: msg NAME TEXT");
        assertThat(operator.execute("msg alice").ok()).isFalse();
    }

    @Test
    void aServerWhosePortIsTakenStaysStoppedAndStartsOnAFreePortWhenAsked() throws IOException {
        try (ServerSocket taken = squatter()) {
            Operator operator = stoppedServer(TestServer.config(dir).port(taken.getLocalPort()));

            Reply first = operator.start();
            assertThat(first.ok()).isFalse();
            assertThat(first.text()).startsWith("Cannot listen on port " + taken.getLocalPort());
            assertThat(server.state()).isEqualTo(ServerState.STOPPED);

            Reply second = operator.execute("start 0");
            assertThat(second.ok()).isTrue();
            assertThat(server.state()).isEqualTo(ServerState.LISTENING);
            assertThat(server.port()).isNotIn(0, taken.getLocalPort());
            try (LineClient client = new LineClient(server.port())) {
                client.register("dora", PASSWORD);
            }
        }
    }

    @Test
    void aFreePortAfterATakenOneIsTheFirstFreeOneAfterIt() throws IOException {
        try (ServerSocket taken = squatter()) {
            int wanted = taken.getLocalPort();
            Operator operator = stoppedServer(TestServer.config(dir).port(wanted));
            assertThat(operator.start().ok()).isFalse();

            Reply reply = operator.startOnFreePortAfter(wanted);
            assertThat(reply.ok()).isTrue();
            assertThat(server.port()).isGreaterThan(wanted).isLessThanOrEqualTo(wanted + Operator.FREE_PORT_SEARCH);
            assertThat(reply.text()).isEqualTo("Listening on port " + server.port() + " (" + wanted + " is taken).");
            try (LineClient client = new LineClient(server.port())) {
                client.register("ezra", PASSWORD);
            }
        }
    }

    @Test
    void whenNoPortNearTheTakenOneIsFreeAnyFreePortIsTaken() throws IOException {
        try (ServerSocket taken = squatter(); ServerSocket next = new ServerSocket()) {
            int wanted = taken.getLocalPort();
            try {
                next.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), wanted + 1));
            } catch (IOException alreadyTaken) {
                // someone else holds it: taken all the same
            }
            Operator operator = stoppedServer(TestServer.config(dir).port(wanted));

            Reply reply = operator.startOnFreePortAfter(wanted, 1);
            assertThat(reply.ok()).isTrue();
            assertThat(server.state()).isEqualTo(ServerState.LISTENING);
            assertThat(server.port()).isNotIn(0, wanted, wanted + 1);
            try (LineClient client = new LineClient(server.port())) {
                client.register("fern", PASSWORD);
            }
        }
    }

    @Test
    void anotherListenersTakenPortIsNamedWithItsOptionAndNoOtherFirstPortIsTried() throws IOException {
        try (ServerSocket taken = squatter()) {
            int ircPort = taken.getLocalPort();
            Operator operator = stoppedServer(TestServer.config(dir).ircPort(ircPort));

            Reply first = operator.start();
            assertThat(first.ok()).isFalse();
            assertThat(first.problem()).isEqualTo(Reply.Problem.OTHER_PORT);
            assertThat(first.text()).startsWith("Cannot listen on port " + ircPort + " (--irc-port): ")
                    .endsWith("start Switchboard again with --irc-port set to another port, 0 for any free one, or off.");

            // moving the line port would not mend the IRC port: one try, not a hundred
            long errorsBefore = errorCount();
            Reply search = operator.startOnFreePortAfter(40_000);
            assertThat(search.problem()).isEqualTo(Reply.Problem.OTHER_PORT);
            assertThat(search.text()).isEqualTo(first.text());
            assertThat(errorCount() - errorsBefore).isEqualTo(1);
            assertThat(server.state()).isEqualTo(ServerState.STOPPED);

            taken.close();
            assertThat(operator.start().ok()).isTrue();
            assertThat(server.ircPort()).hasValue(ircPort);
        }
    }

    @Test
    void anUnusableCertificateIsNotOfferedAnotherPort() throws IOException {
        Path cert = Files.writeString(dir.resolve("cert.pem"), "hello\n");
        Operator operator = stoppedServer(TestServer.config(dir).tls(new TlsFiles(cert, cert, null, null, dir)));

        Reply reply = operator.start();
        assertThat(reply.ok()).isFalse();
        assertThat(reply.problem()).isEqualTo(Reply.Problem.DATA);
        assertThat(reply.text()).startsWith("The TLS certificate cannot be used, so the server did not start: ")
                .contains("cert.pem");
        assertThat(operator.startOnFreePortAfter(40_000).problem()).isEqualTo(Reply.Problem.DATA);
        assertThat(server.state()).isEqualTo(ServerState.STOPPED);
    }

    /** A port another program holds: a socket listening on the loopback address. */
    private static ServerSocket squatter() throws IOException {
        return new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    }

    /** The operator of a new server with these settings, not started. */
    private Operator stoppedServer(ServerConfig.Builder config) {
        server = new ChatServer(config.build());
        return new Operator(server);
    }

    private long errorCount() {
        return server.log().tail(1_000).stream().filter(e -> e.level() == LogLevel.ERROR).count();
    }

    @Test
    void theCommandATypedLineRunsHasItsAliasesResolved() {
        assertThat(List.of("quit", " EXIT now", "TurnOffServer", "stop")).extracting(Operator::commandName)
                .containsOnly("stop");
        assertThat(Operator.commandName("tell alice hi")).isEqualTo("msg");
        assertThat(Operator.commandName("Status")).isEqualTo("status");
        assertThat(Operator.commandName("   ")).isEmpty();
    }

    @Test
    void startWithABadPortSaysWhatAPortIs() {
        Operator operator = stoppedServer(TestServer.config(dir));
        assertThat(operator.execute("start 70000").text())
                .isEqualTo("A port is a number from 0 to 65535 (0 takes a free one).");
        assertThat(operator.execute("start five").text()).startsWith("Usage: start [PORT]");
        assertThat(server.state()).isEqualTo(ServerState.STOPPED);
    }

    @Test
    void clearingTheLogsTellsTheListeners() {
        server = TestServer.start(dir);
        List<ServerEvent> events = new CopyOnWriteArrayList<>();
        server.addListener(events::add);
        new Operator(server).execute("clear-logs");
        assertThat(events).contains(new ServerEvent.LogsCleared());
    }

    @Test
    void kickWithAReasonTellsTheUserWhy() {
        server = TestServer.start(dir);
        try (LineClient erin = new LineClient(server.port()).register("erin", PASSWORD)) {
            Reply reply = new Operator(server).kick("erin", "  flooding ");
            assertThat(reply.ok()).isTrue();
            assertThat(erin.readToEnd()).contains("! You were disconnected by the operator: flooding");
        }
    }
}
