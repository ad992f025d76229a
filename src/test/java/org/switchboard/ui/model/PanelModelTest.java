package org.switchboard.ui.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.switchboard.chat.ChatLine;
import org.switchboard.chat.MemberInfo;
import org.switchboard.control.Operator;
import org.switchboard.log.LogEntry;
import org.switchboard.log.LogLevel;
import org.switchboard.server.ChatServer;
import org.switchboard.server.ServerEvent;
import org.switchboard.server.ServerState;
import org.switchboard.support.LineClient;
import org.switchboard.support.TestServer;

/**
 * The panel's model against a real server, without the FX toolkit: the "FX thread" here is the test
 * thread, which runs what the model posts whenever it calls {@link #pump()}.
 */
class PanelModelTest {
    static final Instant T0 = Instant.parse("2026-11-27T12:00:00Z");
    /** The server's clock runs 400 days behind the real one: a time the panel took from elsewhere shows. */
    static final Duration SERVER_BEHIND = Duration.ofDays(400);

    @TempDir
    Path dir;
    ChatServer server;
    PanelModel model;
    final ConcurrentLinkedQueue<Runnable> posted = new ConcurrentLinkedQueue<>();

    @BeforeEach
    void create() {
        server = new ChatServer(TestServer.config(dir).build(),
                Clock.offset(Clock.systemDefaultZone(), SERVER_BEHIND.negated()));
        model = new PanelModel(new Operator(server), posted::add);
    }

