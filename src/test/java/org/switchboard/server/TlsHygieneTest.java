package org.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.switchboard.support.TestServer.PASSWORD;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.switchboard.log.LogEntry;
import org.switchboard.support.IrcClient;
import org.switchboard.support.LineClient;
import org.switchboard.support.ServerFixture;
import org.switchboard.support.TestServer;
import org.switchboard.support.TlsClients;

/** What TLS clients may not do to the server: renegotiate, or hold handshakes open in numbers. */
class TlsHygieneTest extends ServerFixture {
    private final List<Socket> storm = new ArrayList<>();

    @AfterEach
    void closeStorm() throws IOException {
        for (Socket socket : storm) {
            socket.close();
        }
    }

    @Test
    void aTls12RenegotiationAfterSignInClosesThatConnectionAndTheServerServesOthers() throws Exception {
        server = TestServer.start(dir);
        SSLSocket socket = TlsClients.socket(server.tlsPort(), certificate(), "TLSv1.2");
        try (LineClient alice = new LineClient(socket).register("alice", PASSWORD);
                LineClient bob = TlsClients.connect(server.tlsPort(), certificate(), "TLSv1.2").register("bob", PASSWORD)) {
            // the JDK client renegotiates a TLS 1.2 session when asked to handshake again: it sends a new
            // ClientHello and returns; the server's answer comes with the next read. The server closes the
            // connection (no alert), which the client sees at once as the end of its new handshake; a
            // server that renegotiated would answer, and the read would wait for a line (and time out).
            socket.startHandshake();
            assertThatThrownBy(() -> {
                InputStream in = socket.getInputStream();
                while (in.read() >= 0) {
                    // whatever was on its way, until the end
                }
            }).isInstanceOf(SSLHandshakeException.class).hasMessage("Remote host terminated the handshake");
            TestServer.awaitLog(server, "Client alice 127.0.0.1:" + socket.getLocalPort() + " closed: asked to renegotiate TLS; refused");
            assertThat(server.log().tail(100)).extracting(LogEntry::message)
                    .noneMatch(m -> m.contains("unexpected error"));
            // the room goes on without alice, and others keep coming in
            assertThat(bob.awaitContaining("* alice ")).isEqualTo("* alice left");
            try (LineClient carol = TlsClients.connect(server.tlsPort(), certificate(), "TLSv1.2")
                    .register("carol", PASSWORD)) {
                carol.send("still here?");
                assertThat(bob.awaitContaining("carol:")).endsWith("carol: still here?");
            }
        }
    }

    @Test
    void aHandshakeStormDoesNotHoldUpChatAndEveryStalledSocketIsClosedAtTheSignInDeadline() throws Exception {
        Duration deadline = Duration.ofSeconds(5);
        server = TestServer.start(dir, c -> c.signInTimeout(deadline));
        register("alice");
        register("bob");
        try (LineClient alice = TlsClients.connect(server.tlsPort(), certificate()).signIn("alice", PASSWORD);
                IrcClient bob = new IrcClient(TlsClients.socket(server.ircTlsPort(), certificate(), "TLSv1.3"))) {
            bob.signIn("bob", PASSWORD);
            byte[] hello = clientHello(certificate());
            long stormStarted = System.nanoTime();
            // 200 sockets on both TLS ports: half send half a ClientHello and stall, half trickle it a byte at a time
            for (int i = 0; i < 200; i++) {
                Socket socket = new Socket(InetAddress.getLoopbackAddress(), i % 2 == 0 ? server.tlsPort()
                        : server.ircTlsPort());
                socket.setSoTimeout(20_000);
                storm.add(socket);
                if (i % 4 < 2) {
                    socket.getOutputStream().write(Arrays.copyOf(hello, hello.length / 2));
                }
            }
            Thread trickle = Thread.ofPlatform().daemon().start(() -> trickle(hello));
            try {
                await().atMost(Duration.ofSeconds(10)).until(() -> server.connections().size() >= 202);
                for (int i = 0; i < 5; i++) {
                    alice.send("line " + i + " through the storm");
                    assertThat(bob.awaitContaining("through the storm")).endsWith(":line " + i + " through the storm");
                    // a chat held up by the storm would get through only once its sockets were cut off
                    assertThat(server.connections()).as("the storm still stands after line " + i).hasSizeGreaterThanOrEqualTo(202);
                }
                // every storm socket ends: at the deadline, plus the grace a closing connection gets to say goodbye
                for (Socket socket : storm) {
                    assertThat(readToEnd(socket)).as("socket from port " + socket.getLocalPort()).isTrue();
                }
                Duration stormLasted = Duration.ofNanos(System.nanoTime() - stormStarted);
                assertThat(stormLasted).isGreaterThanOrEqualTo(deadline)
                        .isLessThan(deadline.plusMillis(Connection.GRACE_MILLIS).plusSeconds(6));   // slack for a loaded machine
            } finally {
                trickle.interrupt();
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> server.connections().size() == 2);
            assertThat(server.log().tail(1_000)).extracting(LogEntry::message)
                    .filteredOn(m -> m.contains("Sign-in timed out")).hasSize(200);
            alice.send("after the storm");
            assertThat(bob.awaitContaining("after the storm")).endsWith(":after the storm");
        }
    }

    /** The storm's trickling half: the next byte of the ClientHello every 100 ms, until the socket is closed. */
    private void trickle(byte[] hello) {
        try {
            for (int at = 0; at < hello.length && !Thread.currentThread().isInterrupted(); at++) {
                for (int i = 0; i < storm.size(); i++) {
                    if (i % 4 >= 2) {
                        try {
                            storm.get(i).getOutputStream().write(hello[at]);
                        } catch (IOException e) {
                            // closed by the server: that is the point
                        }
                    }
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether the server closed the socket (its end, or a reset), rather than the read timing out. */
    private static boolean readToEnd(Socket socket) {
        try {
            InputStream in = socket.getInputStream();
            while (in.read() >= 0) {
                // the server says nothing readable to a client that never finished its handshake
            }
            return true;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset
        }
    }

    /** A real TLS ClientHello record, as the JDK's client writes it first. */
    private byte[] clientHello(X509Certificate trusted) throws Exception {
        SSLEngine client = TlsClients.context(trusted).createSSLEngine("127.0.0.1", server.tlsPort());
        client.setUseClientMode(true);
        ByteBuffer out = ByteBuffer.allocate(client.getSession().getPacketBufferSize());
        client.wrap(ByteBuffer.allocate(0), out);
        out.flip();
        byte[] hello = new byte[out.remaining()];
        out.get(hello);
        assertThat(hello[0]).as("a handshake record").isEqualTo((byte) 0x16);
        return hello;
    }

    private void register(String name) {
        try (LineClient line = new LineClient(server.port()).register(name, PASSWORD)) {
            line.send("/quit");
            line.readToEnd();
        }
    }

    private X509Certificate certificate() throws Exception {
        return TlsClients.read(dir.resolve("tls/server.crt"));
    }

}
