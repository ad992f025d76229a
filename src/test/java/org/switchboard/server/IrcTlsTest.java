package org.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.switchboard.support.TestServer.PASSWORD;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLSocket;
import net.engio.mbassy.listener.Handler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.kitteh.irc.client.library.Client;
import org.kitteh.irc.client.library.event.channel.ChannelJoinEvent;
import org.kitteh.irc.client.library.event.channel.ChannelMessageEvent;
import org.kitteh.irc.client.library.feature.auth.SaslPlain;
import org.switchboard.log.LogEntry;
import org.switchboard.support.IrcClient;
import org.switchboard.support.LineClient;
import org.switchboard.support.RecordWatch;
import org.switchboard.support.ServerFixture;
import org.switchboard.support.TestServer;
import org.switchboard.support.TlsClients;

/** IRC over TLS ({@code --irc-tls-port}): the same IRC as the plain port, inside TLS, with the line port's certificate. */
class IrcTlsTest extends ServerFixture {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private final List<Client> clients = new CopyOnWriteArrayList<>();

    @AfterEach
    void shutdown() {
        clients.forEach(Client::shutdown);
    }

    /** What KittehIRCClientLib saw: "join bob", "message bob hi". */
    public static final class Seen {
        final List<String> events = new CopyOnWriteArrayList<>();

        @Handler
        public void joined(ChannelJoinEvent e) {
            events.add("join " + e.getActor().getNick());
        }

        @Handler
        public void message(ChannelMessageEvent e) {
            events.add("message " + e.getActor().getNick() + " " + e.getMessage());
        }

        void await(String event) {
            org.awaitility.Awaitility.await().atMost(WAIT).untilAsserted(() -> assertThat(events).contains(event));
        }
    }

    @Test
    void kittehOverTlsSignsInWithSaslAndChatsWithALineUser() throws Exception {
        server = TestServer.start(dir);
        registerOnLine("alice");
        Seen seen = new Seen();
        // SECURE, trusting the server's generated certificate and nothing else
        Client alice = Client.builder().nick("alice").user("kitteh").realName("Kitteh")
                .server().host("127.0.0.1").port(server.ircTlsPort(), Client.Builder.Server.SecurityType.SECURE)
                .secureTrustManagerFactory(TlsClients.trust(certificate()))
                .then().build();
        clients.add(alice);
        alice.getAuthManager().addProtocol(new SaslPlain(alice, "alice", PASSWORD));
        alice.getEventManager().registerEventListener(seen);
        alice.addChannel("#switchboard");
        alice.connect();
        seen.await("join alice");
        try (LineClient bob = new LineClient(server.port()).register("bob", PASSWORD)) {
            seen.await("join bob");
            bob.send("hi alice, encrypted?");
            seen.await("message bob hi alice, encrypted?");
            alice.sendMessage("#switchboard", "yes, over TLS");
            assertThat(bob.awaitContaining("alice:")).endsWith("alice: yes, over TLS");
        }
        assertThat(server.log().tail(100)).extracting(LogEntry::message).anyMatch(m -> m.startsWith("Sign-in ok: alice"));
    }

    @Test
    void aTls12IrcClientSignsInAndIsClosedWithCloseNotifyAtStop() throws Exception {
        server = TestServer.start(dir);
        registerOnLine("alice");
        RecordWatch watch = new RecordWatch();
        watch.connect(new InetSocketAddress("127.0.0.1", server.ircTlsPort()));
        SSLSocket socket = (SSLSocket) TlsClients.context(certificate()).getSocketFactory()
                .createSocket(watch, "127.0.0.1", server.ircTlsPort(), true);
        socket.setEnabledProtocols(new String[] {"TLSv1.2"});
        try (IrcClient alice = new IrcClient(socket).signIn("alice", PASSWORD)) {
            assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.2");
            server.stop();
            assertThat(alice.readToEnd()).contains("ERROR :Closing link: The server is shutting down. Goodbye.");
        }
        // the JDK reads a bare close as the end too: the last record says whether close_notify came
        assertThat(watch.lastRecordType()).isEqualTo(RecordWatch.ALERT_RECORD);
    }

    @Test
    void theStartLogsTheIrcTlsPortAndItIsARealOneWhenZeroWasAsked() {
        server = TestServer.start(dir);
        int port = server.ircTlsPort();
        assertThat(port).isPositive().isNotEqualTo(server.tlsPort()).isNotEqualTo(server.ircPort().orElseThrow());
        assertThat(server.log().tail(20)).extracting(LogEntry::message).contains("IRC over TLS on port " + port);
    }

