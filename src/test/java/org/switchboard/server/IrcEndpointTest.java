package org.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.switchboard.control.Operator;
import org.switchboard.support.IrcClient;
import org.switchboard.support.ServerFixture;
import org.switchboard.support.TestServer;

/** The IRC endpoint beside the line protocol's: its port, pause and resume, stop, the shared caps. */
class IrcEndpointTest extends ServerFixture {
    @Test
    void pauseClosesTheIrcPortAndResumeOpensTheSamePortAgain() throws IOException {
        server = TestServer.start(dir);
        int irc = server.ircPort().orElseThrow();
        assertThat(irc).isPositive().isNotEqualTo(server.port());
        server.pause();
        assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), irc).close())
                .isInstanceOf(ConnectException.class);
        server.resume();
        assertThat(server.ircPort().orElseThrow()).isEqualTo(irc);
        try (IrcClient client = new IrcClient(irc)) {
            client.send("PING :back");
            assertThat(client.awaitContaining("PONG")).endsWith(":back");
        }
    }

    @Test
    void statusNamesTheIrcPort() {
        server = TestServer.start(dir);
        assertThat(String.join("\n", Operator.forServe(server).status().lines()))
                .contains(", " + server.ircPort().orElseThrow() + " (IRC) and " + server.ircTlsPort() + " (IRC+TLS)");
    }

    @Test
    void ircPortOffHasNoIrcEndpoint() {
        server = TestServer.start(dir, c -> c.ircPort(ServerConfig.IRC_OFF));
        assertThat(server.ircPort()).isEmpty();
    }

    @Test
    void anIrcPortInUseNamesTheIrcEndpointAndBindsNothing() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            ChatServer refused = new ChatServer(TestServer.config(dir).ircPort(taken.getLocalPort()).build());
            server = refused;
            assertThatThrownBy(refused::start).isInstanceOfSatisfying(EndpointBindException.class, e -> {
                assertThat(e.irc()).isTrue();
                assertThat(e.inUse()).isTrue();
                assertThat(e.port()).isEqualTo(taken.getLocalPort());
            });
            assertThat(refused.state()).isEqualTo(ServerState.STOPPED);
        }
    }

    @Test
    void aFailedStartLeavesNoThreadsAndAsksForTheSamePortsAgain() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            ChatServer refused = new ChatServer(TestServer.config(dir).ircPort(taken.getLocalPort()).build());
            server = refused;
            Set<Thread> before = Thread.getAllStackTraces().keySet();
            assertThatThrownBy(refused::start).isInstanceOf(EndpointBindException.class);
            // the line port, bound before the IRC port failed, asks for any free port again, not the one it had
            assertThat(refused.port()).isZero();
            // the poller and the writer lanes the start made are gone again
            await().atMost(Duration.ofSeconds(10)).until(() -> Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.isAlive() && !before.contains(t))
                    .noneMatch(t -> t.getName().equals("switchboard-read-poller")
                            || t.getName().startsWith("switchboard-writer")));
        }
    }

    @Test
    void stopSendsIrcClientsError() {
        server = TestServer.start(dir);
        try (IrcClient client = new IrcClient(server.ircPort().orElseThrow())) {
            client.send("PING :x");
            client.awaitContaining("PONG");
            server.stop();
            assertThat(client.readToEnd()).last().asString().startsWith("ERROR :Closing link: ")
                    .contains("shutting down");
        }
    }

    @Test
    void thePerAddressCapCountsIrcConnections() {
        server = TestServer.start(dir, c -> c.maxClientsPerAddress(1));
        try (IrcClient first = new IrcClient(server.ircPort().orElseThrow());
             IrcClient second = new IrcClient(server.ircPort().orElseThrow())) {
            first.send("PING :x");
            first.awaitContaining("PONG");
            assertThat(second.readToEnd()).containsExactly("ERROR :Closing link: Too many connections from your address.");
        }
    }

    @Test
    void anIrcClientThatFloodsIsWarnedInANoticeThenClosedWithError() {
        server = TestServer.start(dir, c -> c.flood(new FloodLimits(2, 1, 2, 4)));
        try (IrcClient client = new IrcClient(server.ircPort().orElseThrow())) {
            for (int i = 0; i < 10; i++) {
                client.send("PING :" + i);
            }
            java.util.List<String> lines = client.readToEnd();
            assertThat(lines).anyMatch(l -> l.startsWith(":switchboard NOTICE * :You are sending too fast"));
            assertThat(lines).last().asString().isEqualTo("ERROR :Closing link: Excess flood: too many lines too fast. Goodbye.");
        }
    }
}
