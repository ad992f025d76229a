package org.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.switchboard.support.LineClient;
import org.switchboard.support.TestServer;

/**
 * Many people talking at once while others keep joining and leaving: through the shared room feed and
 * the writer lanes, every talker gets every other talker's lines, each sender's in the order sent, none
 * twice, none of its own, and its private messages among them.
 */
class FanoutOrderTest {
    static final int TALKERS = 8;
    static final int LINES = 200;
    static final int CHURNERS = 4;
    static final Pattern CHAT = Pattern.compile("t(\\d+): n(\\d+)$");
    static final Pattern PRIVATE = Pattern.compile("t(\\d+) \\(private\\): p(\\d+)$");

    @TempDir
    Path dir;

    @Test
    void everyTalkerGetsEveryOtherTalkersLinesInOrderWhilePeopleComeAndGo() throws Exception {
        String password = TestServer.PASSWORD;
        try (ChatServer server = TestServer.start(dir);
             ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<LineClient> talkers = new ArrayList<>();
            for (int i = 0; i < TALKERS; i++) {
                talkers.add(new LineClient(server.port()).register("t" + i, password));
            }
            AtomicBoolean talking = new AtomicBoolean(true);
            List<Future<?>> churn = new ArrayList<>();
            for (int c = 0; c < CHURNERS; c++) {
                String name = "c" + c;
                churn.add(threads.submit(() -> {
                    new LineClient(server.port()).register(name, password).send("/quit").readToEnd();
                    while (talking.get()) {
                        try (LineClient again = new LineClient(server.port()).signIn(name, password)) {
                            again.send("/quit").readToEnd();
                        }
                    }
                    return null;
                }));
            }
            List<Future<Map<Integer, List<Integer>>>> heard = new ArrayList<>();
            for (int i = 0; i < TALKERS; i++) {
                LineClient talker = talkers.get(i);
                heard.add(threads.submit(() -> listen(talker)));
            }
            List<Future<?>> sending = new ArrayList<>();
            for (int i = 0; i < TALKERS; i++) {
                int me = i;
                LineClient talker = talkers.get(i);
                sending.add(threads.submit(() -> {
                    for (int n = 0; n < LINES; n++) {
                        talker.send("n" + n);
                        if (n % 20 == 0) {
                            talker.send("/msg t" + ((me + 1) % TALKERS) + " p" + n);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : sending) {
                f.get(60, TimeUnit.SECONDS);
            }

            List<Integer> everyLine = new ArrayList<>();
            for (int n = 0; n < LINES; n++) {
                everyLine.add(n);
            }
            List<Integer> everyPrivate = new ArrayList<>();
            for (int n = 0; n < LINES; n += 20) {
                everyPrivate.add(n);
            }
            for (int i = 0; i < TALKERS; i++) {
                Map<Integer, List<Integer>> got = heard.get(i).get(60, TimeUnit.SECONDS);
                for (int from = 0; from < TALKERS; from++) {
                    if (from == i) {
                        assertThat(got).as("t%d hears its own lines", i).doesNotContainKey(from);
                    } else {
                        assertThat(got.get(from)).as("what t%d heard from t%d", i, from).isEqualTo(everyLine);
                    }
                }
                int sender = Math.floorMod(i - 1, TALKERS);
                assertThat(got.get(-1 - sender)).as("t%d's private messages from t%d", i, sender)
                        .isEqualTo(everyPrivate);
            }
            talking.set(false);
            for (Future<?> f : churn) {
                f.get(60, TimeUnit.SECONDS);
            }
            for (LineClient talker : talkers) {
                talker.close();
            }
        }
    }

    /**
     * Reads until every other talker's last line has come: sender → the numbers heard from it, in the
     * order heard (private messages under -1 - sender).
     */
    private static Map<Integer, List<Integer>> listen(LineClient talker) {
        Map<Integer, List<Integer>> got = new ConcurrentHashMap<>();
        int finished = 0;
        while (finished < TALKERS - 1) {
            String line = talker.next();
            if (line == null) {
                throw new AssertionError("connection closed; heard " + got);
            }
            Matcher chat = CHAT.matcher(line);
            Matcher direct = PRIVATE.matcher(line);
            if (direct.find()) {
                got.computeIfAbsent(-1 - Integer.parseInt(direct.group(1)), k -> new ArrayList<>())
                        .add(Integer.parseInt(direct.group(2)));
            } else if (chat.find()) {
                int n = Integer.parseInt(chat.group(2));
                got.computeIfAbsent(Integer.parseInt(chat.group(1)), k -> new ArrayList<>()).add(n);
                if (n == LINES - 1) {
                    finished++;
                }
            }
        }
        return got;
    }
}
