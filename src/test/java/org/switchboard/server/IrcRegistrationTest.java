package org.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.switchboard.support.IrcClient;
import org.switchboard.support.LineClient;
import org.switchboard.support.ServerFixture;
import org.switchboard.support.TestServer;

/** Registration and sign-in on the IRC port, over a raw socket: CAP, SASL PLAIN, PASS, NickServ. */
class IrcRegistrationTest extends ServerFixture {
    static final String PASSWORD = TestServer.PASSWORD;

    private int irc() {
        return server.ircPort().orElseThrow();
    }

    private void registerOnLine(String name) {
        try (LineClient line = new LineClient(server.port()).register(name, PASSWORD)) {
            line.send("/quit");
            line.readToEnd();
        }
    }

    @Test
    void saslSignInGetsTheWelcomeNumericsAndTheChannel() {
        server = TestServer.start(dir);
        registerOnLine("alice");
        try (IrcClient client = new IrcClient(irc())) {
            client.send("CAP LS 302").send("NICK alice").send("USER alice 0 * :Alice");
            assertThat(client.awaitContaining(" CAP * LS ")).contains("sasl=PLAIN", "server-time", "echo-message");
            client.send("CAP REQ :sasl server-time");
            assertThat(client.awaitContaining(" CAP ")).isEqualTo(":switchboard CAP alice ACK :sasl server-time");
            client.send("AUTHENTICATE PLAIN");
            assertThat(client.next()).isEqualTo("AUTHENTICATE +");
            client.send("AUTHENTICATE " + IrcClient.plain("alice", PASSWORD));
            assertThat(client.next()).startsWith(":switchboard 900 alice alice!alice@switchboard alice :");
            assertThat(client.next()).startsWith(":switchboard 903 alice :");
            client.send("CAP END");
            assertThat(client.awaitNumeric("001")).contains("Welcome");
            assertThat(client.awaitNumeric("005")).contains("CHANTYPES=#", "PREFIX=", "NETWORK=Switchboard",
                    "CASEMAPPING=ascii", "NICKLEN=33", "CHANNELLEN=50");
            client.awaitNumeric("251");
            client.awaitNumeric("422");
            assertThat(client.next()).isEqualTo(":alice!alice@switchboard JOIN #switchboard");
            assertThat(client.next()).isEqualTo(":switchboard 353 alice = #switchboard :alice");
            assertThat(client.next()).startsWith(":switchboard 366 alice #switchboard :");
        }
    }

    @Test
    void registrationWaitsForCapEnd() {
        server = TestServer.start(dir);
        registerOnLine("alice");
        try (IrcClient client = new IrcClient(irc())) {
            client.send("CAP LS 302").send("NICK alice").send("USER alice 0 * :Alice").send("PASS :" + PASSWORD)
                    .send("PING :still-negotiating");
            String first = client.await(line -> line.contains("PONG") || line.contains(" 001 "));
            assertThat(first).isEqualTo(":switchboard PONG switchboard :still-negotiating");
            client.send("CAP END");
            client.awaitNumeric("001");
            client.awaitNumeric("366");
        }
    }

    @Test
    void passWithAccountAndPasswordSignsIn() {
        server = TestServer.start(dir);
        registerOnLine("alice");
        try (IrcClient client = new IrcClient(irc())) {
            client.send("PASS :alice:" + PASSWORD).send("NICK somebody").send("USER u 0 * :x");
            assertThat(client.awaitNumeric("001")).startsWith(":switchboard 001 alice :");
            assertThat(client.awaitContaining(" JOIN ")).isEqualTo(":alice!alice@switchboard JOIN #switchboard");
        }
    }

    @Test
    void aWrongPassGets464AndTheConnectionCloses() {
        server = TestServer.start(dir);
        registerOnLine("alice");
        try (IrcClient client = new IrcClient(irc())) {
            client.send("PASS wrong-password").send("NICK alice").send("USER u 0 * :x");
            assertThat(client.readToEnd()).anyMatch(l -> l.startsWith(":switchboard 464 alice :"))
                    .anyMatch(l -> l.startsWith("ERROR :")).noneMatch(l -> l.contains(" 001 "));
        }
    }

    @Test
    void wrongSaslPasswordsLockTheNameForTheLineProtocolToo() {
        server = TestServer.start(dir, c -> c.login(2, Duration.ofMinutes(10), Duration.ofMinutes(10)));
        registerOnLine("alice");
        try (IrcClient client = new IrcClient(irc())) {
            client.send("CAP LS 302").send("NICK alice").send("USER u 0 * :x").send("CAP REQ :sasl");
            for (int i = 0; i < 2; i++) {
                client.send("AUTHENTICATE PLAIN");
                client.awaitContaining("AUTHENTICATE +");
                client.send("AUTHENTICATE " + IrcClient.plain("alice", "not the password"));
                client.awaitNumeric("904");
            }
        }
        try (LineClient line = new LineClient(server.port())) {
            line.expectPrompt("Name: ");
            line.send("alice");
            assertThat(line.awaitContaining("locked")).contains("Too many wrong passwords");
        }
    }

