package org.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.switchboard.support.TestServer.PASSWORD;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.switchboard.log.LogEntry;
import org.switchboard.protocol.Protocol;
import org.switchboard.support.LineClient;
import org.switchboard.support.RecordWatch;
import org.switchboard.support.TlsClients;
import org.switchboard.support.TestServer;

/** The line protocol over TLS: real JDK SSLSocket clients that trust the server's self-signed certificate. */
class TlsTest {
    @TempDir
    Path dir;

    private ChatServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void tlsAndPlainClientsChatInOneRoom() throws Exception {
        server = TestServer.start(dir);
        try (LineClient secure = tlsClient("TLSv1.3").register("alice", PASSWORD);
                LineClient plain = new LineClient(server.port()).register("bob", PASSWORD)) {
            secure.send("hello over TLS");
            plain.awaitContaining("hello over TLS");
            plain.send("hello in clear");
            secure.awaitContaining("hello in clear");
            assertThat(((SSLSocket) secure.socket()).getSession().getProtocol()).isEqualTo("TLSv1.3");
        }
    }

    @Test
    void aTls12ClientIsServedToo() throws Exception {
        server = TestServer.start(dir);
        try (LineClient secure = tlsClient("TLSv1.2").register("alice", PASSWORD)) {
            secure.send("/who");
            secure.awaitContaining("alice");
            assertThat(((SSLSocket) secure.socket()).getSession().getProtocol()).isEqualTo("TLSv1.2");
        }
    }

    @Test
    void aHandshakeTheServerCannotAgreeToIsClosedWithALogLine() throws Exception {
        server = TestServer.start(dir);
        SSLSocket socket = (SSLSocket) TlsClients.context(certificate()).getSocketFactory().createSocket();
        socket.connect(new InetSocketAddress("127.0.0.1", server.tlsPort()), 5_000);
        try (socket) {
            // only a cipher suite for RSA certificates: the server's is an EC one
            socket.setEnabledProtocols(new String[] {"TLSv1.2"});
            socket.setEnabledCipherSuites(new String[] {"TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"});
            assertThatThrownBy(socket::startHandshake).isInstanceOf(javax.net.ssl.SSLException.class);
        }
        TestServer.awaitLog(server, "closed: TLS handshake failed");
    }

    @Test
    void theSelfSignedCertificateIsMadeOnceWithAnOwnerOnlyKey() throws Exception {
        server = TestServer.start(dir);
        String first = server.tlsFingerprint();
        assertThat(first).startsWith("SHA256:").hasSize("SHA256:".length() + 32 * 3 - 1);
        assertThat(Files.getPosixFilePermissions(dir.resolve("tls/server.key")))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        X509Certificate certificate = certificate();
        assertThat(certificate.getPublicKey().getAlgorithm()).isEqualTo("EC");
        assertThat(certificate.getSubjectAlternativeNames()).extracting(n -> (Object) n.get(1))
                .contains((Object) "localhost", (Object) "127.0.0.1");
        assertThat(server.log().tail(50)).extracting(LogEntry::message).anyMatch(m -> m.contains(first));
        server.close();
        server = TestServer.start(dir);
        assertThat(server.tlsFingerprint()).isEqualTo(first);
    }

    @Test
    void thePlainPortsBannerSaysItIsNotEncryptedAndNamesTheTlsPort() {
        server = TestServer.start(dir);
        try (LineClient plain = new LineClient(server.port())) {
            plain.next();
            assertThat(plain.next()).contains("not encrypted", "TLS on port " + server.tlsPort());
        }
    }

    @Test
    void plaintextOnTheTlsPortIsClosedWithALogLine() {
        server = TestServer.start(dir);
        try (LineClient plain = new LineClient(server.tlsPort())) {
            plain.send("alice");
            assertThat(plain.readToEnd()).isEmpty();
        }
        TestServer.awaitLog(server, "closed: sent plaintext to the TLS port");
    }

