package org.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.switchboard.support.IrcClient;
import org.switchboard.support.LineClient;
import org.switchboard.support.ServerFixture;
import org.switchboard.support.TestServer;

/** IRCv3's {@code REGISTER} (draft/account-registration) on the IRC port, over a raw socket. */
class IrcAccountRegistrationTest extends ServerFixture {
    static final String PASSWORD = TestServer.PASSWORD;

    @BeforeEach
    void start() {
        server = TestServer.start(dir);
    }

    private IrcClient irc() {
        return new IrcClient(server.ircPort().orElseThrow());
    }

    /** REGISTER's answer: {@code REGISTER SUCCESS ...} or {@code FAIL REGISTER ...}. */
    private static String answer(IrcClient client) {
        return client.await(l -> l.startsWith(":switchboard REGISTER ") || l.startsWith(":switchboard FAIL "));
    }

    private void registerOnLine(String name) {
        try (LineClient line = new LineClient(server.port()).register(name, PASSWORD)) {
            line.send("/quit");
            line.readToEnd();
        }
    }

    @Test
    void theCapIsOfferedWithBeforeConnectAndCustomAccountNames() {
        try (IrcClient client = irc()) {
            client.send("CAP LS 302");
            assertThat(client.awaitContaining(" CAP * LS "))
                    .contains(" draft/account-registration=before-connect,custom-account-name");
            client.send("CAP LS");
            assertThat(client.awaitContaining(" CAP * LS ")).endsWith(" draft/account-registration");
            client.send("CAP REQ :draft/account-registration");
            assertThat(client.awaitContaining(" CAP ")).endsWith(" ACK :draft/account-registration");
        }
    }

    @Test
    void registerBeforeConnectSignsInAndJoinsAsRegistrationEnds() {
        try (IrcClient client = irc()) {
            client.send("CAP LS 302").send("NICK alice").send("USER u 0 * :x");
            client.awaitContaining(" CAP * LS ");
            client.send("REGISTER * * :" + PASSWORD);
            assertThat(client.next()).isEqualTo(":switchboard REGISTER SUCCESS alice :Account alice registered;"
                    + " you are signed in.");
            assertThat(client.next()).startsWith(":switchboard 900 alice alice!alice@switchboard alice :");
            client.send("CAP END");
            assertThat(client.awaitNumeric("001")).startsWith(":switchboard 001 alice :");
            assertThat(client.awaitContaining(" JOIN ")).isEqualTo(":alice!alice@switchboard JOIN #switchboard");
            client.awaitNumeric("366");
            assertThat(server.users()).extracting(u -> u.name()).containsExactly("alice");
        }
        try (LineClient line = new LineClient(server.port()).signIn("alice", PASSWORD)) {
            assertThat(server.users()).extracting(u -> u.name()).containsExactly("alice");
        }
    }

    @Test
    void registerAfterRegistrationJoinsTheChannelAtOnce() {
        try (IrcClient client = irc()) {
            client.send("NICK bob").send("USER u 0 * :x");
            client.awaitNumeric("422");
            client.send("REGISTER * :" + PASSWORD); // the earlier drafts' form: e-mail (none) and password
            assertThat(answer(client)).startsWith(":switchboard REGISTER SUCCESS bob :");
            assertThat(client.awaitContaining(" JOIN ")).isEqualTo(":bob!bob@switchboard JOIN #switchboard");
            client.send("REGISTER * * :" + PASSWORD);
            assertThat(answer(client))
                    .startsWith(":switchboard FAIL REGISTER ALREADY_AUTHENTICATED bob :");
        }
    }

    @Test
    void aCustomAccountNameBecomesTheNick() {
        try (IrcClient client = irc()) {
            client.send("NICK guest").send("USER u 0 * :x");
            client.awaitNumeric("422");
            client.send("REGISTER carol someone@example.org :" + PASSWORD);
            assertThat(answer(client)).startsWith(":switchboard REGISTER SUCCESS carol :");
            assertThat(client.awaitContaining(" NICK ")).isEqualTo(":guest!guest@switchboard NICK carol");
            assertThat(client.awaitContaining(" JOIN ")).isEqualTo(":carol!carol@switchboard JOIN #switchboard");
        }
    }

    @Test
    void aRegisteredNameIsRefusedAsAccountExists() {
        registerOnLine("alice");
        try (IrcClient client = irc()) {
            client.send("NICK alice").send("USER u 0 * :x");
            client.awaitNumeric("422");
            client.send("REGISTER * * :" + PASSWORD);
            assertThat(answer(client)).startsWith(":switchboard FAIL REGISTER ACCOUNT_EXISTS alice :")
                    .contains("IDENTIFY");
            client.send("PING :still-here");
            assertThat(client.await(l -> l.contains("PONG") || l.contains(" JOIN "))).contains("PONG");
        }
    }

    @Test
    void badNamesWeakPasswordsAndMissingNicksAreRefused() {
        try (IrcClient client = irc()) {
            client.send("REGISTER * * :" + PASSWORD);
            assertThat(answer(client)).startsWith(":switchboard FAIL REGISTER NEED_NICK * :");
            client.send("REGISTER");
            assertThat(answer(client)).startsWith(":switchboard FAIL REGISTER NEED_MORE_PARAMS * :");
            client.send("NICK dave").send("USER u 0 * :x");
            client.awaitNumeric("422");
            client.send("REGISTER server * :" + PASSWORD);
            assertThat(answer(client))
                    .isEqualTo(":switchboard FAIL REGISTER BAD_ACCOUNT_NAME server :The name 'server' is reserved.");
            client.send("REGISTER bad!name * :" + PASSWORD);
            assertThat(answer(client))
                    .startsWith(":switchboard FAIL REGISTER BAD_ACCOUNT_NAME bad!name :");
            client.send("REGISTER * * :short");
            assertThat(answer(client)).startsWith(":switchboard FAIL REGISTER WEAK_PASSWORD dave :")
                    .contains("at least 8 characters");
            client.send("REGISTER * * :" + PASSWORD);
            assertThat(answer(client)).startsWith(":switchboard REGISTER SUCCESS dave :");
        }
    }

    @Test
    void aNameSomebodyIsOnlineWithIsABadAccountNameEvenWhenNotRegistered() throws Exception {
        try (LineClient erin = new LineClient(server.port()).register("erin", PASSWORD); IrcClient client = irc()) {
            server.accountAdmin().clear(); // erin stays online, her name no longer registered
            client.send("NICK frank").send("USER u 0 * :x");
            client.awaitNumeric("422");
            client.send("REGISTER erin * :" + PASSWORD);
            assertThat(answer(client))
                    .isEqualTo(":switchboard FAIL REGISTER BAD_ACCOUNT_NAME erin :" + SignIn.IN_USE);
        }
    }
}