    @Test
    void threeWrongSaslPasswordsCloseTheConnection() {
        server = TestServer.start(dir);
        registerOnLine("alice");
        try (IrcClient client = new IrcClient(irc())) {
            client.send("CAP LS 302").send("NICK alice").send("USER u 0 * :x").send("CAP REQ :sasl");
            for (int i = 0; i < 3; i++) {
                client.send("AUTHENTICATE PLAIN");
                client.awaitContaining("AUTHENTICATE +");
                client.send("AUTHENTICATE " + IrcClient.plain("alice", "not the password"));
            }
            assertThat(client.readToEnd()).anyMatch(l -> l.startsWith("ERROR :"));
        }
    }

    @Test
    void nickServRegisterMakesAnAccountTheLineProtocolSignsInWith() {
        server = TestServer.start(dir);
        try (IrcClient client = new IrcClient(irc())) {
            client.send("NICK Иван").send("USER u 0 * :x");
            client.awaitNumeric("422");
            assertThat(client.awaitContaining("NickServ")).contains("NOTICE Иван :", "REGISTER");
            client.send("JOIN #switchboard");
            client.awaitNumeric("451");
            client.send("PRIVMSG NickServ :REGISTER " + PASSWORD);
            client.awaitContaining("is registered");
            assertThat(client.awaitContaining(" JOIN ")).isEqualTo(":Иван!Иван@switchboard JOIN #switchboard");
        }
        try (LineClient line = new LineClient(server.port()).signIn("иван", PASSWORD)) {
            assertThat(server.users()).extracting(u -> u.name()).containsExactly("Иван");
        }
    }

    @Test
    void nickServIdentifySignsInAfterRegistration() {
        server = TestServer.start(dir);
        registerOnLine("alice");
        try (IrcClient client = new IrcClient(irc())) {
            client.send("NICK alice").send("USER u 0 * :x");
            client.awaitNumeric("422");
            client.send("PRIVMSG NickServ :IDENTIFY " + PASSWORD);
            assertThat(client.awaitContaining(" JOIN ")).isEqualTo(":alice!alice@switchboard JOIN #switchboard");
        }
    }

    @Test
    void capAndAuthenticateGarbageGetTheirNumerics() {
        server = TestServer.start(dir);
        try (IrcClient client = new IrcClient(irc())) {
            client.send("CAP FROB");
            assertThat(client.awaitNumeric("410")).contains("FROB");
            client.send("CAP REQ :no-such-cap");
            assertThat(client.awaitContaining(" NAK ")).endsWith(":no-such-cap");
            client.send("AUTHENTICATE SCRAM-SHA-1");
            assertThat(client.awaitNumeric("908")).contains("PLAIN");
            client.awaitNumeric("904");
            client.send("AUTHENTICATE PLAIN");
            client.awaitContaining("AUTHENTICATE +");
            client.send("AUTHENTICATE " + "A".repeat(401));
            client.awaitNumeric("905");
            client.send("AUTHENTICATE PLAIN");
            client.awaitContaining("AUTHENTICATE +");
            client.send("AUTHENTICATE !!!not-base64!!!");
            client.awaitNumeric("904");
            client.send("AUTHENTICATE PLAIN");
            client.awaitContaining("AUTHENTICATE +");
            client.send("AUTHENTICATE *");
            client.awaitNumeric("906");
        }
    }

    @Test
    void badNicksAndEarlyCommandsGetNumerics() {
        server = TestServer.start(dir);
        try (IrcClient client = new IrcClient(irc())) {
            client.send("NICK");
            client.awaitNumeric("431");
            client.send("NICK 7bob");
            assertThat(client.awaitNumeric("432")).contains("7bob");
            client.send("NICK has.dot");
            client.awaitNumeric("432");
            client.send("PRIVMSG #switchboard :hi");
            client.awaitNumeric("451");
            client.send("USER u");
            client.awaitNumeric("461");
        }
    }

    @Test
    void overlongLinesAndBinaryJunkGetNumericsAndTheConnectionLivesOn() {
        server = TestServer.start(dir);
        try (IrcClient client = new IrcClient(irc())) {
            client.send("PRIVMSG #switchboard :" + "x".repeat(600));
            client.awaitNumeric("417");
            client.send("@" + "a=b;".repeat(2100) + " PING :x");
            client.awaitNumeric("417");
            client.send("@" + "a".repeat(20_000) + " PING :x");
            client.awaitNumeric("417");
            client.sendRaw(new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2, (byte) 0xc3, 13, 10});
            client.sendRaw(new byte[] {(byte) 0x80, (byte) 0x81, ' ', ':', 13, 10});
            client.send("@tag=1 :source PING :alive");
            assertThat(client.awaitContaining("PONG")).isEqualTo(":switchboard PONG switchboard :alive");
        }
    }

    @Test
    void notSigningInInTimeEndsWithError() {
        server = TestServer.start(dir, c -> c.signInTimeout(Duration.ofSeconds(1)));
        try (IrcClient client = new IrcClient(irc())) {
            client.send("NICK alice").send("USER u 0 * :x");
            assertThat(client.readToEnd()).last().asString().startsWith("ERROR :").contains("Sign-in took too long");
        }
    }
}
