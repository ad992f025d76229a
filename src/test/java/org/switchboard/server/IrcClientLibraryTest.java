package org.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import net.engio.mbassy.listener.Handler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kitteh.irc.client.library.Client;
import org.kitteh.irc.client.library.element.MessageTag;
import org.kitteh.irc.client.library.event.channel.ChannelCtcpEvent;
import org.kitteh.irc.client.library.event.channel.ChannelJoinEvent;
import org.kitteh.irc.client.library.event.channel.ChannelKickEvent;
import org.kitteh.irc.client.library.event.channel.ChannelMessageEvent;
import org.kitteh.irc.client.library.event.user.PrivateMessageEvent;
import org.kitteh.irc.client.library.event.user.PrivateNoticeEvent;
import org.kitteh.irc.client.library.feature.auth.SaslPlain;
import org.switchboard.support.LineClient;
import org.switchboard.support.ServerFixture;
import org.switchboard.support.TestServer;

/** A real IRC client that nobody here wrote (KittehIRCClientLib) against the IRC port. */
class IrcClientLibraryTest extends ServerFixture {
    static final String PASSWORD = TestServer.PASSWORD;
    private static final Duration WAIT = Duration.ofSeconds(15);
    private final List<Client> clients = new CopyOnWriteArrayList<>();

    /** What the client saw, as text: "join bob", "message bob hi", "ctcp bob ACTION waves", ... */
    public static final class Seen {
        final List<String> events = new CopyOnWriteArrayList<>();

        @Handler
        public void joined(ChannelJoinEvent e) {
            events.add("join " + e.getActor().getNick());
        }

        @Handler
        public void message(ChannelMessageEvent e) {
            boolean timed = e.getSource().getTags().stream().anyMatch(t -> t instanceof MessageTag.Time);
            events.add("message " + e.getActor().getNick() + " " + e.getMessage() + (timed ? " (timed)" : ""));
        }

        @Handler
        public void ctcp(ChannelCtcpEvent e) {
            events.add("ctcp " + e.getActor().getNick() + " " + e.getMessage());
        }

        @Handler
        public void privately(PrivateMessageEvent e) {
            events.add("private " + e.getActor().getNick() + " " + e.getMessage());
        }

        @Handler
        public void notice(PrivateNoticeEvent e) {
            events.add("notice " + e.getActor().getName() + " " + e.getMessage());
        }

        @Handler
        public void kicked(ChannelKickEvent e) {
            events.add("kick " + e.getTarget().getNick() + " " + e.getMessage());
        }

        void await(String event) {
            org.awaitility.Awaitility.await().atMost(WAIT).untilAsserted(() -> assertThat(events).contains(event));
        }
    }

    @BeforeEach
    void start() {
        server = TestServer.start(dir);
    }

    @AfterEach
    void shutdown() {
        clients.forEach(Client::shutdown);
    }

    private Client client(String nick, Seen seen, boolean sasl) {
        Client client = Client.builder().nick(nick).user("kitteh").realName("Kitteh")
                .server().host("127.0.0.1").port(server.ircPort().orElseThrow(), Client.Builder.Server.SecurityType.INSECURE)
                .then().build();
        clients.add(client);
        if (sasl) {
            client.getAuthManager().addProtocol(new SaslPlain(client, nick, PASSWORD));
        }
        client.getEventManager().registerEventListener(seen);
        client.addChannel("#switchboard");
        client.connect();
        return client;
    }

    private void registerOnLine(String name) {
        try (LineClient line = new LineClient(server.port()).register(name, PASSWORD)) {
            line.send("/quit");
            line.readToEnd();
        }
    }

    @Test
    void signsInWithSaslAndChatsWithALineUserBothWays() {
        registerOnLine("alice");
        Seen seen = new Seen();
        Client alice = client("alice", seen, true);
        seen.await("join alice");
        try (LineClient bob = new LineClient(server.port()).register("bob", PASSWORD)) {
            seen.await("join bob");
            bob.send("hi alice");
            seen.await("message bob hi alice");
            alice.sendMessage("#switchboard", "hello bob");
            assertThat(bob.awaitContaining("alice:")).endsWith("alice: hello bob");

            bob.send("/msg alice psst");
            seen.await("private bob psst");
            alice.sendMessage("bob", "hush");
            assertThat(bob.awaitContaining("(private)")).endsWith("alice (private): hush");

            bob.send("/me waves");
            seen.await("ctcp bob ACTION waves");
            alice.sendCtcpMessage("#switchboard", "ACTION nods");
            assertThat(bob.awaitContaining("nods")).endsWith("* alice nods");
        }
    }

    @Test
    void isKickedWithTheReason() {
        registerOnLine("alice");
        Seen seen = new Seen();
        client("alice", seen, true);
        seen.await("join alice");
        server.kick("alice", "be nice");
        await().atMost(WAIT).untilAsserted(() -> assertThat(seen.events)
                .anyMatch(e -> e.startsWith("kick alice ") && e.contains("be nice")));
    }

    @Test
    void registersANewNameThroughNickServ() {
        Seen seen = new Seen();
        Client carol = client("carol", seen, false);
        // registered with the server, not signed in: NickServ says how, once
        await().atMost(WAIT).untilAsserted(() -> assertThat(seen.events)
                .anyMatch(e -> e.startsWith("notice NickServ!") && e.contains("REGISTER")));
        carol.sendMessage("NickServ", "REGISTER " + PASSWORD);
        seen.await("join carol");
        assertThat(server.users()).extracting(u -> u.name()).containsExactly("carol");
    }

    @Test
    void getsTheHistoryWithServerTime() {
        try (LineClient bob = new LineClient(server.port()).register("bob", PASSWORD)) {
            bob.send("said before");
            bob.send("/users");
            bob.awaitContaining("online");
        }
        registerOnLine("alice");
        Seen seen = new Seen();
        client("alice", seen, true);
        seen.await("message bob said before (timed)");
    }

    @Test
    void isRefusedWhilePausedAndComesBackAfterResume() throws Exception {
        registerOnLine("alice");
        server.pause();
        Seen seen = new Seen();
        client("alice", seen, true);
        assertThat(server.users()).isEmpty();
        server.resume();
        // the library tries again by itself, as an IRC client does
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(seen.events).contains("join alice"));
    }
}
