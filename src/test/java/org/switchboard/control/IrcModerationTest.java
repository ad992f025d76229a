package org.switchboard.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;
import org.switchboard.auth.IdentityFileException;
import org.switchboard.server.ChatServer;
import org.switchboard.server.DataFolderException;
import org.switchboard.support.IrcClient;
import org.switchboard.support.LineClient;
import org.switchboard.support.ManualClock;
import org.switchboard.support.ServerFixture;
import org.switchboard.support.TestServer;

/** Bans and mutes as IRC clients meet them: ERROR at the door, 465 for a name, 404 and NOTICE for a mute, MODE b. */
class IrcModerationTest extends ServerFixture {
    static final String PASSWORD = TestServer.PASSWORD;

    private Operator operator;

    private void startWithClock() {
        server = new ChatServer(TestServer.config(dir).build(), new ManualClock());
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (IdentityFileException | DataFolderException e) {
            throw new IllegalStateException(e);
        }
        operator = new Operator(server);
    }

    private int irc() {
        return server.ircPort().orElseThrow();
    }

    @Test
    void aBannedNameSigningInWithSaslGets465AndErrorAndNoWelcome() {
        startWithClock();
        new LineClient(server.port()).register("alice", PASSWORD).close();
        operator.execute("ban ALICE 1h flooding");
        try (IrcClient client = new IrcClient(irc())) {
            client.send("CAP LS 302").send("NICK alice").send("USER u 0 * :Test");
            client.awaitContaining(" CAP * LS ");
            client.send("CAP REQ :sasl").send("AUTHENTICATE PLAIN");
            client.awaitContaining("AUTHENTICATE +");
            client.send("AUTHENTICATE " + IrcClient.plain("alice", PASSWORD));
            client.awaitNumeric("903");
            client.send("CAP END");
            assertThat(client.readToEnd()).containsExactly(
                    ":switchboard 465 alice :You are banned from this server until 2026-12-01 13:00:00 Z: flooding",
                    "ERROR :Closing link: Banned until 2026-12-01 13:00:00 Z: flooding");
        }
    }

    @Test
    void aBannedNameIdentifyingWithNickServOrRegisteringIsRefusedTheSameWay() {
        startWithClock();
        new LineClient(server.port()).register("alice", PASSWORD).close();
        operator.execute("ban alice");
        operator.execute("ban newcomer spam bot");
        try (IrcClient client = new IrcClient(irc())) {
            client.send("NICK alice").send("USER u 0 * :Test");
            client.awaitNumeric("422");
            client.send("PRIVMSG NickServ :IDENTIFY " + PASSWORD);
            assertThat(client.readToEnd()).endsWith(
                    ":switchboard 465 alice :You are banned from this server until the operator lifts it",
                    "ERROR :Closing link: Banned until the operator lifts it");
        }
        try (IrcClient client = new IrcClient(irc())) {
            client.send("NICK newcomer").send("USER u 0 * :Test");
            client.awaitNumeric("422");
            client.send("PRIVMSG NickServ :REGISTER " + PASSWORD);
            assertThat(client.readToEnd()).last().isEqualTo("ERROR :Closing link: Banned until the operator lifts it:"
                    + " spam bot");
        }
        try (IrcClient client = new IrcClient(irc())) {
            // IRCv3's REGISTER, before registration ends, shares NickServ's checks
            client.send("NICK newcomer").send("REGISTER * * :" + PASSWORD);
            assertThat(client.readToEnd()).noneMatch(line -> line.contains("REGISTER SUCCESS")).last()
                    .isEqualTo("ERROR :Closing link: Banned until the operator lifts it: spam bot");
        }
        assertThat(server.registeredUsers()).isEqualTo(1);
    }

    @Test
    void anOnlineIrcUserBannedIsKickedFromTheChannelAndClosedWithTheReason() {
        startWithClock();
        try (IrcClient alice = new IrcClient(irc())) {
            new LineClient(server.port()).register("alice", PASSWORD).close();
            alice.signIn("alice", PASSWORD);
            operator.execute("ban alice 10m cool off");
            assertThat(alice.readToEnd()).containsSubsequence(
                    ":switchboard KICK #switchboard alice :Banned until 2026-12-01 12:10:00 Z: cool off",
                    "ERROR :Closing link: Banned until 2026-12-01 12:10:00 Z: cool off");
        }
    }

    @Test
    void aBannedAddressGetsErrorOnTheIrcPortBeforeAnything() {
        startWithClock();
        operator.execute("ban 127.0.0.0/8 1d local trouble");
        try (IrcClient client = new IrcClient(irc())) {
            assertThat(client.readToEnd()).containsExactly(
                    "ERROR :Closing link: Banned until 2026-12-02 12:00:00 Z: local trouble");
        }
    }

    @Test
    void aMutedIrcUserGets404InTheChannelAndANoticeForPrivateLines() {
        startWithClock();
        try (LineClient bob = new LineClient(server.port()).register("bob", PASSWORD);
             IrcClient alice = new IrcClient(irc())) {
            new LineClient(server.port()).register("alice", PASSWORD).close();
            alice.signIn("alice", PASSWORD);
            operator.execute("mute alice 30s calm down");
            alice.awaitContaining("You are muted");
            alice.send("PRIVMSG #switchboard :I AM NOT CALM");
            assertThat(alice.awaitNumeric("404")).isEqualTo(":switchboard 404 alice #switchboard :Cannot send to"
                    + " channel: You are muted until 2026-12-01 12:00:30 Z: calm down; your line was not sent.");
            alice.send("PRIVMSG bob :psst");
            assertThat(alice.awaitContaining(" NOTICE ")).isEqualTo(":switchboard NOTICE alice :You are muted until"
                    + " 2026-12-01 12:00:30 Z: calm down; your line was not sent.");
            bob.send("hello alice");
            assertThat(alice.awaitContaining("PRIVMSG #switchboard")).endsWith(":hello alice");
        }
        assertThat(server.recentHistory(10)).extracting(line -> line.text()).doesNotContain("I AM NOT CALM");
    }

    @Test
    void modeBListsTheBansAs367LinesThen368() {
        startWithClock();
        operator.execute("ban dina.b spam");
        operator.execute("ban 10.0.0.0/8");
        operator.execute("mute erin");
        try (IrcClient alice = new IrcClient(irc())) {
            new LineClient(server.port()).register("alice", PASSWORD).close();
            alice.signIn("alice", PASSWORD);
            alice.send("MODE #switchboard b");
            assertThat(alice.awaitNumeric("367")).isEqualTo(":switchboard 367 alice #switchboard dina|b!*@* switchboard"
                    + " :1796126400");
            assertThat(alice.next()).isEqualTo(":switchboard 367 alice #switchboard *!*@10.0.0.0/8 switchboard"
                    + " :1796126400");
            assertThat(alice.next()).isEqualTo(":switchboard 368 alice #switchboard :End of channel ban list");
        }
    }
}