    @Test
    void ircTlsPortOffHasNoSuchEndpointAndTheOthersServe() throws Exception {
        server = TestServer.start(dir, c -> c.ircTlsPort(ServerConfig.OFF));
        assertThat(server.ircTlsPort()).isEqualTo(ServerConfig.OFF);
        assertThat(server.log().tail(20)).extracting(LogEntry::message).noneMatch(m -> m.startsWith("IRC over TLS"));
        try (IrcClient plain = new IrcClient(server.ircPort().orElseThrow())) {
            // the plain IRC port's notice names no TLS port when IRC has none
            assertThat(plain.next()).endsWith(":This connection is not encrypted: anyone on the way can read your"
                    + " password.");
        }
        try (LineClient secure = TlsClients.connect(server.tlsPort(), certificate())) {
            assertThat(secure.next()).startsWith("Switchboard chat.");
        }
    }

    @Test
    void anIrcTlsPortInUseStopsTheStartNamingTheOption() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                ChatServer refused = new ChatServer(TestServer.config(dir).ircTlsPort(taken.getLocalPort()).build())) {
            assertThatThrownBy(refused::start).isInstanceOfSatisfying(EndpointBindException.class, e -> {
                assertThat(e.option()).isEqualTo("--irc-tls-port");
                assertThat(e.irc()).isTrue();
                assertThat(e.encrypted()).isTrue();
                assertThat(e.inUse()).isTrue();
            }).hasMessageStartingWith("--irc-tls-port " + taken.getLocalPort());
            assertThat(refused.state()).isEqualTo(ServerState.STOPPED);
        }
    }

    @Test
    void pauseClosesTheIrcTlsPortAndResumeOpensTheSameOneAgain() throws Exception {
        server = TestServer.start(dir);
        int port = server.ircTlsPort();
        server.pause();
        assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port).close())
                .isInstanceOf(ConnectException.class);
        server.resume();
        assertThat(server.ircTlsPort()).isEqualTo(port);
        try (IrcClient client = new IrcClient(TlsClients.socket(port, certificate(), "TLSv1.3"))) {
            client.send("PING hello");
            assertThat(client.awaitContaining("PONG")).endsWith(":hello");
        }
    }

    @Test
    void thePlainIrcPortsNoticeSaysItIsNotEncryptedAndNamesTheIrcTlsPort() {
        server = TestServer.start(dir);
        try (IrcClient plain = new IrcClient(server.ircPort().orElseThrow())) {
            // before the client has said anything, as servers greet with "*** Looking up your hostname"
            assertThat(plain.next()).isEqualTo(":switchboard NOTICE * :This connection is not encrypted: anyone on"
                    + " the way can read your password. Use TLS on port " + server.ircTlsPort() + ".");
        }
    }

    @Test
    void theIrcTlsPortGreetsWithNoSuchNotice() throws Exception {
        server = TestServer.start(dir);
        try (IrcClient secure = new IrcClient(TlsClients.socket(server.ircTlsPort(), certificate(), "TLSv1.3"))) {
            secure.send("PING first");
            assertThat(secure.next()).isEqualTo(":switchboard PONG switchboard :first");
        }
    }

    @Test
    void plaintextOnTheIrcTlsPortIsClosedWithinSecondsWithALogLine() throws Exception {
        server = TestServer.start(dir);
        try (IrcClient plain = new IrcClient(server.ircTlsPort())) {
            plain.send("NICK alice").send("USER u 0 * :Alice");
            long started = System.nanoTime();
            assertThat(plain.readToEnd()).isEmpty();
            // at once, not at the 60 s sign-in deadline (the bound leaves room for a loaded machine)
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        }
        TestServer.awaitLog(server, "closed: sent plaintext to the TLS port");
    }

    @Test
    void aTlsHelloOnThePlainIrcPortIsToldWhereTlsIsAndClosedWithALogLine() throws IOException {
        server = TestServer.start(dir);
        try (IrcClient plain = new IrcClient(server.ircPort().orElseThrow())) {
            plain.sendRaw(new byte[] {0x16, 0x03, 0x01, 0x00, 0x20, 0x01});
            long started = System.nanoTime();
            assertThat(plain.readToEnd()).contains(
                    "ERROR :Closing link: This port is not encrypted; TLS is on port " + server.ircTlsPort() + ".");
            // at once, not at the 60 s sign-in deadline (the bound leaves room for a loaded machine)
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        }
        TestServer.awaitLog(server, "closed: sent a TLS hello to the plain port");
    }

    private void registerOnLine(String name) {
        try (LineClient line = new LineClient(server.port()).register(name, PASSWORD)) {
            line.send("/quit");
            line.readToEnd();
        }
    }

    private X509Certificate certificate() throws Exception {
        return TlsClients.read(dir.resolve("tls/server.crt"));
    }

}
