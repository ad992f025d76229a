package org.switchboard.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
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
}
