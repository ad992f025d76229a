package org.switchboard.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ActivityLogTest {
    @TempDir
    Path dir;
    final Clock clock = Clock.fixed(Instant.parse("2026-01-01T12:00:00Z"), ZoneOffset.UTC);

    @Test
    void aTornLastLineIsSkippedWithAWarningAndTheNextEntryStartsOnItsOwnLine() throws Exception {
        Path file = dir.resolve("server.log");
        Files.writeString(file, "2026-01-01 11:00:00.000 INFO  Server started\n"
                + "2026-01-01 11:00:01.000 INFO  Client 127.0.0.1:5 conn");
        try (ActivityLog log = new ActivityLog(file, 100, clock)) {
            assertThat(log.tail(10)).extracting(LogEntry::message).containsExactly("Server started",
                    "Skipped the torn last line of server.log (the server stopped mid-write)");
            assertThat(log.tail(10).get(1).level()).isEqualTo(LogLevel.WARN);
            log.info("after the crash");
        }
        assertThat(Files.readAllLines(file)).containsExactly(
                "2026-01-01 11:00:00.000 INFO  Server started",
                "2026-01-01 12:00:00.000 WARN  Skipped the torn last line of server.log (the server stopped mid-write)",
                "2026-01-01 12:00:00.000 INFO  after the crash");
    }

    @Test
    void controlCharactersCannotForgeOrPaintLogLines() throws Exception {
        Path file = dir.resolve("server.log");
        try (ActivityLog log = new ActivityLog(file, 100, clock)) {
            log.info("Wrong password for x\r\n2026-01-01 12:00:00.000 INFO  Sign-in ok: admin\u001b[31m red");
        }
        assertThat(Files.readAllLines(file)).hasSize(1).first().asString()
                .doesNotContain("\u001b").doesNotContain("\r");
    }

    @Test
    void aFileThatCannotBeWrittenIsOneWarningInMemoryAndTheRecoveryIsWritten() throws Exception {
        Path file = dir.resolve("server.log");
        List<String> seen = new ArrayList<>();
        try (ActivityLog log = new ActivityLog(file, 100, clock)) {
            log.addListener(entry -> seen.add(entry.message()));
            Files.createDirectories(file.resolve("blocker")); // the disk "fails": a folder where the file goes
            log.info("one");
            log.info("two");
            List<LogEntry> shown = log.tail(10);
            assertThat(shown).extracting(LogEntry::message).hasSize(3).startsWith("one").endsWith("two");
            assertThat(shown.get(1).level()).isEqualTo(LogLevel.WARN);
            assertThat(shown.get(1).message()).startsWith("Cannot write the activity log " + file + ": ")
                    .endsWith("; the log goes on in memory until the file can be written");
            assertThat(seen).hasSize(3);
            Files.delete(file.resolve("blocker"));
            Files.delete(file);
            log.info("three");
        }
        assertThat(Files.readAllLines(file)).containsExactly(
                "2026-01-01 12:00:00.000 INFO  three",
                "2026-01-01 12:00:00.000 INFO  The activity log " + file
                        + " can be written again (the lines in between are only in memory)");
    }
}
