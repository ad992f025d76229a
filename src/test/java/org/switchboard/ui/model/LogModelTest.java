package org.switchboard.ui.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.switchboard.log.LogEntry;
import org.switchboard.log.LogLevel;

/** The log pane's logic, without the FX toolkit. */
class LogModelTest {
    final LogModel log = new LogModel();

    static LogEntry entry(LogLevel level, String message) {
        return new LogEntry(Instant.parse("2026-11-27T12:00:00Z"), level, message);
    }

    @Test
    void textFilterHidesLinesThatDoNotContainItIgnoringCase() {
        log.append(List.of(entry(LogLevel.INFO, "Client 127.0.0.1:5000 connected"),
                entry(LogLevel.INFO, "Sign-in ok: alice"), entry(LogLevel.WARN, "Refused 10.0.0.1")));
        log.filterTextProperty().set("ALICE");
        assertThat(log.shown()).extracting(LogEntry::message).containsExactly("Sign-in ok: alice");
        log.filterTextProperty().set("");
        assertThat(log.shown()).hasSize(3);
    }

    @Test
    void levelFilterShowsThatLevelAndAbove() {
        log.append(List.of(entry(LogLevel.DEBUG, "d"), entry(LogLevel.INFO, "i"), entry(LogLevel.WARN, "w"),
                entry(LogLevel.ERROR, "e")));
        log.lowestLevelProperty().set(LogLevel.WARN);
        assertThat(log.shown()).extracting(LogEntry::message).containsExactly("w", "e");
    }

    @Test
    void keepsOnlyTheNewestTenThousandLines() {
        log.append(IntStream.range(0, 9_000).mapToObj(i -> entry(LogLevel.INFO, "a" + i)).toList());
        log.append(IntStream.range(0, 2_000).mapToObj(i -> entry(LogLevel.INFO, "b" + i)).toList());
        assertThat(log.size()).isEqualTo(LogModel.MAX_LINES);
        assertThat(log.shown().getFirst().message()).isEqualTo("a1000");
        assertThat(log.shown().getLast().message()).isEqualTo("b1999");
        log.append(IntStream.range(0, 12_000).mapToObj(i -> entry(LogLevel.INFO, "c" + i)).toList());
        assertThat(log.size()).isEqualTo(LogModel.MAX_LINES);
        assertThat(log.shown().getFirst().message()).isEqualTo("c2000");
    }

    @Test
    void whileNotFollowingItCountsNewLinesThatPassTheFilterUntilTheJumpBack() {
        log.lowestLevelProperty().set(LogLevel.INFO);
        log.append(List.of(entry(LogLevel.INFO, "before")));
        assertThat(log.newLinesProperty().get()).isZero();

        log.followingProperty().set(false);
        log.append(List.of(entry(LogLevel.INFO, "one"), entry(LogLevel.DEBUG, "hidden"), entry(LogLevel.WARN, "two")));
        assertThat(log.newLinesProperty().get()).isEqualTo(2);

        log.jumpToEnd();
        assertThat(log.followingProperty().get()).isTrue();
        assertThat(log.newLinesProperty().get()).isZero();
        log.append(List.of(entry(LogLevel.INFO, "three")));
        assertThat(log.newLinesProperty().get()).isZero();
    }

    @Test
    void clearEmptiesTheLinesAndTheCount() {
        log.followingProperty().set(false);
        log.append(List.of(entry(LogLevel.INFO, "x")));
        log.clear();
        assertThat(log.shown()).isEmpty();
        assertThat(log.emptyProperty().get()).isTrue();
        assertThat(log.newLinesProperty().get()).isZero();
    }

    @Test
    void exportTextIsWhatThePaneShowsInServerLogFormat() {
        log.append(List.of(entry(LogLevel.INFO, "keep me"), entry(LogLevel.INFO, "not me")));
        log.filterTextProperty().set("keep");
        assertThat(log.shownText(java.time.ZoneOffset.UTC)).containsExactly("2026-11-27 12:00:00.000 INFO  keep me");
    }
}
