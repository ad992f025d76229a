package org.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.switchboard.support.IrcClient;
import org.switchboard.support.LineClient;
import org.switchboard.support.ServerFixture;
import org.switchboard.support.TestServer;

/** IRC and line-protocol users in one room, over raw sockets. */
class IrcChatTest extends ServerFixture {
    static final String PASSWORD = TestServer.PASSWORD;

    @BeforeEach
    void start() {
        server = TestServer.start(dir);
    }

    private void registerOnLine(String name) {
        try (LineClient line = new LineClient(server.port()).register(name, PASSWORD)) {
            line.send("/quit");
            line.readToEnd();
        }
    }

    private IrcClient irc(String name) {
        registerOnLine(name);
        return new IrcClient(server.ircPort().orElseThrow()).signIn(name, PASSWORD);
    }

    @Test
    void ircAndLineUsersChatBothWaysInCyrillicToo() {
        try (IrcClient ivan = irc("Иван");
             LineClient olga = new LineClient(server.port()).register("Ольга", PASSWORD)) {
            assertThat(ivan.awaitContaining(" JOIN ")).isEqualTo(":Ольга!Ольга@switchboard JOIN #switchboard");
            olga.send("привет, Иван");
            assertThat(ivan.awaitContaining("PRIVMSG"))
                    .isEqualTo(":Ольга!Ольга@switchboard PRIVMSG #switchboard :привет, Иван");
            ivan.send("PRIVMSG #switchboard :здравствуй, Ольга");
            assertThat(olga.awaitContaining("Иван:")).endsWith("Иван: здравствуй, Ольга");
        }
    }

    @Test
    void actionsGoBothWaysAsCtcpAction() {
        try (IrcClient alice = irc("alice");
             LineClient bob = new LineClient(server.port()).register("bob", PASSWORD)) {
            alice.awaitContaining(" JOIN ");
            bob.send("/me waves");
            assertThat(alice.awaitContaining("PRIVMSG"))
                    .isEqualTo(":bob!bob@switchboard PRIVMSG #switchboard :\u0001ACTION waves\u0001");
            alice.send("PRIVMSG #switchboard :\u0001ACTION nods\u0001");
            assertThat(bob.awaitContaining("nods")).endsWith("* alice nods");
        }
    }

    @Test
    void privateMessagesGoBothWays() {
        try (IrcClient alice = irc("alice");
             LineClient bob = new LineClient(server.port()).register("bob", PASSWORD)) {
            alice.awaitContaining(" JOIN ");
            bob.send("/msg alice psst");
            assertThat(alice.awaitContaining("PRIVMSG")).isEqualTo(":bob!bob@switchboard PRIVMSG alice :psst");
            alice.send("PRIVMSG bob :hush");
            assertThat(bob.awaitContaining("(private)")).endsWith("alice (private): hush");
            alice.send("PRIVMSG nobody :hello?");
            assertThat(alice.awaitNumeric("401")).contains("nobody");
        }
    }

    @Test
    void echoMessageGivesTheSenderItsOwnLine() {
        registerOnLine("alice");
        try (IrcClient alice = new IrcClient(server.ircPort().orElseThrow())) {
            alice.send("CAP LS 302").send("CAP REQ :echo-message").send("NICK alice").send("USER u 0 * :x")
                    .send("PASS :" + PASSWORD).send("CAP END");
            alice.awaitNumeric("366");
            alice.send("PRIVMSG #switchboard :my own");
            assertThat(alice.awaitContaining("PRIVMSG")).isEqualTo(":alice!alice@switchboard PRIVMSG #switchboard :my own");
        }
    }

    @Test
    void namesWhoAndModeAnswerAsIrssiAndWeechatWaitFor() {
        try (LineClient bob = new LineClient(server.port()).register("7bob", PASSWORD);
             IrcClient alice = irc("alice")) {
            alice.send("NAMES #switchboard");
            assertThat(alice.awaitNumeric("353")).isEqualTo(":switchboard 353 alice = #switchboard :`7bob alice");
            alice.awaitNumeric("366");
            alice.send("WHO #switchboard");
            assertThat(alice.awaitNumeric("352")).contains("#switchboard `7bob switchboard switchboard `7bob H :0 7bob");
            alice.awaitNumeric("352");
            alice.awaitNumeric("315");
            alice.send("MODE #switchboard");
            assertThat(alice.awaitNumeric("324")).endsWith("#switchboard :+nt");
            alice.send("MODE #switchboard b");
            alice.awaitNumeric("368");
            alice.send("MODE alice");
            alice.awaitNumeric("221");
            alice.send("WHOIS `7bob");
            assertThat(alice.awaitNumeric("311")).contains("`7bob `7bob switchboard * :7bob");
            alice.awaitNumeric("312");
            alice.awaitNumeric("318");
            alice.send("PRIVMSG `7bob :you have a nick");
            assertThat(bob.awaitContaining("(private)")).endsWith("alice (private): you have a nick");
            alice.send("TOPIC #switchboard");
            alice.awaitNumeric("331");
            alice.send("LIST");
            assertThat(alice.awaitNumeric("322")).contains("#switchboard 2");
            alice.awaitNumeric("323");
        }
    }

