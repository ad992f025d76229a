package org.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.switchboard.support.TestServer.PASSWORD;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.Test;
import org.switchboard.control.Operator;
import org.switchboard.log.LogEntry;
import org.switchboard.support.IrcClient;
import org.switchboard.support.LineClient;
import org.switchboard.support.ServerFixture;
import org.switchboard.support.TestServer;
import org.switchboard.support.TlsClients;

/** {@code --plain off}: the TLS ports only, the line protocol's and IRC's. */
class TlsOnlyTest extends ServerFixture {
    @Test
    void plainOffBindsNeitherPlainPortAndServesBothProtocolsOverTls() throws Exception {
        int plainPort = freePort();
        int ircPort = freePort();
        server = TestServer.start(dir, c -> c.plain(false).port(plainPort).ircPort(ircPort));
        assertRefused(plainPort);
        assertRefused(ircPort);
        assertThat(server.ircPort()).isEmpty();
        assertThat(server.log().tail(20)).extracting(LogEntry::message)
                .contains("Listening on port " + server.tlsPort() + " (TLS)", "IRC over TLS on port " + server.ircTlsPort())
                .noneMatch(m -> m.startsWith("IRC on port"));
        try (LineClient alice = TlsClients.connect(server.tlsPort(), certificate()).register("alice", PASSWORD);
                IrcClient bob = new IrcClient(TlsClients.socket(server.ircTlsPort(), certificate(), "TLSv1.3"))) {
            registerOverTls("bob");
            bob.signIn("bob", PASSWORD);
            alice.send("only encrypted lines here");
            assertThat(bob.awaitContaining("PRIVMSG #switchboard")).endsWith(":only encrypted lines here");
        }
    }

    @Test
    void statusSaysTheServerListensOnTlsOnly() {
        server = TestServer.start(dir, c -> c.plain(false));
        String status = Operator.forServe(server).execute("status").lines().getFirst();
        assertThat(status).startsWith("Server listening on port " + server.tlsPort() + " (line+TLS) and "
                + server.ircTlsPort() + " (IRC+TLS), TLS only (--plain off), TLS certificate " + server.tlsFingerprint()
                + ", chat mode, up ").doesNotContain("(line)").doesNotContain("(IRC)");
        server.pause();
        assertThat(Operator.forServe(server).execute("status").lines().getFirst()).startsWith("Server paused: port "
                + server.tlsPort() + " (line+TLS) and " + server.ircTlsPort() + " (IRC+TLS) closed to new connections,"
                + " TLS only (--plain off), TLS certificate " + server.tlsFingerprint() + ", chat mode");
    }

    @Test
    void aTlsLineClientIsGreetedWithoutTheNotEncryptedNotice() throws Exception {
        server = TestServer.start(dir, c -> c.plain(false));
        try (LineClient alice = TlsClients.connect(server.tlsPort(), certificate())) {
            assertThat(alice.next()).startsWith("Switchboard chat.");
            alice.expectPrompt("Name: ");
        }
    }

    @Test
    void withIrcOverTlsOffTheLineProtocolsTlsPortIsTheOnlyOne() throws Exception {
        server = TestServer.start(dir, c -> c.plain(false).ircTlsPort(ServerConfig.OFF));
        assertThat(server.ircTlsPort()).isEqualTo(ServerConfig.OFF);
        assertThat(server.port()).isEqualTo(server.tlsPort());
        assertThat(Operator.forServe(server).execute("tls").text()).isEqualTo("TLS on port " + server.tlsPort()
                + ", certificate " + server.tlsFingerprint() + "\nCertificate from "
                + server.config().tls().describe());
    }

    @Test
    void echoModeOverTlsOnly() throws Exception {
        server = TestServer.start(dir, c -> c.plain(false).mode(ServerMode.ECHO));
        try (LineClient echo = TlsClients.connect(server.tlsPort(), certificate())) {
            echo.send("ping over TLS");
            assertThat(echo.next()).isEqualTo("ping over TLS");
        }
    }

    private void registerOverTls(String name) throws Exception {
        try (LineClient line = TlsClients.connect(server.tlsPort(), certificate()).register(name, PASSWORD)) {
            line.send("/quit");
            line.readToEnd();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    private static void assertRefused(int port) {
        assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port).close())
                .isInstanceOf(ConnectException.class);
    }

    private X509Certificate certificate() throws Exception {
        return TlsClients.read(dir.resolve("tls/server.crt"));
    }
}
