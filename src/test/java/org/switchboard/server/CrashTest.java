package org.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.switchboard.auth.IdentityStore;
import org.switchboard.support.LineClient;
import org.switchboard.support.TestServer;

/**
 * A server in a child JVM is killed with SIGKILL in the middle of a registration storm. The identity
 * file must then parse and hold every registration the server acknowledged with its welcome.
 */
class CrashTest {
    static final int REGISTRARS = 12;

    @TempDir
    Path dir;

    @Test
    void killMinusNineDuringARegistrationStormLosesNoAcknowledgedUser() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "org.switchboard.app.Main", "serve", "--port", "0", "--tls-port", "0", "--irc-port", "0", "--irc-tls-port", "0", "--bind", "127.0.0.1",
                "--data-dir", dir.toString(), "--hash-iterations", "1000", "--max-per-address", "1000",
                "--flood-rate", "0", "--quiet")
                .redirectError(dir.resolve("stderr.txt").toFile())
                .start();
        try {
            int port = readPort(child);
            Set<String> acknowledged = ConcurrentHashMap.newKeySet();
            AtomicBoolean killed = new AtomicBoolean();
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int t = 0; t < REGISTRARS; t++) {
                    int registrar = t;
                    pool.submit(() -> {
                        for (int i = 0; !killed.get(); i++) {
                            String name = "user" + registrar + "x" + i;
                            try (LineClient client = new LineClient(port)) {
                                client.register(name, TestServer.PASSWORD);
                                acknowledged.add(name); // the welcome came: the server said it is stored
                            } catch (RuntimeException | AssertionError e) {
                                return; // the server died under us
                            }
                        }
                    });
                }
                await().atMost(Duration.ofSeconds(30)).until(() -> acknowledged.size() >= 40);
                killed.set(true);
                child.destroyForcibly(); // SIGKILL: no shutdown hook, no flush, mid-write
                assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
            }
            IdentityStore store = IdentityStore.open(dir.resolve("users.txt"));
            List<String> missing = new ArrayList<>();
            for (String name : acknowledged) {
                if (store.find(name).isEmpty()) {
                    missing.add(name);
                }
            }
            assertThat(missing).as("acknowledged but not in users.txt").isEmpty();
            assertThat(store.size()).isGreaterThanOrEqualTo(acknowledged.size());
        } finally {
            child.destroyForcibly();
        }
    }

    private static int readPort(Process child) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith("Listening on port ")) {
                int port = Integer.parseInt(line.substring("Listening on port ".length()).strip());
                // keep draining its output so that the child never blocks on a full pipe
                Thread.ofVirtual().start(() -> {
                    try {
                        while (out.readLine() != null) {
                            // discard
                        }
                    } catch (java.io.IOException e) {
                        // the child is gone
                    }
                });
                return port;
            }
        }
        throw new AssertionError("the child server did not start; exit " + child.waitFor());
    }
}
