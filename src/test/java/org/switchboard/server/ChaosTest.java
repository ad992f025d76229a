package org.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.switchboard.auth.IdentityStore;
import org.switchboard.support.LineClient;
import org.switchboard.support.TestServer;

/**
 * Two people chat while 200 clients at once send random bytes, overlong lines and floods, stop halfway
 * through signing in or vanish with a reset. The server runs with its default limits (flood control,
 * 20 connections an address: the attackers come from 20 loopback addresses), platform threads so that
 * its threads can be counted (virtual ones do not show in Thread.getAllStackTraces), and a short sign-in timeout so that the test ends soon.
 */
class ChaosTest {
    static final int ATTACKERS = 200;
    static final int ADDRESSES = 20;
    static final int LINES = 20;
    static final String PASSWORD = TestServer.PASSWORD;

    @TempDir
    Path dir;

    @Test
    void theServerSurvivesTwoHundredHostileClientsAndTheTwoPeopleLoseNothing() throws Exception {
        try (ChatServer server = TestServer.start(dir, b -> b
                .flood(FloodLimits.DEFAULT)
                .maxClientsPerAddress(20)
                .threads(ThreadKind.PLATFORM)
                .signInTimeout(Duration.ofSeconds(2)))) {
            try (LineClient warmup = new LineClient(server.port()).register("warmup", PASSWORD)) {
                warmup.send("opens the history file"); // so that every data file is open before counting
                await().atMost(Duration.ofSeconds(10)).until(() -> server.recentHistory(1).size() == 1);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> server.stats().connections() == 0);
            long baseSockets = openSockets();
            long baseClientThreads = clientThreads();

            try (LineClient alice = new LineClient(server.port()).register("alice", PASSWORD);
                 LineClient bob = new LineClient(server.port()).register("bob", PASSWORD);
                 ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                alice.awaitContaining("* bob joined");
                CountDownLatch start = new CountDownLatch(1);
                List<Future<?>> attacks = new ArrayList<>();
                for (int i = 0; i < ATTACKERS; i++) {
                    int id = i;
                    attacks.add(pool.submit(() -> {
                        start.await();
                        attack(id, server.port());
                        return null;
                    }));
                }
                Future<List<String>> aliceHeard = pool.submit(() -> chat(alice, "alice", "bob"));
                Future<List<String>> bobHeard = pool.submit(() -> chat(bob, "bob", "alice"));
                start.countDown();
                for (Future<?> attack : attacks) {
                    attack.get(45, TimeUnit.SECONDS);
                }
                assertThat(aliceHeard.get(45, TimeUnit.SECONDS)).isEqualTo(expected("bob"));
                assertThat(bobHeard.get(45, TimeUnit.SECONDS)).isEqualTo(expected("alice"));

                // the server still accepts and signs in new clients
                try (LineClient carol = new LineClient(server.port()).register("carol", PASSWORD)) {
                    carol.send("after the storm");
                    assertThat(alice.awaitContaining("carol:")).endsWith("carol: after the storm");
                }
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> server.stats().connections() == 0);
            await().atMost(Duration.ofSeconds(20)).until(() -> clientThreads() <= baseClientThreads);
            try {
                await().atMost(Duration.ofSeconds(20)).until(() -> openSockets() <= baseSockets);
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                throw new AssertionError("open sockets " + openSockets() + " > " + baseSockets + ": " + fileNames(), e);
            }
        }
        assertThat(IdentityStore.open(dir.resolve("users.txt")).find("carol")).isPresent();
    }

    private static List<String> expected(String from) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < LINES; i++) {
            lines.add(from + ": line " + i + " from " + from);
        }
        return lines;
    }

    /** Sends LINES lines at a person's pace and collects every line the other person said. */
    private static List<String> chat(LineClient me, String name, String other) throws InterruptedException {
        Thread talking = Thread.ofVirtual().start(() -> {
            for (int i = 0; i < LINES; i++) {
                me.send("line " + i + " from " + name);
                try {
                    Thread.sleep(150);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        List<String> heard = new ArrayList<>();
        while (heard.size() < LINES) {
            String line = me.awaitContaining("] " + other + ": ");
            heard.add(line.substring(line.indexOf("] ") + 2));
        }
        talking.join();
        return heard;
    }

    private static void attack(int id, int port) {
        Random random = new Random(id);
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress("127.0.0." + (10 + id % ADDRESSES), 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            switch (id % 6) {
                case 0 -> { // random bytes, some of them line breaks and telnet commands
                    byte[] junk = new byte[1 + random.nextInt(16_384)];
                    random.nextBytes(junk);
                    out.write(junk);
                    drain(socket, 500);
                }
                case 1 -> { // overlong lines until the server hangs up
                    byte[] huge = new byte[20_000];
                    java.util.Arrays.fill(huge, (byte) 'A');
                    for (int i = 0; i < 6; i++) {
                        out.write(huge);
                        out.write('\n');
                    }
                    drain(socket, 15_000);
                }
                case 2 -> { // signs in, then floods
                    String name = "flood" + id;
                    out.write((name + "\r\n" + PASSWORD + "\r\n" + PASSWORD + "\r\n").getBytes(StandardCharsets.UTF_8));
                    StringBuilder flood = new StringBuilder();
                    for (int i = 0; i < 300; i++) {
                        flood.append("spam ").append(i).append("\r\n");
                    }
                    out.write(flood.toString().getBytes(StandardCharsets.UTF_8));
                    drain(socket, 200 + random.nextInt(1_500));
                    socket.setSoLinger(true, 0); // and vanishes with a reset
                }
                case 3 -> { // a name, then nothing: the sign-in deadline must close it
                    out.write(("half" + id + "\r\n").getBytes(StandardCharsets.UTF_8));
                    drain(socket, 15_000);
                }
                case 4 -> { // half a line, then a reset
                    out.write("alice\r\nhalf a pass".getBytes(StandardCharsets.UTF_8));
                    socket.setSoLinger(true, 0);
                }
                default -> { // escapes, NULs, invalid UTF-8 and telnet negotiation as lines
                    out.write(new byte[] {(byte) 255, (byte) 253, 1, 0x1b, '[', '2', 'J', 0, (byte) 0xc3, 0x28,
                        '\r', 0, (byte) 0xff, (byte) 0xff, '\n', (byte) 0xe2, (byte) 0x80, (byte) 0xae, '\n'});
                    drain(socket, 300);
                }
            }
        } catch (IOException e) {
            // the server hung up on an attacker: as it should
        }
    }

    /** Reads and throws away what the server sends, until it closes or the time is up. */
    private static void drain(Socket socket, int millis) throws IOException {
        socket.setSoTimeout(millis);
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[8192];
        try {
            while (in.read(buffer) >= 0) {
                // discard
            }
        } catch (java.net.SocketTimeoutException e) {
            // time is up
        }
    }

    private static long clientThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("client-")).count();
    }

    /** What each open file descriptor of this JVM points at. */
    private static List<String> fileNames() throws IOException {
        List<String> names = new ArrayList<>();
        try (var list = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : list.toList()) {
                try {
                    names.add(Files.readSymbolicLink(fd).toString());
                } catch (IOException e) {
                    // closed meanwhile
                }
            }
        }
        return names;
    }

    /** Sockets open in this JVM (server and test clients both): jars opened meanwhile do not count. */
    private static long openSockets() throws IOException {
        if (!Files.isDirectory(Path.of("/proc/self/fd"))) {
            return 0; // not Linux: the thread count still holds
        }
        return fileNames().stream().filter(n -> n.startsWith("socket:")).count();
    }
}
