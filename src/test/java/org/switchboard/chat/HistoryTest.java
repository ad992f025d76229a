package org.switchboard.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class HistoryTest {
    @TempDir
    Path dir;

    static ChatLine line(int i) {
        return new ChatLine(Instant.parse("2026-01-01T12:00:00Z").plusSeconds(i), ChatLine.Kind.MESSAGE, "alice",
                "line " + i);
    }

    static List<String> texts(List<ChatLine> lines) {
        return lines.stream().map(ChatLine::text).toList();
    }

    @Test
    void aTornLastLineIsSkippedOnLoadEvenWhenWhatIsLeftStillParses() throws Exception {
        Path file = dir.resolve("history.txt");
        String torn = line(3).toRecord().substring(0, line(3).toRecord().length() - 2); // "line 3" cut to "line"
        Files.writeString(file, line(1).toRecord() + "\n" + line(2).toRecord() + "\n" + torn);
        try (History history = new History(file, 100)) {
            assertThat(texts(history.recent(10))).containsExactly("line 1", "line 2");
            assertThat(history.skippedOnLoad()).isEqualTo(1);
            history.append(line(4));
        }
        try (History again = new History(file, 100)) {
            assertThat(texts(again.recent(10))).containsExactly("line 1", "line 2", "line 4");
            assertThat(again.skippedOnLoad()).isZero(); // the torn line was cut off the file
        }
    }

    @Test
    void unreadableLinesAreSkippedNotFatal() throws Exception {
        Path file = dir.resolve("history.txt");
        Files.write(file, (line(1).toRecord() + "\nnot a record\n\u0000\u00ff garbage\t\t\n" + line(2).toRecord() + "\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        try (History history = new History(file, 100)) {
            assertThat(texts(history.recent(10))).containsExactly("line 1", "line 2");
            assertThat(history.skippedOnLoad()).isEqualTo(2);
        }
    }

    @Test
    void theFileIsTrimmedToItsBoundAndKeepsTheNewestLines() throws Exception {
        Path file = dir.resolve("history.txt");
        try (History history = new History(file, 5)) {
            for (int i = 1; i <= 23; i++) {
                history.append(line(i));
                history.awaitWritten();
                assertThat(Files.readAllLines(file).size()).isLessThan(10);
            }
            assertThat(texts(history.recent(100))).containsExactly("line 19", "line 20", "line 21", "line 22", "line 23");
        }
        try (History reopened = new History(file, 5)) {
            assertThat(texts(reopened.recent(100))).containsExactly("line 19", "line 20", "line 21", "line 22", "line 23");
        }
    }

    @Test
    void aFileLongerThanALoweredLimitIsTrimmedAtStart() throws Exception {
        Path file = dir.resolve("history.txt");
        StringBuilder text = new StringBuilder();
        IntStream.rangeClosed(1, 50).forEach(i -> text.append(line(i).toRecord()).append('\n'));
        Files.writeString(file, text, StandardOpenOption.CREATE);
        try (History history = new History(file, 4)) {
            assertThat(texts(history.recent(100))).containsExactly("line 47", "line 48", "line 49", "line 50");
        }
        assertThat(Files.readAllLines(file)).hasSize(4).last().asString().endsWith("line 50");
    }

    @Test
    void aFileThatCannotBeWrittenIsReportedOnceAndAgainWhenItRecovers() throws Exception {
        Path file = dir.resolve("history.txt");
        List<String> problems = new CopyOnWriteArrayList<>(); // added to on the writer thread
        try (History history = new History(file, 100, (level, message) -> problems.add(level + " " + message))) {
            Files.createDirectories(file.resolve("blocker")); // the disk "fails": a folder where the file goes
            for (int i = 1; i <= 3; i++) {
                history.append(line(i));
                history.awaitWritten(); // one write each: three failures, one report
            }
            assertThat(problems).hasSize(1);
            assertThat(problems.getFirst()).startsWith("WARN Cannot write the history file " + file + ": ");
            assertThat(texts(history.recent(10))).containsExactly("line 1", "line 2", "line 3");
            Files.delete(file.resolve("blocker"));
            Files.delete(file);
            history.append(line(4));
            history.awaitWritten();
            assertThat(problems).hasSize(2);
            assertThat(problems.get(1)).isEqualTo("INFO The history file " + file + " can be written again");
        }
        try (History again = new History(file, 100)) {
            assertThat(texts(again.recent(10))).containsExactly("line 4");
        }
    }

    @Test
    @Timeout(30) // an append that waited for the stuck disk would hang: fail instead
    void appendKeepsTheLineInMemoryAtOnceAndDoesNotWaitForTheFile() throws Exception {
        Path file = dir.resolve("history.txt");
        SlowDisk disk = new SlowDisk(file);
        History history = new History(file, 100, (level, message) -> { }, disk);
        try {
            disk.shut();
            history.append(line(1));
            await().atMost(Duration.ofSeconds(10)).until(() -> disk.writes.size() == 1); // stuck at the gate
            history.append(line(2)); // with the disk stuck: an append that waited for it would never return
            assertThat(texts(history.recent(10))).containsExactly("line 1", "line 2");
            assertThat(history.size()).isEqualTo(2);
            assertThat(file).doesNotExist();
        } finally {
            disk.open();
            history.close();
        }
        assertThat(Files.readAllLines(file)).containsExactly(line(1).toRecord(), line(2).toRecord());
    }

    @Test
    void theFileHasTheLinesInTheOrderOfTheMemoryWhenManyThreadsAppend() throws Exception {
        Path file = dir.resolve("history.txt");
        try (History history = new History(file, 10_000)) {
            AtomicInteger next = new AtomicInteger();
            List<Thread> talkers = IntStream.range(0, 4).mapToObj(t -> Thread.ofVirtual().start(() -> {
                for (int i = 0; i < 500; i++) {
                    history.append(line(next.incrementAndGet()));
                }
            })).toList();
            for (Thread talker : talkers) {
                talker.join();
            }
            history.awaitWritten();
            assertThat(Files.readAllLines(file)).isEqualTo(history.recent(10_000).stream().map(ChatLine::toRecord).toList())
                    .hasSize(2_000);
        }
    }

    @Test
    void aLineAppendedAfterACloseReachesTheFileToo() throws Exception {
        Path file = dir.resolve("history.txt");
        History history = new History(file, 100);
        history.append(line(1));
        history.close(); // as the server's stop does; it may start again with the same history
        history.append(line(2));
        history.close();
        try (History again = new History(file, 100)) {
            assertThat(texts(again.recent(10))).containsExactly("line 1", "line 2");
        }
    }
}