    @AfterEach
    void close() throws InterruptedException {
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        model.shutdown(done::countDown); // stops the server, the worker and the status poller
        assertThat(done.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(server.state()).isEqualTo(ServerState.STOPPED);
    }

    void pump() {
        for (Runnable task = posted.poll(); task != null; task = posted.poll()) {
            task.run();
        }
    }

    void awaitPumped(java.util.function.BooleanSupplier condition) {
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            pump();
            return condition.getAsBoolean();
        });
    }

    @Test
    void openingStartsTheServerAndShowsTheHistoryAndLogItAlreadyHas() throws Exception {
        Files.writeString(dir.resolve("history.txt"),
                new ChatLine(T0, ChatLine.Kind.MESSAGE, "alice", "from yesterday").toRecord() + "\n");
        model.open();
        awaitPumped(() -> model.status().state() == ServerState.LISTENING && !model.chat().lines().isEmpty());
        assertThat(model.chat().lines()).extracting(ChatEntry::text).containsExactly("from yesterday");
        assertThat(model.log().shown()).extracting(LogEntry::message).contains("Listening on port " + server.port());
        assertThat(model.startProblemProperty().get()).isEmpty();
    }

    @Test
    void aBatchAppliesEventsInOrderAndAClearedLogDropsWhatCameBeforeIt() {
        MemberInfo alice = new MemberInfo("alice", "127.0.0.1:1", T0, "line");
        model.apply(inputs(
                new LogEntry(T0, LogLevel.INFO, "old line"),
                new ServerEvent.LogsCleared(),
                new LogEntry(T0, LogLevel.INFO, "new line"),
                new ServerEvent.UserJoined(alice),
                new ServerEvent.Message(new ChatLine(T0, ChatLine.Kind.MESSAGE, "alice", "hi")),
                new ServerEvent.StateChanged(ServerState.PAUSED, 4000)));
        assertThat(model.log().shown()).extracting(LogEntry::message).containsExactly("new line");
        assertThat(model.users().users()).containsExactly(alice);
        assertThat(model.chat().lines()).extracting(ChatEntry::kind, ChatEntry::text).containsExactly(
                org.assertj.core.groups.Tuple.tuple(ChatEntry.Kind.NOTICE, "alice joined"),
                org.assertj.core.groups.Tuple.tuple(ChatEntry.Kind.MESSAGE, "hi"));
        assertThat(model.status().badgeProperty().get()).isEqualTo("Paused · :4000 closed");

        model.apply(inputs(new ServerEvent.UserLeft(alice, "left"),
                new ServerEvent.StateChanged(ServerState.STOPPED, 4000)));
        assertThat(model.users().users()).isEmpty();
        assertThat(model.chat().lines().getLast().text()).isEqualTo("alice left");
    }

    @Test
    void commandsRunOffTheCallingThreadAndTheirRepliesReachTheConsole() {
        model.open();
        awaitPumped(() -> model.status().state() == ServerState.LISTENING);
        model.runCommand("  status ");
        assertThat(model.console()).containsExactly("> status");
        awaitPumped(() -> model.console().size() > 1);
        assertThat(model.console().get(1)).startsWith("Server listening on port " + server.port());
        assertThat(model.commandHistory().commands()).containsExactly("status");
        assertThat(model.busyProperty().get()).isFalse();
    }

    @Test
    void aPrivateMessageShowsInTheChatPaneOnlyWhenItWasDelivered() {
        model.open();
        awaitPumped(() -> model.status().state() == ServerState.LISTENING);
        try (LineClient dora = new LineClient(server.port()).register("dora", TestServer.PASSWORD)) {
            model.tell("nobody", "hello?");
            model.tell("dora", "welcome");
            dora.awaitContaining("server (private): welcome");
            awaitPumped(() -> model.messageProperty().get().startsWith("Sent to dora"));
            assertThat(model.chat().lines()).filteredOn(e -> e.kind() == ChatEntry.Kind.PRIVATE)
                    .extracting(ChatEntry::from, ChatEntry::text)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("to dora", "welcome"));
        }
    }

    @Test
    void aPrivateMessageTypedAsACommandShowsInTheChatPaneToo() {
        model.open();
        awaitPumped(() -> model.status().state() == ServerState.LISTENING);
        try (LineClient eli = new LineClient(server.port()).register("eli", TestServer.PASSWORD)) {
            model.runCommand("msg nobody hello?");
            model.runCommand("tell eli   your turn ");
            eli.awaitContaining("server (private): your turn");
            awaitPumped(() -> model.messageProperty().get().startsWith("Sent to eli"));
            assertThat(model.chat().lines()).filteredOn(e -> e.kind() == ChatEntry.Kind.PRIVATE)
                    .extracting(ChatEntry::from, ChatEntry::text)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("to eli", "your turn"));
        }
    }

    @Test
    void aReplyOfManyLinesIsSummedUpByItsFirstLineWhileTheConsoleGetsThemAll() {
        model.runCommand("help");
        awaitPumped(() -> model.console().size() > 1);
        assertThat(model.console()).endsWith("The assignment's names work too: TurnOffServer, Pause, RemovePause,"
                + " Logs, DeleteLogs, DeleteUsers.");
        int more = model.console().size() - 2; // the command and the first line
        assertThat(model.messageProperty().get())
                .isEqualTo("Commands: … " + more + " more lines in the Console tab");
        assertThat(PanelModel.summary(List.of("one", "two"))).isEqualTo("one … 1 more line in the Console tab");
        assertThat(PanelModel.summary(List.of("only"))).isEqualTo("only");
        assertThat(PanelModel.summary(List.of())).isEmpty();
    }

    @Test
    void stoppingAsksOnlyWhilePeopleAreOnlineAndSaysHowMany() {
        assertThat(model.stopQuestion(false)).isEmpty();
        assertThat(model.questionBefore("quit")).isEmpty();
        model.apply(inputs(new ServerEvent.UserJoined(new MemberInfo("ann", "127.0.0.1:1", T0, "line")),
                new ServerEvent.UserJoined(new MemberInfo("ben", "127.0.0.1:2", T0, "line")),
                new ServerEvent.UserJoined(new MemberInfo("cy", "127.0.0.1:3", T0, "line"))));
        assertThat(model.stopQuestion(false)).get().extracting(Question::header, Question::content).containsExactly(
                "Stop the server?", "3 users are online and will be disconnected.");
        assertThat(model.stopQuestion(true)).get().extracting(Question::confirm).isEqualTo("Stop and close");
        for (String typed : List.of("quit", "EXIT", "stop", "TurnOffServer")) {
            assertThat(model.questionBefore(typed)).as(typed).isEqualTo(model.stopQuestion(false));
        }
        assertThat(model.questionBefore("status")).isEmpty();
        assertThat(model.questionBefore("say quit")).isEmpty();
    }

    @Test
    void clearingTheLogsAsksSayingHowManyLinesGo() {
        model.apply(inputs(new LogEntry(T0, LogLevel.INFO, "only line")));
        assertThat(model.clearLogsQuestion().content()).contains("(the pane holds 1 line)")
                .contains("cannot be undone");
        model.cancelCommand(" quit ");
        assertThat(model.console()).containsExactly("> quit", "Cancelled: nothing was done.");
        assertThat(model.commandHistory().commands()).containsExactly("quit");
    }

    @Test
    void whatThePanelStampsItselfCarriesTheServersTime() {
        Instant earliest = server.clock().instant().minus(Duration.ofMinutes(1)); // the model was made before
        model.open();
        awaitPumped(() -> model.status().state() == ServerState.LISTENING);
        Instant firstShown = model.users().nowProperty().get();
        try (LineClient dora = new LineClient(server.port()).register("dora", TestServer.PASSWORD)) {
            model.tell("dora", "welcome");
            dora.awaitContaining("server (private): welcome");
            awaitPumped(() -> model.messageProperty().get().startsWith("Sent to dora"));
        }
        model.apply(inputs(new ServerEvent.UserLeft(new MemberInfo("erin", "127.0.0.1:1", T0, "line"), "left")));
        // the status poller's tick moves the time "connected for" is counted to
        awaitPumped(() -> model.users().nowProperty().get().isAfter(firstShown));
        Instant latest = server.clock().instant();

        List<Instant> stamped = List.of(firstShown, model.users().nowProperty().get(),
                model.chat().lines().stream().filter(e -> e.kind() == ChatEntry.Kind.PRIVATE).findFirst().orElseThrow()
                        .time(),
                model.chat().lines().getLast().time());
        assertThat(model.chat().lines().getLast().text()).isEqualTo("erin left");
        assertThat(stamped).allSatisfy(time -> assertThat(time).isBetween(earliest, latest));
    }

    @Test
    void exportWritesTheShownLinesToAFile() throws Exception {
        model.apply(inputs(new LogEntry(T0, LogLevel.INFO, "alpha"), new LogEntry(T0, LogLevel.WARN, "beta")));
        model.log().lowestLevelProperty().set(LogLevel.WARN);
        Path file = dir.resolve("export.txt");
        model.exportLog(file);
        awaitPumped(() -> model.messageProperty().get().startsWith("Exported"));
        assertThat(Files.readAllLines(file)).singleElement().asString().endsWith("WARN  beta");
        assertThat(model.messageOkProperty().get()).isTrue();
    }

    /** What the bridge would hand the model for these server events and log lines. */
    private static List<PanelInput> inputs(Object... items) {
        return java.util.Arrays.stream(items).map(item -> switch (item) {
            case ServerEvent event -> (PanelInput) new PanelInput.Event(event);
            case LogEntry entry -> new PanelInput.Log(entry);
            default -> throw new IllegalArgumentException(String.valueOf(item));
        }).toList();
    }
}
