package org.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.switchboard.support.LineClient;
import org.switchboard.support.ServerFixture;
import org.switchboard.support.TestServer;

class EchoModeTest extends ServerFixture {
    @Test
    void twentyClientsAtOnceEachGetTheirOwnLinesBack() throws Exception {
        server = TestServer.start(dir, b -> b.mode(ServerMode.ECHO));
        int clients = 20;
        CountDownLatch allConnected = new CountDownLatch(clients);
        try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            List<Future<List<String>>> results = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                int id = i;
                results.add(pool.submit(() -> {
                    try (LineClient client = new LineClient(server.port())) {
                        allConnected.countDown();
                        allConnected.await(10, TimeUnit.SECONDS);
                        List<String> echoed = new ArrayList<>();
                        for (int line = 0; line < 50; line++) {
                            client.send("client " + id + " line " + line + " привет");
                            echoed.add(client.next());
                        }
                        return echoed;
                    }
                }));
            }
            for (int i = 0; i < clients; i++) {
                List<String> expected = new ArrayList<>();
                for (int line = 0; line < 50; line++) {
                    expected.add("client " + i + " line " + line + " привет");
                }
                assertThat(results.get(i).get(30, TimeUnit.SECONDS)).containsExactlyElementsOf(expected);
            }
        }
        assertThat(server.stats().connections()).isLessThanOrEqualTo(clients);
    }

    @Test
    void echoNeedsNoSignInAndSendsNoBanner() {
        server = TestServer.start(dir, b -> b.mode(ServerMode.ECHO));
        try (LineClient client = new LineClient(server.port())) {
            client.send("first line");
            assertThat(client.next()).isEqualTo("first line");
        }
    }
}