    @Test
    void otherChannelsAndUnknownCommandsAreRefusedAndTheConnectionLivesOn() {
        try (IrcClient alice = irc("alice")) {
            alice.send("JOIN #elsewhere");
            assertThat(alice.awaitNumeric("403")).contains("#elsewhere", "#switchboard");
            alice.send("FROBNICATE now");
            assertThat(alice.awaitNumeric("421")).contains("FROBNICATE");
            alice.send("NICK someone_else");
            alice.awaitNumeric("447");
            alice.send("PRIVMSG #switchboard :" + "y".repeat(600));
            alice.awaitNumeric("417");
            alice.send("PING :still here");
            assertThat(alice.awaitContaining("PONG")).endsWith(":still here");
        }
    }

    @Test
    void joinsAndLeavesOfLineUsersAreJoinAndQuit() {
        try (IrcClient alice = irc("alice")) {
            try (LineClient bob = new LineClient(server.port()).register("bob", PASSWORD)) {
                assertThat(alice.awaitContaining(" JOIN ")).isEqualTo(":bob!bob@switchboard JOIN #switchboard");
                bob.send("/quit");
                bob.readToEnd();
            }
            assertThat(alice.awaitContaining(" QUIT ")).startsWith(":bob!bob@switchboard QUIT :");
        }
    }

    @Test
    void anIrcClientJoiningWithACrowdSeesItsOwnJoinOnce() {
        List<LineClient> crowd = new ArrayList<>();
        try (IrcClient alice = new IrcClient(server.ircPort().orElseThrow())) {
            // more than ChatRoom.SUMMARY_NAMES joins in one presence window, alice among them: one summary
            for (int i = 0; i < 6; i++) {
                crowd.add(new LineClient(server.port()).register("early" + i, PASSWORD));
            }
            // registered here, not on the line port: a leave of alice's within the window would hide her join
            alice.send("NICK alice").send("USER u 0 * :x").awaitNumeric("422");
            alice.send("PRIVMSG NickServ :REGISTER " + PASSWORD).awaitNumeric("366"); // its JOIN echo is behind it
            for (int i = 0; i < 6; i++) {
                crowd.add(new LineClient(server.port()).register("late" + i, PASSWORD));
            }
            List<String> after = new ArrayList<>();
            alice.await(line -> after.add(line) && line.startsWith(":late5!"));
            alice.send("PING :summed-up");
            alice.await(line -> after.add(line) && line.contains("PONG"));
            assertThat(after).filteredOn(line -> line.contains(" JOIN "))
                    .contains(":late0!late0@switchboard JOIN #switchboard")
                    .noneMatch(line -> line.startsWith(":alice!"));
        } finally {
            crowd.forEach(LineClient::close);
        }
    }

    @Test
    void announcementsAreNoticesAndAKickIsKickThenError() {
        try (IrcClient alice = irc("alice")) {
            server.announce("maintenance at noon");
            assertThat(alice.awaitContaining("NOTICE #switchboard"))
                    .isEqualTo(":switchboard NOTICE #switchboard :maintenance at noon");
            server.kick("alice", "be nice");
            assertThat(alice.awaitContaining(" KICK ")).startsWith(":switchboard KICK #switchboard alice :")
                    .contains("be nice");
            assertThat(alice.readToEnd()).last().asString().startsWith("ERROR :").contains("be nice");
        }
    }

    @Test
    void historyIsReplayedWithServerTimeTags() {
        try (LineClient bob = new LineClient(server.port()).register("bob", PASSWORD)) {
            bob.send("from before");
            bob.send("/users");
            bob.awaitContaining("online");
        }
        registerOnLine("alice");
        try (IrcClient alice = new IrcClient(server.ircPort().orElseThrow())) {
            alice.send("CAP LS 302").send("CAP REQ :server-time").send("NICK alice").send("USER u 0 * :x")
                    .send("PASS :" + PASSWORD).send("CAP END");
            assertThat(alice.awaitContaining("from before")).matches(
                    "@time=\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z :bob!bob@switchboard PRIVMSG #switchboard :from before");
        }
        try (IrcClient plain = new IrcClient(server.ircPort().orElseThrow())) {
            plain.send("PASS :" + PASSWORD).send("NICK alice").send("USER u 0 * :x");
            assertThat(plain.awaitContaining("from before"))
                    .matches(":switchboard NOTICE #switchboard :\\[\\d\\d:\\d\\d] bob: from before");
        }
    }

    @Test
    void anOwnActionComesBackOnlyWithEchoMessage() {
        try (IrcClient alice = irc("alice")) {
            alice.send("PRIVMSG #switchboard :\u0001ACTION nods\u0001").send("PING :after");
            assertThat(alice.await(l -> l.contains("nods") || l.contains("PONG"))).contains("PONG");
        }
        registerOnLine("bob");
        try (IrcClient bob = new IrcClient(server.ircPort().orElseThrow())) {
            bob.send("CAP LS 302").send("CAP REQ :echo-message").send("PASS :" + PASSWORD).send("NICK bob")
                    .send("USER u 0 * :x").send("CAP END");
            bob.awaitNumeric("366");
            bob.send("PRIVMSG #switchboard :\u0001ACTION nods\u0001");
            assertThat(bob.await(l -> l.startsWith(":bob!") && l.contains("nods"))).isEqualTo(":bob!bob@switchboard PRIVMSG #switchboard :\u0001ACTION nods\u0001");
        }
    }
}
