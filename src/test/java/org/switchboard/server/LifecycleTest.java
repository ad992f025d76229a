package org.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.switchboard.support.LineClient;
import org.switchboard.support.ServerFixture;
import org.switchboard.support.TestServer;

class LifecycleTest extends ServerFixture {
    static final String PASSWORD = TestServer.PASSWORD;

    final List<ServerEvent> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        server = TestServer.start(dir);
        server.addListener(events::add);
    }

    @Test
    void pausedServerRefusesNewConnectionsWhileSignedInUsersKeepChatting() {
        try (LineClient alice = new LineClient(server.port()).register("alice", PASSWORD);
             LineClient bob = new LineClient(server.port()).register("bob", PASSWORD)) {
            alice.awaitContaining("* bob joined");
            assertThat(server.pause()).isTrue();
            assertThat(server.state()).isEqualTo(ServerState.PAUSED);
            assertThatThrownBy(() -> connect(server.port())).isInstanceOf(ConnectException.class);
            alice.send("still here");
            assertThat(bob.awaitContaining("alice:")).endsWith("alice: still here");
        }
        assertThat(events).contains(new ServerEvent.StateChanged(ServerState.PAUSED, server.port()));
    }

    @Test
    void clientsArrivingWhileTheServerStartsAndStopsAreServedOrRefusedNeverDropped() throws Exception {
        int port = server.port();   // each start binds the port the first one got
        AtomicBoolean done = new AtomicBoolean();
        AtomicInteger greeted = new AtomicInteger();
        List<Thread> knockers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            knockers.add(Thread.ofPlatform().daemon().start(() -> {
                while (!done.get()) {
                    try (Socket socket = new Socket()) {
                        socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
                        socket.setSoTimeout(5_000);
                        if (new String(socket.getInputStream().readNBytes(11), StandardCharsets.UTF_8)
                                .equals("Switchboard")) {
                            greeted.incrementAndGet();
                        }
                    } catch (IOException e) {
                        // refused while stopped, or reset as the stop closes the port: both fine
                    }
                }
            }));
        }
        try {
            for (int i = 0; i < 20; i++) {
                server.stop();
                assertThat(server.start()).isTrue();
                Thread.sleep(20);
            }
        } finally {
            done.set(true);
            for (Thread knocker : knockers) {
                knocker.join(10_000);
            }
        }
        assertThat(greeted).hasPositiveValue();
        // a client let in before the start had made its threads was dropped with this warning
        assertThat(Files.readString(dir.resolve("server.log"))).doesNotContain("Could not serve");
    }

    @Test
    void resumeAcceptsAgainOnTheSamePort() throws Exception {
        int port = server.port();
        server.pause();
        assertThat(server.resume()).isTrue();
        assertThat(server.port()).isEqualTo(port);
        try (LineClient carol = new LineClient(port)) {
            carol.register("carol", PASSWORD);
        }
        assertThat(server.log().tail(100)).extracting(e -> e.message())
                .contains("Paused: port " + port + " closed to new connections", "Resumed: listening on port " + port);
    }

    @Test
    void stopTellsAndClosesEveryClientAndEndsEveryThread() throws Exception {
        // Platform threads, so that the thread count below can see them (virtual threads are not listed).
        server.close();
        server = TestServer.start(dir, b -> b.threads(ThreadKind.PLATFORM));
        long before = clientThreads();
        List<LineClient> clients = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            clients.add(new LineClient(server.port()).register("user" + i, PASSWORD));
        }
        // a reader thread per client; the writer lanes and the read poller are the server's own
        assertThat(clientThreads()).isGreaterThanOrEqualTo(before + 5);
        assertThat(serverThreads()).contains("switchboard-acceptor-chat", "switchboard-read-poller", "switchboard-writer-1");
        assertThat(server.stop()).isTrue();
        for (LineClient client : clients) {
            assertThat(client.readToEnd()).contains("* The server is shutting down. Goodbye.");
            client.close();
        }
        assertThat(server.state()).isEqualTo(ServerState.STOPPED);
        assertThat(server.stats().connections()).isZero();
        assertThatThrownBy(() -> connect(server.port())).isInstanceOf(ConnectException.class);
        await().atMost(Duration.ofSeconds(5)).until(() -> clientThreads() <= before);
        await().atMost(Duration.ofSeconds(5)).until(() -> serverThreads().isEmpty());
        assertThat(server.log().tail(1).get(0).message()).isEqualTo("Server stopped");
    }

    @Test
    void aStoppedServerCanStartAgain() throws Exception {
        server.stop();
        server.start();
        try (LineClient client = new LineClient(server.port())) {
            client.register("dave", PASSWORD);
        }
    }

    @Test
    void clearLogsEmptiesTheLogFileAndMemory() throws Exception {
        new LineClient(server.port()).register("alice", PASSWORD).close();
        // the server logs the disconnect on its own thread: let it land before clearing
        await().atMost(Duration.ofSeconds(5)).until(() -> server.stats().connections() == 0);
        assertThat(Files.size(dir.resolve("server.log"))).isPositive();
        server.clearLogs();
        assertThat(Files.size(dir.resolve("server.log"))).isZero();
        assertThat(server.log().tail(100)).isEmpty();
    }

    @Test
    void aLeaveCausedByAStopSaysSoInTheLogAndToThePanel() throws Exception {
        try (LineClient dina = new LineClient(server.port()).register("dina", PASSWORD)) {
            server.stop();
            dina.readToEnd();
        }
        assertThat(events).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(ServerEvent.UserLeft.class,
                left -> assertThat(left.member().name() + " " + left.reason()).isEqualTo("dina left: the server stopped")));
        assertThat(Files.readString(dir.resolve("server.log"))).containsPattern(
                "INFO  dina \\(127\\.0\\.0\\.1:\\d+\\) left: the server stopped\\n");
    }

    @Test
    void theLogHasOneTimestampedLinePerEvent() throws Exception {
        try (LineClient alice = new LineClient(server.port()).register("alice", PASSWORD)) {
            alice.send("/quit");
            alice.readToEnd();
        }
        server.pause();
        server.resume();
        server.stop();
        List<String> lines = Files.readAllLines(dir.resolve("server.log"));
        assertThat(lines).allMatch(l -> l.matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} (INFO |WARN |ERROR|DEBUG) .+"));
        String all = String.join("\n", lines);
        assertThat(all).contains("Server started", "Listening on port", "Client 127.0.0.1:", "connected",
                "Registered new user alice", "Sign-in ok: alice", "alice (127.0.0.1:", "Paused", "Resumed",
                "disconnected", "Server stopped");
    }

    @Test
    void aPortInUseIsAClearError() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            ChatServer second = new ChatServer(TestServer.config(dir.resolve("b")).port(taken.getLocalPort()).build());
            Files.createDirectories(dir.resolve("b"));
            assertThatThrownBy(second::start).isInstanceOf(IOException.class);
            assertThat(second.state()).isEqualTo(ServerState.STOPPED);
            assertThat(second.log().tail(1).get(0).message()).startsWith("Cannot listen on port " + taken.getLocalPort());
            second.close();
        }
    }

    @Test
    void closeIsIdempotent() {
        server.close();
        server.close();
        assertThat(server.state()).isEqualTo(ServerState.STOPPED);
    }

    private static void connect(int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
        }
    }

    /** The acceptor, the read poller and the writer lanes that are alive. */
    private static List<String> serverThreads() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .filter(n -> n.startsWith("switchboard-acceptor-") || n.equals("switchboard-read-poller")
                        || n.startsWith("switchboard-writer-"))
                .toList();
    }

    private static long clientThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("client-")).count();
    }
}