    @Test
    void aTlsHelloOnThePlainPortGetsAPlainHintAndIsClosed() throws Exception {
        server = TestServer.start(dir);
        try (LineClient plain = new LineClient(server.port())) {
            plain.sendRaw(new byte[] {0x16, 0x03, 0x01, 0x00, 0x20, 0x01});
            assertThat(plain.readToEnd()).anyMatch(line -> line.endsWith(Protocol.ERROR_PREFIX
                    + "This port is not encrypted; TLS is on port " + server.tlsPort() + "."));
        }
        TestServer.awaitLog(server, "closed: sent a TLS hello to the plain port");
    }

    @Test
    void aTruncatedHandshakeIsClosedWithALogLine() throws Exception {
        server = TestServer.start(dir);
        try (Socket socket = new Socket("127.0.0.1", server.tlsPort())) {
            socket.getOutputStream().write(new byte[] {0x16, 0x03, 0x01, 0x01, 0x00, 0x01, 0x00});
            socket.shutdownOutput();
            socket.setSoTimeout(10_000);
            assertThat(socket.getInputStream().read()).isEqualTo(-1);
        }
        TestServer.awaitLog(server, "closed: closed in the middle of the TLS handshake");
    }

    @Test
    void aStalledHandshakeEndsAtTheSignInDeadline() throws Exception {
        server = TestServer.start(dir, c -> c.signInTimeout(Duration.ofSeconds(1)));
        try (Socket socket = new Socket("127.0.0.1", server.tlsPort())) {
            socket.getOutputStream().write(new byte[] {0x16, 0x03, 0x01, 0x01, 0x00});
            socket.setSoTimeout(10_000);
            long started = System.nanoTime();
            InputStream in = socket.getInputStream();
            while (in.read() >= 0) {
                // whatever the server says (nothing readable without TLS) until it closes
            }
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(8));
        }
        TestServer.awaitLog(server, "Sign-in timed out");
        await().atMost(Duration.ofSeconds(5)).until(() -> server.connections().isEmpty());
    }

    @Test
    void stopSendsCloseNotify() throws Exception {
        server = TestServer.start(dir);
        // TLS 1.2, whose record headers say in clear which record is an alert (1.3 hides it)
        RecordWatch watch = new RecordWatch();
        watch.connect(new InetSocketAddress("127.0.0.1", server.tlsPort()));
        SSLSocket socket = (SSLSocket) TlsClients.context(certificate()).getSocketFactory()
                .createSocket(watch, "127.0.0.1", server.tlsPort(), true);
        socket.setEnabledProtocols(new String[] {"TLSv1.2"});
        try (LineClient secure = new LineClient(socket).register("alice", PASSWORD)) {
            server.stop();
            assertThat(secure.readToEnd()).anyMatch(line -> line.contains("shutting down"));
        }
        assertThat(watch.lastRecordType()).isEqualTo(RecordWatch.ALERT_RECORD);
    }

    @Test
    void aTlsPortInUseStopsTheStartNamingTheOption() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
                ChatServer refused = new ChatServer(TestServer.config(dir).tlsPort(taken.getLocalPort()).build())) {
            assertThatThrownBy(refused::start).isInstanceOf(EndpointBindException.class)
                    .hasMessageStartingWith("--tls-port " + taken.getLocalPort());
            assertThat(refused.state()).isEqualTo(ServerState.STOPPED);
        }
    }

    @Test
    void tlsOffListensOnThePlainPortsOnly() {
        server = TestServer.start(dir, c -> c.tlsPort(ServerConfig.OFF).ircTlsPort(ServerConfig.OFF));
        assertThat(server.tlsPort()).isEqualTo(ServerConfig.OFF);
        assertThat(server.ircTlsPort()).isEqualTo(ServerConfig.OFF);
        assertThat(server.tlsFingerprint()).isNull();
        assertThat(Files.exists(dir.resolve("tls"))).isFalse();
        try (LineClient plain = new LineClient(server.port())) {
            plain.next();
            assertThat(plain.next()).contains("not encrypted").doesNotContain("TLS on port");
        }
    }

    private X509Certificate certificate() throws Exception {
        return TlsClients.read(dir.resolve("tls/server.crt"));
    }

    private LineClient tlsClient(String protocol) throws Exception {
        return TlsClients.connect(server.tlsPort(), certificate(), protocol);
    }

}
