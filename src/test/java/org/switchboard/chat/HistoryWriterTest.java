package org.switchboard.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.switchboard.chat.HistoryTest.line;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The history writer alone: its thread, its queue and its file, with the disk slowed at will. */
@Timeout(30) // a writer that made its caller wait for the disk would hang these tests: fail them instead
class HistoryWriterTest {
    static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;
    SlowDisk disk;
    HistoryWriter writer;

    Path file() {
        return dir.resolve("history.txt");
    }

    /** A writer to an empty file behind {@link #disk}, whose gate is open. */
    void start(int limit) throws IOException {
        disk = new SlowDisk(file());
        writer = new HistoryWriter(file(), disk, limit, List.of(), 0, (level, message) -> { });
    }

    /** Opened first, so that a test failing with the gate shut does not leave the close waiting for ever. */
    @AfterEach
    void openTheGateAndClose() {
        disk.open();
        writer.close();
    }

    /** The texts of the lines in the file, in its order. */
    List<String> inFile() throws IOException {
        return Files.readAllLines(file()).stream().map(r -> ChatLine.fromRecord(r).orElseThrow().text()).toList();
    }

    static List<String> texts(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(i -> "line " + i).toList();
    }

    @Test
    void linesReachTheFileInTheOrderTheyWereAdded() throws Exception {
        start(10_000);
        for (int i = 1; i <= 2_000; i++) {
            writer.add(line(i));
        }
        writer.awaitWritten();
        assertThat(inFile()).isEqualTo(texts(1, 2_000));
        assertThat(disk.writes).allMatch(w -> w.startsWith("append ") && w.endsWith(" on " + HistoryWriter.THREAD_NAME));
    }

    @Test
    void addingDoesNotWaitForASlowDiskAndTheWaitingLinesGoInOneWrite() throws Exception {
        start(10_000);
        disk.shut();
        writer.add(line(1));
        await().atMost(WAIT).until(() -> disk.writes.size() == 1); // the writer waits at the gate with line 1
        for (int i = 2; i <= 1_000; i++) {
            writer.add(line(i)); // with the gate shut: an add that waited for the disk would never return
        }
        assertThat(writer.queued()).isEqualTo(999);
        assertThat(disk.writes).hasSize(1);
        disk.open();
        writer.awaitWritten();
        assertThat(disk.writes).containsExactly("append 1 on " + HistoryWriter.THREAD_NAME,
                "append 999 on " + HistoryWriter.THREAD_NAME);
        assertThat(inFile()).isEqualTo(texts(1, 1_000));
    }

    @Test
    void closeWritesEverythingStillQueuedAndEndsTheThread() throws Exception {
        start(10_000);
        disk.shut();
        writer.add(line(1));
        await().atMost(WAIT).until(() -> disk.writes.size() == 1);
        for (int i = 2; i <= 50; i++) {
            writer.add(line(i));
        }
        Thread closer = Thread.ofVirtual().start(writer::close);
        await().atMost(WAIT).until(() -> closer.getState() == Thread.State.WAITING); // close() waits for the writer
        assertThat(writer.queued()).isEqualTo(49);
        disk.open();
        closer.join();
        assertThat(inFile()).isEqualTo(texts(1, 50));
        assertThat(disk.writer.isAlive()).isFalse();
    }

    @Test
    void aLineAfterACloseStartsTheWriterAgain() throws Exception {
        start(100);
        writer.add(line(1));
        writer.close();
        Thread first = disk.writer;
        writer.add(line(2));
        writer.awaitWritten();
        assertThat(inFile()).isEqualTo(texts(1, 2));
        assertThat(first.isAlive()).isFalse();
        assertThat(disk.writer).isNotSameAs(first);
    }

    @Test
    void theTrimRunsOnTheWriterThreadAndKeepsTheNewestLimitLinesWhileLinesStillCome() throws Exception {
        start(5);
        for (int i = 1; i <= 9; i++) {
            writer.add(line(i));
            writer.awaitWritten();
        }
        assertThat(inFile()).isEqualTo(texts(1, 9));
        disk.shut();
        writer.add(line(10)); // the tenth line in the file would be twice the limit: a trim instead
        await().atMost(WAIT).until(() -> disk.writes.size() == 10);
        assertThat(disk.writes.getLast()).isEqualTo("replace 5 on " + HistoryWriter.THREAD_NAME);
        for (int i = 11; i <= 14; i++) {
            writer.add(line(i)); // while the trim waits for the disk
        }
        assertThat(inFile()).isEqualTo(texts(1, 9));
        disk.open();
        writer.awaitWritten();
        assertThat(disk.records.get(9)).map(r -> ChatLine.fromRecord(r).orElseThrow().text())
                .isEqualTo(texts(6, 10));
        assertThat(inFile()).isEqualTo(texts(6, 14));
    }

    @Test
    void aDiskSlowerThanTheRoomQueuesNoMoreThanTheLimitAndTheFileGetsTheNewestLines() throws Exception {
        start(5);
        disk.shut();
        writer.add(line(1));
        await().atMost(WAIT).until(() -> disk.writes.size() == 1);
        for (int i = 2; i <= 100; i++) {
            writer.add(line(i));
        }
        assertThat(writer.queued()).isEqualTo(5);
        disk.open();
        writer.awaitWritten();
        assertThat(disk.writes.getLast()).isEqualTo("replace 5 on " + HistoryWriter.THREAD_NAME);
        assertThat(inFile()).isEqualTo(texts(96, 100));
    }
}
