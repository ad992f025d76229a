package org.switchboard.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.switchboard.auth.IdentityFileException;
import org.switchboard.log.LogEntry;
import org.switchboard.protocol.Protocol;
import org.switchboard.server.ChatServer;
import org.switchboard.server.DataFolderException;
import org.switchboard.support.LineClient;
import org.switchboard.support.ManualClock;
import org.switchboard.support.ServerFixture;
import org.switchboard.support.TestServer;

/** ban, unban, bans, mute, unmute through the operator, seen by real line-protocol clients. */
class ModerationTest extends ServerFixture {
    static final String PASSWORD = TestServer.PASSWORD;
    /** "until 2026-12-01 13:00:00 UTC" with the tests' clock; any zone with the system's. */
    static final String UNTIL = "until \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d \\S+";

    final ManualClock clock = new ManualClock();

    private ChatServer startWithClock() {
        return startWithClock(InetAddress.getLoopbackAddress());
    }

    private ChatServer startWithClock(InetAddress bind) {
        server = new ChatServer(TestServer.config(dir).bindAddress(bind).build(), clock);
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (IdentityFileException | DataFolderException e) {
            throw new IllegalStateException(e);
        }
        return server;
    }

    /** A line client whose socket comes from {@code source} (127.0.0.x), as the bench's clients do. */
    static LineClient from(String source, InetAddress server, int port) {
        return new LineClient(LineClient.socketFrom(source, server, port));
    }

    private List<String> logged() {
        return server.log().tail(50).stream().map(LogEntry::message).toList();
    }

    @Test
    void banningAnOnlineNameInAnotherCaseDisconnectsThemWithTheReasonAndTheyCannotSignInAgain() {
        startWithClock();
        Operator operator = new Operator(server);
        try (LineClient dina = new LineClient(server.port()).register("Dina", PASSWORD)) {
            Reply reply = operator.execute("ban dINA 2h spamming the room");
            assertThat(reply.ok()).isTrue();
            assertThat(reply.text()).isEqualTo("Banned dINA until 2026-12-01 14:00:00 Z: spamming the room;"
                    + " disconnected Dina 127.0.0.1:" + dina.socket().getLocalPort() + ".");
            assertThat(dina.readToEnd()).last()
                    .isEqualTo("! Banned until 2026-12-01 14:00:00 Z: spamming the room");
        }
        try (LineClient again = new LineClient(server.port())) {
            again.expectPrompt(Protocol.PROMPT_NAME);
            again.send("dina");
            assertThat(again.readToEnd()).containsExactly(
                    "! 'dina' is banned until 2026-12-01 14:00:00 Z: spamming the room. Goodbye.");
        }
        assertThat(logged()).anyMatch(m -> m.startsWith("Banned dINA until 2026-12-01 14:00:00 Z: spamming the room;"
                + " disconnected Dina 127.0.0.1:"))
                .anyMatch(m -> m.startsWith("Sign-in refused: dina from 127.0.0.1:"));
    }

    @Test
    void aBanMadeWhileThePasswordIsBeingHashedStillKeepsTheNameOut() {
        // slow hashing: the ban comes after the name was checked and before the sign-in ends
        server = new ChatServer(TestServer.config(dir).hashIterations(3_000_000).build(), clock);
        try {
            server.start();
        } catch (IOException | IdentityFileException | DataFolderException e) {
            throw new IllegalStateException(e);
        }
        try (LineClient ivy = new LineClient(server.port())) {
            ivy.expectPrompt(Protocol.PROMPT_NAME);
            ivy.send("ivy");
            ivy.expectPrompt(Protocol.PROMPT_NEW_PASSWORD);
            ivy.send(PASSWORD);
            ivy.expectPrompt(Protocol.PROMPT_REPEAT_PASSWORD);
            ivy.send(PASSWORD);
            new Operator(server).execute("ban ivy too late");
            assertThat(ivy.readToEnd()).doesNotContain("Welcome, ivy!")
                    .last().isEqualTo("! Banned until the operator lifts it: too late");
        }
        assertThat(server.users()).isEmpty();
    }

    @Test
    void aReasonEndingInAFullStopIsToldWithOneFullStop() {
        startWithClock();
        new Operator(server).execute("ban fred Spamming the room.");
        try (LineClient fred = new LineClient(server.port())) {
            fred.expectPrompt(Protocol.PROMPT_NAME);
            fred.send("fred");
            assertThat(fred.readToEnd()).containsExactly(
                    "! 'fred' is banned until the operator lifts it: Spamming the room. Goodbye.");
        }
        assertThat(server.bans()).singleElement().extracting(ban -> ban.reason()).isEqualTo("Spamming the room");
    }

