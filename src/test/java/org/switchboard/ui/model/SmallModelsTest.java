package org.switchboard.ui.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.switchboard.chat.MemberInfo;
import org.switchboard.server.PortInfo;
import org.switchboard.server.ServerConfig;
import org.switchboard.server.ServerMode;
import org.switchboard.server.ServerState;
import org.switchboard.server.ServerStats;

/** Users list, command history, message rate and status texts, without the FX toolkit. */
class SmallModelsTest {
    static final Instant T0 = Instant.parse("2026-11-27T12:00:00Z");

    @Test
    void usersStaySortedByNameAndASecondSignInReplacesTheRow() {
        UsersModel users = new UsersModel(T0);
        MemberInfo bob = new MemberInfo("bob", "127.0.0.1:1", T0, "line");
        users.joined(bob);
        users.joined(new MemberInfo("Alice", "127.0.0.1:2", T0, "line"));
        users.joined(new MemberInfo("carol", "127.0.0.1:3", T0, "line"));
        assertThat(users.users()).extracting(MemberInfo::name).containsExactly("Alice", "bob", "carol");

        MemberInfo bobAgain = new MemberInfo("Bob", "127.0.0.1:4", T0.plusSeconds(5), "line");
        users.joined(bobAgain);
        users.left(bob); // the old session ends after the new one began: the new row stays
        assertThat(users.users()).extracting(MemberInfo::address)
                .containsExactly("127.0.0.1:2", "127.0.0.1:4", "127.0.0.1:3");
        users.left(bobAgain);
        assertThat(users.users()).extracting(MemberInfo::name).containsExactly("Alice", "carol");
    }

    @Test
    void connectedForIsShortAndReadable() {
        MemberInfo user = new MemberInfo("a", "x", T0, "line");
        assertThat(UsersModel.connectedFor(user, T0.plusSeconds(42))).isEqualTo("42s");
        assertThat(UsersModel.connectedFor(user, T0.plusSeconds(185))).isEqualTo("3m 05s");
        assertThat(UsersModel.connectedFor(user, T0.plusSeconds(2 * 3600 + 600))).isEqualTo("2h 10m");
        assertThat(UsersModel.connectedFor(user, T0.plusSeconds(3 * 86_400 + 3600))).isEqualTo("3d 01h");
        assertThat(UsersModel.connectedFor(user, T0.minusSeconds(5))).isEqualTo("0s");
    }

    @Test
    void commandHistoryWalksBackAndForthLikeAShell() {
        CommandHistory history = new CommandHistory(3);
        history.add("status");
        history.add("users");
        history.add("users");
        history.add("logs 5");
        assertThat(history.commands()).containsExactly("status", "users", "logs 5");
        assertThat(history.older()).contains("logs 5");
        assertThat(history.older()).contains("users");
        assertThat(history.older()).contains("status");
        assertThat(history.older()).isEmpty();
        assertThat(history.newer()).isEqualTo("users");
        assertThat(history.newer()).isEqualTo("logs 5");
        assertThat(history.newer()).isEmpty();
        history.add("pause");
        assertThat(history.commands()).containsExactly("users", "logs 5", "pause");
    }

    @Test
    void rateIsMessagesPerSecondOverTheWindowAndStartsOverWhenTheCounterDrops() {
        RateMeter meter = new RateMeter(5_000_000_000L);
        long second = 1_000_000_000L;
        assertThat(meter.sample(0, 0)).isZero();
        assertThat(meter.sample(100, second)).isEqualTo(100.0);
        assertThat(meter.sample(300, 2 * second)).isEqualTo(150.0);
        for (int s = 3; s <= 10; s++) {
            meter.sample(300 + (s - 2) * 50L, s * second);
        }
        assertThat(meter.sample(300 + 9 * 50L, 11 * second)).isEqualTo(50.0);
        assertThat(meter.sample(0, 12 * second)).isZero();
    }

    @Test
    void theStatusBadgeNamesEveryPortAfterTheFirstWithItsProtocol() {
        StatusModel status = new StatusModel();
        status.stats(new ServerStats(ServerState.LISTENING, 5050, ServerMode.CHAT, Duration.ZERO, 0, 0, 0, 0, 0,
                Duration.ZERO, 0, 6667), 0);
        status.ports(List.of(new PortInfo("chat", 5050, "line", false),
                new PortInfo("chat-tls", 5443, "line+TLS", true), new PortInfo("irc", 6667, "IRC", false),
                new PortInfo("irc-tls", 6697, "IRC+TLS", true)), "SHA256:AB");
        assertThat(status.badgeProperty().get())
                .isEqualTo("Listening on :5050 · line+TLS :5443 · IRC :6667 · IRC+TLS :6697");
        assertThat(status.ports()).extracting(PortInfo::port).containsExactly(5050, 5443, 6667, 6697);
        assertThat(status.fingerprintProperty().get()).isEqualTo("SHA256:AB");
        status.stateChanged(ServerState.PAUSED, 5050);
        assertThat(status.badgeProperty().get())
                .isEqualTo("Paused · :5050 · line+TLS :5443 · IRC :6667 · IRC+TLS :6697 closed");
        status.ports(List.of(new PortInfo("chat", 5050, "line", false)), null);
        assertThat(status.badgeProperty().get()).isEqualTo("Paused · :5050 closed");
        assertThat(status.fingerprintProperty().get()).isEmpty();
    }

    @Test
    void statusTextsSayStatePortClientsAndUptime() {
        StatusModel status = new StatusModel();
        assertThat(status.badgeProperty().get()).isEqualTo("Stopped");
        status.stats(new ServerStats(ServerState.LISTENING, 5050, ServerMode.CHAT, Duration.ofSeconds(3723), 4, 3, 7,
                10, 12, Duration.ZERO, 0, ServerConfig.IRC_OFF), 0);
        assertThat(status.badgeProperty().get()).isEqualTo("Listening on :5050");
        assertThat(status.clientsProperty().get()).isEqualTo("3 online · peak 7");
        assertThat(status.uptimeProperty().get()).isEqualTo("up 1:02:03");
        assertThat(status.registeredUsersProperty().get()).isEqualTo(12);
        status.stateChanged(ServerState.PAUSED, 5050);
        assertThat(status.badgeProperty().get()).isEqualTo("Paused · :5050 closed");
        assertThat(status.nobodyOnlineProperty().get()).doesNotContain("telnet").contains("Paused");
        status.stateChanged(ServerState.LISTENING, 5050);
        assertThat(status.nobodyOnlineProperty().get()).endsWith("Join with: telnet localhost 5050");
        status.stateChanged(ServerState.STOPPED, 5050);
        assertThat(status.nobodyOnlineProperty().get()).doesNotContain("telnet").contains("stopped");
        assertThat(LogModel.lineCount(1)).isEqualTo("1 line");
        assertThat(LogModel.lineCount(0)).isEqualTo("0 lines");
        assertThat(StatusModel.formatRate(2.345)).isEqualTo("2.3");
        assertThat(StatusModel.formatRate(1234.4)).isEqualTo("1,234");
    }

    @Test
    void chatKeepsTheNewestTenThousandLines() {
        ChatModel chat = new ChatModel();
        chat.append(java.util.stream.IntStream.range(0, 10_005)
                .mapToObj(i -> ChatEntry.notice(T0, "n" + i)).toList());
        chat.append(List.of(ChatEntry.notice(T0, "last")));
        assertThat(chat.lines()).hasSize(ChatModel.MAX_LINES);
        assertThat(chat.lines().getFirst().text()).isEqualTo("n6");
        assertThat(chat.lines().getLast().text()).isEqualTo("last");
    }
}
