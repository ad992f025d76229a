package org.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.switchboard.control.Operator;
import org.switchboard.support.LineClient;
import org.switchboard.support.ServerFixture;
import org.switchboard.support.TestServer;
import org.switchboard.support.TlsClients;

/** A client of a TLS port refused at the door (here: a banned address) is told why over TLS, within limits. */
class TlsRefusalTest extends ServerFixture {
    static final String BANNED = "127.0.0.5";

    /** A socket from {@code source} to the loopback {@code port}, not yet speaking anything. */
    static Socket from(String source, int port) {
        return LineClient.socketFrom(source, InetAddress.getLoopbackAddress(), port);
    }

    /** A TLS client over a socket from {@code source}, trusting the server's certificate, handshaken. */
    LineClient tlsFrom(String source, int port) throws Exception {
        X509Certificate trusted = TlsClients.read(dir.resolve("tls/server.crt"));
        Socket plain = from(source, port);
        SSLSocket tls = (SSLSocket) TlsClients.context(trusted).getSocketFactory()
                .createSocket(plain, "127.0.0.1", port, true);
        tls.startHandshake();
        return new LineClient(tls);
    }

    @Test
    void aBannedAddressIsToldWhyOverTlsOnTheLineAndIrcTlsPorts() throws Exception {
        server = TestServer.start(dir);
        assertThat(new Operator(server).execute("ban " + BANNED + " bots").ok()).isTrue();

        try (LineClient line = tlsFrom(BANNED, server.tlsPort())) {
            assertThat(line.readToEnd()).containsExactly("! Banned until the operator lifts it: bots");
        }
        try (LineClient irc = tlsFrom(BANNED, server.ircTlsPort())) {
            assertThat(irc.readToEnd()).containsExactly("ERROR :Closing link: Banned until the operator lifts it: bots");
        }
        try (LineClient other = TlsClients.connect(server.tlsPort(), TlsClients.read(dir.resolve("tls/server.crt")))) {
            other.register("ivy", TestServer.PASSWORD); // 127.0.0.1 is not banned
        }
        assertThat(server.log().tail(50)).extracting(e -> e.message())
                .anyMatch(m -> m.matches("Refused 127\\.0\\.0\\.5:\\d+: banned \\(127\\.0\\.0\\.5\\)"));
    }

    @Test
    void refusalsOverTlsAreFewAtATimeAndEachEndsByItsDeadline() throws Exception {
        server = TestServer.start(dir);
        assertThat(new Operator(server).execute("ban " + BANNED + " bots").ok()).isTrue();
        List<Socket> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < TlsRefusals.AT_ONCE; i++) {
                stalled.add(from(BANNED, server.tlsPort())); // never says hello
            }
            // every refusal's slot is taken by a stalled handshake: the next one is closed at once
            try (Socket next = from(BANNED, server.tlsPort())) {
                assertThat(closedWithin(next, Duration.ofSeconds(2))).as("closed without a handshake").isTrue();
            }
            long deadline = TlsRefusals.DEADLINE_MILLIS;
            for (Socket socket : stalled) {
                assertThat(closedWithin(socket, Duration.ofMillis(deadline + 3_000))).as("cut off at the deadline")
                        .isTrue();
            }
            // the slots are free again: a TLS client is told once more
            try (LineClient again = tlsFrom(BANNED, server.tlsPort())) {
                assertThat(again.readToEnd()).containsExactly("! Banned until the operator lifts it: bots");
            }
        } finally {
            for (Socket socket : stalled) {
                socket.close();
            }
        }
    }

    /** Whether the server closes {@code socket} (end of stream, or a reset) before {@code patience} is out. */
    private static boolean closedWithin(Socket socket, Duration patience) throws IOException {
        socket.setSoTimeout((int) patience.toMillis());
        InputStream in = socket.getInputStream();
        try {
            while (in.read() != -1) {
                // a stalled client is sent nothing; anything else would be read past here
            }
            return true;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }
}