    @Test
    void aBannedNameCannotSignInWithATokenEitherAndTheTokenIsNotUsedUp() {
        startWithClock();
        String token;
        try (LineClient erin = new LineClient(server.port()).register("erin", PASSWORD)) {
            erin.send("/token");
            token = erin.await(line -> line.startsWith(Protocol.TOKEN_PREFIX)).substring(Protocol.TOKEN_PREFIX.length());
        }
        new Operator(server).execute("ban erin");
        try (LineClient again = new LineClient(server.port())) {
            again.expectPrompt(Protocol.PROMPT_NAME);
            again.send("/token erin " + token);
            assertThat(again.readToEnd()).containsExactly("! 'erin' is banned until the operator lifts it. Goodbye.");
        }
        assertThat(new Operator(server).execute("unban ERIN").text()).isEqualTo("Ban on erin lifted.");
        try (LineClient again = new LineClient(server.port())) {
            again.expectPrompt(Protocol.PROMPT_NAME);
            again.send("/token erin " + token);
            again.await(line -> line.startsWith(Protocol.WELCOME_PREFIX));
        }
    }

    @Test
    void aTimedBanEndsWhenTheClockPassesItsEnd() {
        startWithClock();
        Operator operator = new Operator(server);
        new LineClient(server.port()).register("erin", PASSWORD).close();
        assertThat(operator.execute("ban erin 10m cool off").ok()).isTrue();
        assertThat(operator.execute("bans").lines()).containsExactly("1 ban or mute:",
                "  ban   erin                  10m 00s left      cool off");
        try (LineClient refused = new LineClient(server.port())) {
            refused.expectPrompt(Protocol.PROMPT_NAME);
            refused.send("erin");
            assertThat(refused.readToEnd()).last().asString().contains("is banned until 2026-12-01 12:10:00 Z");
        }
        clock.advance(Duration.ofMinutes(10));
        assertThat(operator.execute("bans").text()).isEqualTo("No bans or mutes.");
        try (LineClient back = new LineClient(server.port())) {
            back.signIn("erin", PASSWORD);
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> logged().contains("Ban on erin expired"));
    }

    @Test
    void aBannedAddressOrRangeIsRefusedAtTheDoorWithTheReasonBeforeAnyPrompt() {
        startWithClock();
        Operator operator = new Operator(server);
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (LineClient online = from("127.0.0.7", loopback, server.port()).register("gus", PASSWORD)) {
            assertThat(operator.execute("ban 127.0.0.5 bots").ok()).isTrue();
            assertThat(operator.execute("ban 127.0.1.0/24 1d whole range").ok()).isTrue();
            try (LineClient banned = from("127.0.0.5", loopback, server.port())) {
                assertThat(banned.readToEnd()).containsExactly("! Banned until the operator lifts it: bots");
            }
            try (LineClient inRange = from("127.0.1.9", loopback, server.port())) {
                assertThat(inRange.readToEnd()).containsExactly(
                        "! Banned until 2026-12-02 12:00:00 Z: whole range");
            }
            try (LineClient outside = from("127.0.2.9", loopback, server.port())) {
                outside.expectPrompt(Protocol.PROMPT_NAME);
            }
            Reply range = operator.execute("ban 127.0.0.0/29 neighbours");
            assertThat(range.text()).startsWith("Banned 127.0.0.0/29 until the operator lifts it: neighbours;"
                    + " disconnected gus 127.0.0.7:");
            assertThat(online.readToEnd()).last().isEqualTo("! Banned until the operator lifts it: neighbours");
        }
        assertThat(logged()).anyMatch(m -> m.matches("Refused 127\\.0\\.0\\.5:\\d+: banned \\(127\\.0\\.0\\.5\\)"));
        assertThat(operator.execute("unban 127.0.0.5").ok()).isTrue();
        assertThat(operator.execute("unban 127.0.0.0/29").ok()).isTrue();
        try (LineClient lifted = from("127.0.0.5", loopback, server.port())) {
            lifted.expectPrompt(Protocol.PROMPT_NAME);
        }
    }

