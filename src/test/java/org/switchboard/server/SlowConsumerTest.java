package org.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.switchboard.support.LineClient;
import org.switchboard.support.TestServer;

/**
 * One client stops reading while fifty others chat: its outbox passes the limit and it is disconnected,
 * and every line reaches everyone else. (Flood control stays off: the fifty send faster than people.)
 * The bulk that fills the silent client's outbox comes as private messages, so that the room's own
 * traffic, which every talker must receive whole, stays small and the test fast.
 */
class SlowConsumerTest {
    static final int TALKERS = 50;
    static final String PADDING = "x".repeat(3_000);

    @TempDir
    Path dir;

    @Test
    void aClientThatNeverReadsIsDisconnectedAndEveryoneElseGetsEveryLine() throws Exception {
        try (ChatServer server = TestServer.start(dir); // the default outbox limit, 1 MiB
             Socket slow = new Socket();
             ExecutorService readers = Executors.newVirtualThreadPerTaskExecutor()) {
            slow.setReceiveBufferSize(4096);
            slow.connect(new InetSocketAddress("127.0.0.1", server.port()));
            String password = TestServer.PASSWORD;
            // answers the prompts without reading them, then never reads again
            slow.getOutputStream().write(("slow\r\n" + password + "\r\n" + password + "\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            await().atMost(Duration.ofSeconds(10)).until(() -> server.room().find("slow").isPresent());

            List<LineClient> talkers = new ArrayList<>();
            ConcurrentHashMap<Integer, ConcurrentLinkedQueue<String>> heard = new ConcurrentHashMap<>();
            List<Future<?>> reading = new ArrayList<>();
            try {
                for (int i = 0; i < TALKERS; i++) {
                    LineClient talker = new LineClient(server.port()).register("t" + i, password);
                    talkers.add(talker);
                    ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();
                    heard.put(i, lines);
                    reading.add(readers.submit(() -> {
                        for (String line = talker.next(); line != null; line = talker.next()) {
                            int at = line.indexOf(": msg ");
                            if (at > 0) {
                                lines.add(line.substring(at + 2, line.indexOf(' ', at + 6)));
                            }
                        }
                    }));
                }
                int rounds = 0;
                while (server.room().find("slow").isPresent() && rounds < 2_000) {
                    // talk like a busy room, not a benchmark: the readers stay within two rounds
                    int behind = (rounds - 2) * (TALKERS - 1);
                    await().atMost(Duration.ofSeconds(30))
                            .until(() -> heard.values().stream().allMatch(q -> q.size() >= behind));
                    sendRound(talkers, rounds++);
                    // what fills the silent client's outbox goes to it alone, so the test stays cheap
                    for (LineClient talker : talkers) {
                        talker.send("/msg slow " + PADDING);
                    }
                }
                assertThat(server.room().find("slow")).isEmpty();
                sendRound(talkers, rounds++);
                sendRound(talkers, rounds++);
                int total = rounds;
                for (int i = 0; i < TALKERS; i++) {
                    List<String> expected = new ArrayList<>();
                    for (int r = 0; r < total; r++) {
                        for (int from = 0; from < TALKERS; from++) {
                            if (from != i) {
                                expected.add("msg " + from + "/" + r);
                            }
                        }
                    }
                    ConcurrentLinkedQueue<String> lines = heard.get(i);
                    await().atMost(Duration.ofSeconds(30)).until(() -> lines.size() >= expected.size());
                    // per sender, in the order sent
                    for (int from = 0; from < TALKERS; from++) {
                        String prefix = "msg " + from + "/";
                        assertThat(lines.stream().filter(l -> l.startsWith(prefix)).toList())
                                .isEqualTo(expected.stream().filter(l -> l.startsWith(prefix)).toList());
                    }
                    assertThat(lines).hasSize(expected.size());
                }
                assertThat(server.log().tail(10_000)).anySatisfy(e -> assertThat(e.message())
                        .contains("slow").contains("disconnected: not reading"));
            } finally {
                talkers.forEach(LineClient::close);
            }
            for (Future<?> r : reading) {
                r.get(10, TimeUnit.SECONDS);
            }
        }
    }

    private static void sendRound(List<LineClient> talkers, int round) {
        for (int i = 0; i < talkers.size(); i++) {
            talkers.get(i).send("msg " + i + "/" + round + " in the busy room");
        }
    }
}
