package org.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.switchboard.protocol.Protocol;
import org.switchboard.support.ServerFixture;
import org.switchboard.support.TestServer;

/** Password prompts hide telnet's local echo, and only for clients that speak telnet. */
class TelnetEchoTest extends ServerFixture {
    private static final byte[] IAC_WILL_TERMINAL_TYPE = {(byte) 255, (byte) 251, 24};
    private static final byte[] IAC_DO_SUPPRESS_GO_AHEAD = {(byte) 255, (byte) 253, 3};
    private static final String WILL_ECHO = "\u00ff\u00fb\u0001";
    private static final String WONT_ECHO = "\u00ff\u00fc\u0001";

    @BeforeEach
    void start() {
        server = TestServer.start(dir);
    }

    /** A raw socket that keeps every byte the server sent, read as ISO-8859-1 so that 0xFF stays one char. */
    private static final class RawClient implements AutoCloseable {
        private final Socket socket = new Socket();
        private final ByteArrayOutputStream received = new ByteArrayOutputStream();
        private InputStream in;

        RawClient(int port) throws IOException {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(10_000);
            in = socket.getInputStream();
        }

        void send(byte[] bytes) throws IOException {
            socket.getOutputStream().write(bytes);
            socket.getOutputStream().flush();
        }

        void send(String text) throws IOException {
            send(text.getBytes(StandardCharsets.UTF_8));
        }

        /** Everything received so far, once it ends with {@code end}. */
        String readUntil(String end) throws IOException {
            while (!text().endsWith(end)) {
                int b = in.read();
                if (b < 0) {
                    throw new AssertionError("closed before " + end + "; read: " + text());
                }
                received.write(b);
            }
            return text();
        }

        String text() {
            return received.toString(StandardCharsets.ISO_8859_1);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    @Test
    void aClientThatNegotiatesTelnetIsToldTheServerEchoesAroundEachPasswordPrompt() throws Exception {
        try (RawClient telnet = new RawClient(server.port())) {
            telnet.send(IAC_WILL_TERMINAL_TYPE);
            telnet.send(IAC_DO_SUPPRESS_GO_AHEAD);
            telnet.send(IAC_DO_SUPPRESS_GO_AHEAD);
            assertThat(telnet.readUntil("Name: ")).doesNotContain(WILL_ECHO);
            telnet.send("dina\r\n");
            assertThat(telnet.readUntil("Choose a password: ")).endsWith(WILL_ECHO + "Choose a password: ");
            telnet.send(TestServer.PASSWORD + "\r\n");
            // the Enter telnet did not show, echo back on, and hidden again for the repeat
            assertThat(telnet.readUntil("Repeat the password: "))
                    .endsWith(WILL_ECHO + "Choose a password: \r\n" + WONT_ECHO + WILL_ECHO + "Repeat the password: ");
            telnet.send(TestServer.PASSWORD + "\r\n");
            String all = telnet.readUntil("Welcome, dina!\r\n");
            assertThat(all).endsWith("Repeat the password: \r\n" + WONT_ECHO + "Welcome, dina!\r\n");
            assertThat(all.split(WILL_ECHO, -1)).hasSize(3);
            assertThat(all.split(WONT_ECHO, -1)).hasSize(3);
            // the client's own requests are refused, once each, so that it keeps its line mode
            assertThat(all.split("\u00ff\u00fc\u0003", -1)).as("WONT SUPPRESS-GO-AHEAD").hasSize(2);
            assertThat(all.split("\u00ff\u00fe\u0018", -1)).as("DONT TERMINAL-TYPE").hasSize(2);
        }
    }

    @Test
    void passwdHidesTheEchoAroundEachOfItsPasswordPrompts() throws Exception {
        try (RawClient telnet = new RawClient(server.port())) {
            telnet.send(IAC_DO_SUPPRESS_GO_AHEAD);
            telnet.readUntil("Name: ");
            telnet.send("dina\r\n");
            telnet.readUntil("Choose a password: ");
            telnet.send(TestServer.PASSWORD + "\r\n");
            telnet.readUntil("Repeat the password: ");
            telnet.send(TestServer.PASSWORD + "\r\n");
            telnet.readUntil("Type /help for commands.\r\n");
            telnet.send("/passwd\r\n");
            assertThat(telnet.readUntil("Old password: ")).endsWith(WILL_ECHO + "Old password: ");
            telnet.send(TestServer.PASSWORD + "\r\n");
            assertThat(telnet.readUntil("Choose a password: "))
                    .endsWith("Old password: \r\n" + WONT_ECHO + WILL_ECHO + "Choose a password: ");
            telnet.send("battery staple\r\n");
            telnet.readUntil("Repeat the password: ");
            telnet.send("battery staple\r\n");
            assertThat(telnet.readUntil(Protocol.PASSWORD_CHANGED + "\r\n"))
                    .endsWith("Repeat the password: \r\n" + WONT_ECHO + Protocol.PASSWORD_CHANGED + "\r\n");
        }
    }

    @Test
    void aClientThatNeverSentTelnetBytesGetsNoneInTheWholeExchange() throws Exception {
        try (RawClient nc = new RawClient(server.port())) {
            nc.readUntil("Name: ");
            nc.send("dina\n");
            nc.readUntil("Choose a password: ");
            nc.send(TestServer.PASSWORD + "\n");
            nc.readUntil("Repeat the password: ");
            nc.send(TestServer.PASSWORD + "\n");
            nc.readUntil("Type /help for commands.\r\n");
            nc.send("/quit\n");
            assertThat(nc.readUntil("Goodbye, dina.\r\n")).doesNotContain("\u00ff");
        }
        try (RawClient nc = new RawClient(server.port())) {
            nc.readUntil("Name: ");
            nc.send("dina\r\n");
            nc.readUntil("Password: ");
            nc.send("wrong password\r\n");
            nc.readUntil("Password: ");
            nc.send(TestServer.PASSWORD + "\r\n");
            assertThat(nc.readUntil("Type /help for commands.\r\n")).doesNotContain("\u00ff");
        }
    }
}