    @Test
    void anIpv6AddressAndAnIpv6RangeAreRefusedAtTheDoorAndAnOnlineClientFromThemIsDisconnected() throws Exception {
        InetAddress ipv6 = InetAddress.getByName("::1");
        boolean hasIpv6Loopback;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, ipv6)) {
            hasIpv6Loopback = true;
        } catch (IOException e) {
            hasIpv6Loopback = false;
        }
        assumeThat(hasIpv6Loopback).as("this machine has an IPv6 loopback address").isTrue();
        startWithClock(ipv6);
        Operator operator = new Operator(server);
        try (LineClient online = from("::1", ipv6, server.port()).register("hana", PASSWORD)) {
            assertThat(operator.execute("ban ::1 1h v6 trouble").text()).startsWith("Banned 0:0:0:0:0:0:0:1 until"
                    + " 2026-12-01 13:00:00 Z: v6 trouble; disconnected hana 0:0:0:0:0:0:0:1:");
            assertThat(online.readToEnd()).last().isEqualTo("! Banned until 2026-12-01 13:00:00 Z: v6 trouble");
        }
        try (LineClient banned = from("::1", ipv6, server.port())) {
            assertThat(banned.readToEnd()).containsExactly("! Banned until 2026-12-01 13:00:00 Z: v6 trouble");
        }
        assertThat(operator.execute("unban 0::1").ok()).isTrue();
        try (LineClient lifted = from("::1", ipv6, server.port())) {
            lifted.expectPrompt(Protocol.PROMPT_NAME);
        }
        assertThat(operator.execute("ban ::/120 the low range").ok()).isTrue();
        try (LineClient inRange = from("::1", ipv6, server.port())) {
            assertThat(inRange.readToEnd()).containsExactly("! Banned until the operator lifts it: the low range");
        }
    }

    @Test
    void aMutedUserReadsTheRoomButTheirLinesActionsAndPrivateLinesAreRefused() {
        startWithClock();
        Operator operator = new Operator(server);
        try (LineClient alice = new LineClient(server.port()).register("alice", PASSWORD);
             LineClient bob = new LineClient(server.port()).register("bob", PASSWORD)) {
            alice.awaitContaining("* bob joined");
            Reply mute = operator.execute("mute Bob 1h shouting");
            assertThat(mute.text()).isEqualTo("Muted Bob until 2026-12-01 13:00:00 Z: shouting.");
            assertThat(bob.awaitContaining("You are muted")).isEqualTo("* You are muted until 2026-12-01 13:00:00 Z:"
                    + " shouting: you can read the room, but your lines are not sent.");
            String refused = "! You are muted until 2026-12-01 13:00:00 Z: shouting; your line was not sent.";
            bob.send("HELLO EVERYONE");
            assertThat(bob.next()).isEqualTo(refused);
            bob.send("/me shouts");
            assertThat(bob.next()).isEqualTo(refused);
            bob.send("/msg alice psst");
            assertThat(bob.next()).isEqualTo(refused);
            alice.send("bob, calm down");
            assertThat(bob.awaitContaining("alice:")).endsWith("alice: bob, calm down");

            assertThat(operator.execute("unmute bob").text()).isEqualTo("Mute on Bob lifted.");
            bob.awaitContaining("You are no longer muted.");
            bob.send("sorry");
            assertThat(alice.awaitContaining("bob:")).endsWith("bob: sorry");
        }
        assertThat(server.recentHistory(10)).extracting(line -> line.text())
                .doesNotContain("HELLO EVERYONE", "shouts").contains("sorry");
        assertThat(logged()).contains("Muted Bob until 2026-12-01 13:00:00 Z: shouting", "Mute on Bob lifted");
    }

    @Test
    void bansAndMutesSurviveARestartOfTheServer() throws Exception {
        startWithClock();
        Operator operator = new Operator(server);
        operator.execute("ban dina 1w spam");
        operator.execute("ban 10.0.0.0/8");
        operator.execute("mute bob");
        server.close();

        startWithClock();
        assertThat(new Operator(server).execute("bans").lines()).containsExactly("3 bans and mutes:",
                "  ban   dina                  7d 00h left       spam",
                "  ban   10.0.0.0/8            until lifted",
                "  mute  bob                   until lifted");
        try (LineClient again = new LineClient(server.port())) {
            again.expectPrompt(Protocol.PROMPT_NAME);
            again.send("Dina");
            assertThat(again.readToEnd()).last().asString().startsWith("! 'Dina' is banned");
        }
    }

    @Test
    void badTargetsDurationsAndMissingArgumentsAreClearErrors() {
        startWithClock();
        Operator operator = new Operator(server);
        assertThat(operator.execute("ban").text()).isEqualTo("Usage: ban NAME|ADDRESS|CIDR [DURATION] [REASON];"
                + " DURATION is 30s, 10m, 2h, 1d, 1w, none for until lifted.");
        assertThat(operator.execute("ban 300.0.0.1").text()).isEqualTo("'300.0.0.1' is not an address: 300 is over 255");
        assertThat(operator.execute("ban dina 0m").text())
                .isEqualTo("A duration is from 1s to 3650d (ten years); leave it out for one until lifted.");
        assertThat(operator.execute("ban dina 99999w").ok()).isFalse();
        assertThat(operator.execute("ban dina 99999999999999999999d").text()).startsWith("A duration is from 1s");
        assertThat(operator.execute("mute 10.0.0.1").text()).startsWith("Only a name can be muted");
        assertThat(operator.execute("unban nobody").text()).isEqualTo("nobody is not banned. 'bans' lists the bans.");
        assertThat(operator.execute("unmute").text()).isEqualTo("Usage: unmute NAME");
        assertThat(operator.execute("bans").text()).isEqualTo("No bans or mutes.");
        assertThat(operator.execute("help").lines()).anyMatch(l -> l.startsWith("  ban TARGET [DURATION] [REASON]"))
                .anyMatch(l -> l.startsWith("  mute NAME [DURATION] [REASON]"));
    }
}
