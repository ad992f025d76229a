package org.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.switchboard.auth.IdentityStore;
import org.switchboard.protocol.Protocol;
import org.switchboard.support.LineClient;
import org.switchboard.support.TestServer;

class RegistrationRaceTest {
    @TempDir
    Path dir;

    @Test
    void twentyClientsRegisteringTheSameNameAtOnceLeaveExactlyOneWinner() throws Exception {
        int clients = 20;
        try (ChatServer server = TestServer.start(dir)) {
            CountDownLatch ready = new CountDownLatch(clients);
            List<Future<String>> answers = new ArrayList<>();
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < clients; i++) {
                    answers.add(pool.submit(() -> {
                        try (LineClient client = new LineClient(server.port())) {
                            client.expectPrompt(Protocol.PROMPT_NAME);
                            client.send("Zoë");
                            client.expectPrompt(Protocol.PROMPT_NEW_PASSWORD);
                            client.send(TestServer.PASSWORD);
                            client.expectPrompt(Protocol.PROMPT_REPEAT_PASSWORD);
                            ready.countDown();
                            ready.await(20, TimeUnit.SECONDS); // everyone at the last step, then all at once
                            client.send(TestServer.PASSWORD);
                            return client.await(l -> l.startsWith("Welcome") || l.startsWith("! Somebody"));
                        }
                    }));
                }
                List<String> results = new ArrayList<>();
                for (Future<String> answer : answers) {
                    results.add(answer.get(30, TimeUnit.SECONDS));
                }
                assertThat(results).filteredOn(r -> r.startsWith("Welcome")).containsExactly("Welcome, Zoë!");
                assertThat(results).filteredOn(r -> r.startsWith("! Somebody")).hasSize(clients - 1)
                        .allMatch(r -> r.equals("! Somebody registered 'Zoë' a moment ago. Choose another name."));
            }
        }
        assertThat(IdentityStore.open(dir.resolve("users.txt")).size()).isEqualTo(1);
    }
}
