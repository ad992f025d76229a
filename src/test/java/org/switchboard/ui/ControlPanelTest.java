package org.switchboard.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Platform;
import javafx.geometry.Bounds;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.scene.input.ContextMenuEvent;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import org.controlsfx.control.StatusBar;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.switchboard.chat.MemberInfo;
import org.switchboard.log.LogEntry;
import org.switchboard.server.ServerState;
import org.switchboard.support.LineClient;
import org.switchboard.support.TestServer;
import org.switchboard.ui.model.ChatEntry;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The panel on headless Monocle, driving a real server on a loopback port with real socket clients. */
@ExtendWith(ApplicationExtension.class)
class ControlPanelTest {
    static final String PASSWORD = TestServer.PASSWORD;
    static final Duration PATIENCE = Duration.ofSeconds(15);

    @TempDir
    Path dir;
    ControlPanel panel;
    Stage stage;
    final AtomicBoolean closed = new AtomicBoolean();

    @Start
    void start(Stage window) {
        stage = window;
        panel = new ControlPanel(TestServer.config(dir).build());
        panel.show(stage, () -> closed.set(true));
    }

    /** Closes the whole panel as the window would (server, worker and status poller), not just the server. */
    @AfterEach
    void stop() throws Exception {
        closeWholly(panel);
    }

    /** Closes the whole panel as the window would (server, worker and status poller), and waits for it. */
    static void closeWholly(ControlPanel panel) throws InterruptedException {
        CountDownLatch closed = new CountDownLatch(1);
        Platform.runLater(() -> panel.close(closed::countDown));
        assertThat(closed.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
    }

    int port() {
        await().atMost(PATIENCE).until(() -> panel.server().state() == ServerState.LISTENING);
        return panel.server().port();
    }

    static <T> T fx(Callable<T> read) {
        try {
            return WaitForAsyncUtils.asyncFx(read).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static void awaitFx(Callable<Boolean> condition) {
        await().atMost(PATIENCE).until(() -> fx(condition));
    }

    @SuppressWarnings("unchecked")
    static <T> TableView<T> table(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(TableView.class);
    }

    @SuppressWarnings("unchecked")
    static <T> ListView<T> list(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(ListView.class);
    }

    @Test
    void aUserWhoSignsInAppearsInTheUsersListAndDisappearsWhenTheyLeave(FxRobot robot) {
        TableView<MemberInfo> users = table(robot, "#usersTable");
        try (LineClient alice = new LineClient(port()).register("alice", PASSWORD)) {
            awaitFx(() -> users.getItems().stream().anyMatch(u -> u.name().equals("alice")));
            alice.send("/quit");
            alice.readToEnd();
        }
        awaitFx(() -> users.getItems().isEmpty());
    }

    @Test
    void aChatLineAppearsInTheChatPane(FxRobot robot) {
        ListView<ChatEntry> chat = list(robot, "#chatList");
        try (LineClient bob = new LineClient(port()).register("bob", PASSWORD)) {
            bob.send("hello from bob");
            awaitFx(() -> chat.getItems().stream()
                    .anyMatch(e -> e.from().equals("bob") && e.text().equals("hello from bob")));
        }
        assertThat(robot.lookup("#chatList").lookup(".chat-text").queryAllAs(Label.class))
                .extracting(Label::getText).contains("hello from bob");
    }

    @Test
    void pauseMakesNewConnectionsFailAndResumeAcceptsThemAgain(FxRobot robot) {
        int port = port();
        robot.clickOn("#pauseButton");
        awaitFx(() -> robot.lookup("#stateBadge").queryAs(Label.class).getText().startsWith("Paused"));
        assertThat(fx(() -> robot.lookup("#pauseButton").queryButton().getText())).isEqualTo("Resume");
        assertThatThrownBy(() -> connect(port)).isInstanceOf(ConnectException.class);

        robot.clickOn("#pauseButton");
        awaitFx(() -> robot.lookup("#stateBadge").queryAs(Label.class).getText().startsWith("Listening on :" + port + " "));
        try (LineClient carol = new LineClient(port)) {
            carol.register("carol", PASSWORD);
        }
    }

    @Test
    void stopClosesEveryConnectionAndOnlyStartIsLeftEnabled(FxRobot robot) {
        TableView<MemberInfo> users = table(robot, "#usersTable");
        try (LineClient dave = new LineClient(port()).register("dave", PASSWORD)) {
            awaitFx(() -> users.getItems().size() == 1);
            robot.clickOn("#stopButton");
            awaitQuestion(robot, "1 user is online and will be disconnected.");
            assertThat(panel.server().state()).isEqualTo(ServerState.LISTENING);
            robot.clickOn("#confirmButton");
            assertThat(dave.readToEnd()).contains("* The server is shutting down. Goodbye.");
        }
        awaitFx(() -> robot.lookup("#stateBadge").queryAs(Label.class).getText().equals("Stopped"));
        assertThat(panel.server().state()).isEqualTo(ServerState.STOPPED);
        awaitFx(() -> !button(robot, "#startButton").isDisabled());
        assertThat(fx(() -> button(robot, "#pauseButton").isDisabled())).isTrue();
        assertThat(fx(() -> button(robot, "#stopButton").isDisabled())).isTrue();

        robot.clickOn("#startButton");
        awaitFx(() -> robot.lookup("#stateBadge").queryAs(Label.class).getText().startsWith("Listening"));
    }

    @Test
    void limitsCanBeChangedWhileStoppedAndApplyFromTheNextStart(FxRobot robot) {
        port();
        assertThat(fx(() -> button(robot, "#limitsButton").isDisabled())).isTrue();
        robot.clickOn("#stopButton");
        awaitFx(() -> !button(robot, "#limitsButton").isDisabled());

        robot.clickOn("#limitsButton");
        await().atMost(PATIENCE).until(() -> !robot.lookup("#limit-lineBytes").queryAll().isEmpty());
        Spinner<?> lineBytes = robot.lookup("#limit-lineBytes").queryAs(Spinner.class);
        robot.interact(() -> lineBytes.getEditor().setText("5"));
        robot.clickOn("Apply");
        awaitFx(() -> robot.lookup("#limitsProblem").queryAs(Label.class).getText()
                .equals("Longest line (bytes) must be between 16 and 1048576, not 5"));
        robot.interact(() -> lineBytes.getEditor().setText("64"));
        Spinner<?> clients = robot.lookup("#limit-clients").queryAs(Spinner.class);
        // typed for real: the field loses the focus to Apply and commits its text, which used to throw
        java.util.List<Throwable> uncaught = new java.util.concurrent.CopyOnWriteArrayList<>();
        robot.interact(() -> Thread.currentThread().setUncaughtExceptionHandler((t, e) -> uncaught.add(e)));
        robot.clickOn(clients.getEditor()).push(KeyCode.CONTROL, KeyCode.A).write("lots");
        robot.clickOn("Apply");
        awaitFx(() -> robot.lookup("#limitsProblem").queryAs(Label.class).getText()
                .equals("Connections in all must be a whole number between 1 and 1000000, not 'lots'"));
        assertThat(fx(() -> clients.getPseudoClassStates()).toString()).contains("invalid");
        assertThat(uncaught).isEmpty();
        robot.interact(() -> clients.getEditor().setText("500"));
        robot.clickOn("Apply");
        await().atMost(PATIENCE).until(() -> panel.server().config().maxLineBytes() == 64);
        assertThat(panel.server().config().maxClients()).isEqualTo(500);

        robot.clickOn("#startButton");
        try (LineClient fay = new LineClient(port()).register("fay", PASSWORD)) {
            fay.send("y".repeat(100));
            assertThat(fay.awaitContaining("!")).isEqualTo("! Line too long (the limit is 64 bytes); it was not sent.");
        }
    }

    @Test
    void focusLeavesADisabledLifecycleButtonForTheCommandFieldNeverForClearLogs(FxRobot robot) throws Exception {
        port();
        awaitFx(() -> !button(robot, "#clearLogsButton").isDisabled());
        // Stop takes the focus when clicked, then is disabled for good: the scene hands the focus on
        robot.clickOn("#stopButton");
        awaitFx(() -> panel.server().state() == ServerState.STOPPED && !button(robot, "#startButton").isDisabled());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(() -> stage.getScene().getFocusOwner().getId())).isEqualTo("commandField");
        long before = Files.size(dir.resolve("server.log"));
        robot.type(KeyCode.SPACE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(Files.size(dir.resolve("server.log"))).isEqualTo(before).isPositive();

        robot.clickOn("#startButton");
        awaitFx(() -> panel.server().state() == ServerState.LISTENING && !button(robot, "#stopButton").isDisabled());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(() -> stage.getScene().getFocusOwner().getId())).isEqualTo("commandField");
    }

    @Test
    void clearLogsEmptiesTheLogPaneAndServerLog(FxRobot robot) throws Exception {
        port();
        ListView<LogEntry> log = list(robot, "#logList");
        awaitFx(() -> !log.getItems().isEmpty());
        assertThat(Files.size(dir.resolve("server.log"))).isPositive();

        robot.clickOn("#clearLogsButton");
        awaitQuestion(robot, "Clear the activity log?");
        assertThat(Files.size(dir.resolve("server.log"))).isPositive();
        robot.clickOn("#confirmButton");
        awaitFx(() -> log.getItems().isEmpty());
        assertThat(Files.readString(dir.resolve("server.log"))).isEmpty();
        awaitFx(() -> button(robot, "#clearLogsButton").isDisabled());
    }

    @Test
    void clearLogsAsksFirstFromTheShortcutAndThePaneAndEnterKeepsTheLog(FxRobot robot) throws Exception {
        port();
        ListView<LogEntry> log = list(robot, "#logList");
        awaitFx(() -> !log.getItems().isEmpty());
        long before = Files.size(dir.resolve("server.log"));

        robot.clickOn("#commandField").push(KeyCode.CONTROL, KeyCode.L);
        awaitQuestion(robot, "Clear the activity log?");
        assertThat(robot.lookup(".dialog-pane .content").queryAs(Label.class).getText())
                .contains(fx(() -> log.getItems().size()) + " line");
        robot.type(KeyCode.ENTER); // Cancel is the default button
        awaitFx(() -> robot.lookup("#confirmButton").tryQuery().isEmpty());

        robot.clickOn("#clearLogPaneButton");
        awaitQuestion(robot, "Clear the activity log?");
        robot.clickOn("#cancelButton");
        awaitFx(() -> robot.lookup("#confirmButton").tryQuery().isEmpty());
        assertThat(Files.size(dir.resolve("server.log"))).isEqualTo(before);
        assertThat(fx(() -> log.getItems().isEmpty())).isFalse();
    }

    @Test
    void quitOrExitTypedInTheCommandFieldAsksBeforeStoppingTheServerForEveryone(FxRobot robot) {
        TableView<MemberInfo> users = table(robot, "#usersTable");
        ListView<String> console = list(robot, "#consoleList");
        try (LineClient pia = new LineClient(port()).register("pia", PASSWORD);
             LineClient rex = new LineClient(port()).register("rex", PASSWORD)) {
            awaitFx(() -> users.getItems().size() == 2);
            robot.clickOn("#commandField").write("quit").type(KeyCode.ENTER);
            awaitQuestion(robot, "2 users are online and will be disconnected.");
            robot.clickOn("#cancelButton");
            awaitFx(() -> console.getItems().contains("Cancelled: nothing was done."));
            assertThat(panel.server().state()).isEqualTo(ServerState.LISTENING);
            pia.send("/users");
            assertThat(pia.awaitContaining("online:")).endsWith("2 online: pia, rex");

            robot.clickOn("#commandField").write("exit").type(KeyCode.ENTER);
            awaitQuestion(robot, "2 users are online and will be disconnected.");
            robot.clickOn("#confirmButton");
            assertThat(rex.readToEnd()).contains("* The server is shutting down. Goodbye.");
        }
        await().atMost(PATIENCE).until(() -> panel.server().state() == ServerState.STOPPED);
        // the reply follows the stop's last steps (files flushed), on the FX thread's next frame
        awaitFx(() -> "Server stopped.".equals(console.getItems().getLast()));
    }

    @Test
    void stopTypedWithNobodyOnlineStopsWithoutAsking(FxRobot robot) {
        port();
        robot.clickOn("#commandField").write("stop").type(KeyCode.ENTER);
        await().atMost(PATIENCE).until(() -> panel.server().state() == ServerState.STOPPED);
        assertThat(robot.lookup("#confirmButton").tryQuery()).isEmpty();
    }

    @Test
    void clearIdentityFileAsksHowManyUsersItDeletesThenEmptiesUsersTxt(FxRobot robot) throws Exception {
        try (LineClient erin = new LineClient(port()).register("erin", PASSWORD)) {
            assertThat(Files.readString(dir.resolve("users.txt"))).contains("erin ");
        }
        awaitFx(() -> !button(robot, "#clearUsersButton").isDisabled());
        robot.clickOn("#clearUsersButton");
        await().atMost(PATIENCE).until(() -> !robot.lookup("Delete 1 registered user?").queryAll().isEmpty());
        assertThat(Files.readString(dir.resolve("users.txt"))).contains("erin ");

        robot.clickOn("Delete 1 registered user");
        await().atMost(PATIENCE).until(() -> !Files.readString(dir.resolve("users.txt")).contains("erin "));
        assertThat(panel.server().registeredUsers()).isZero();
    }

    @Test
    void cancellingTheClearIdentityQuestionKeepsTheUsers(FxRobot robot) throws Exception {
        try (LineClient fay = new LineClient(port()).register("fay", PASSWORD)) {
            fay.send("/quit");
        }
        awaitFx(() -> !button(robot, "#clearUsersButton").isDisabled());
        robot.clickOn("#clearUsersButton");
        await().atMost(PATIENCE).until(() -> !robot.lookup("Cancel").queryAll().isEmpty());
        robot.clickOn("Cancel");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(Files.readString(dir.resolve("users.txt"))).contains("fay ");
        assertThat(panel.server().registeredUsers()).isEqualTo(1);
    }

    @Test
    void kickFromTheContextMenuClosesThatClientsConnection(FxRobot robot) {
        TableView<MemberInfo> users = table(robot, "#usersTable");
        try (LineClient gus = new LineClient(port()).register("gus", PASSWORD);
             LineClient hal = new LineClient(port()).register("hal", PASSWORD)) {
            awaitFx(() -> users.getItems().size() == 2);
            openContextMenu(robot, "gus");
            robot.clickOn("Kick…");
            robot.clickOn("#dialogField").write("spamming");
            robot.clickOn("Kick");
            assertThat(gus.readToEnd()).contains("! You were disconnected by the operator: spamming");
            awaitFx(() -> users.getItems().stream().map(MemberInfo::name).toList().equals(java.util.List.of("hal")));
            hal.send("/users");
            assertThat(hal.awaitContaining("online:")).endsWith("1 online: hal");
        }
    }

    @Test
    void privateMessageFromTheContextMenuReachesOnlyThatUser(FxRobot robot) {
        TableView<MemberInfo> users = table(robot, "#usersTable");
        try (LineClient ivy = new LineClient(port()).register("ivy", PASSWORD)) {
            awaitFx(() -> users.getItems().size() == 1);
            openContextMenu(robot, "ivy");
            robot.clickOn("Send private message…");
            robot.clickOn("#dialogField").write("your build is ready");
            robot.clickOn("Send");
            assertThat(ivy.awaitContaining("(private)")).endsWith("server (private): your build is ready");
        }
    }

    @Test
    void theEmptyUsersListSaysHowToJoinOnlyWhileTheServerListens(FxRobot robot) {
        int port = port();
        Label hint = robot.lookup("#usersPlaceholder").queryAs(Label.class);
        awaitFx(() -> hint.getText().endsWith("Join with: telnet localhost " + port));
        robot.clickOn("#pauseButton");
        awaitFx(() -> hint.getText().contains("Paused: port " + port + " takes no new connections"));
        assertThat(fx(hint::getText)).doesNotContain("telnet");
        robot.clickOn("#pauseButton");
        awaitFx(() -> hint.getText().contains("telnet"));
        robot.clickOn("#stopButton");
        awaitFx(() -> hint.getText().contains("The server is stopped"));
        assertThat(fx(hint::getText)).doesNotContain("telnet");
    }

    @Test
    void theLogFilterHidesLinesThatDoNotMatch(FxRobot robot) {
        try (LineClient jo = new LineClient(port()).register("jo", PASSWORD)) {
            jo.send("/quit");
        }
        ListView<LogEntry> log = list(robot, "#logList");
        awaitFx(() -> log.getItems().stream().anyMatch(e -> e.message().contains("jo")));
        int before = fx(() -> log.getItems().size());

        robot.clickOn("#logFilter").write("Sign-in ok");
        awaitFx(() -> log.getItems().size() < before);
        assertThat(fx(() -> log.getItems().stream().map(LogEntry::message).toList()))
                .singleElement().asString().contains("Sign-in ok");
        assertThat(fx(() -> robot.lookup("#logLineCount").queryAs(Label.class).getText())).isEqualTo("1 line");
        assertThat(robot.lookup("#logList").lookup(".log-message").queryAllAs(Label.class))
                .extracting(Label::getText).filteredOn(t -> !t.isEmpty())
                .allSatisfy(t -> assertThat(t).contains("Sign-in ok"));
    }

    @Test
    void theCommandFieldRunsAnOperatorCommandAndRemembersItOnTheUpArrow(FxRobot robot) {
        try (LineClient kim = new LineClient(port()).register("kim", PASSWORD)) {
            robot.clickOn("#commandField").write("say maintenance at noon").type(KeyCode.ENTER);
            assertThat(kim.awaitContaining("[server]")).endsWith("[server] maintenance at noon");
        }
        ListView<String> console = list(robot, "#consoleList");
        awaitFx(() -> console.getItems().contains("Announced to 1 user(s)."));
        assertThat(fx(() -> console.getItems().getFirst())).isEqualTo("> say maintenance at noon");

        robot.type(KeyCode.UP);
        assertThat(fx(() -> robot.lookup("#commandField").queryTextInputControl().getText()))
                .isEqualTo("say maintenance at noon");
    }

    @Test
    void aPrivateMessageTypedInTheCommandFieldShowsInTheChatPane(FxRobot robot) {
        TableView<MemberInfo> users = table(robot, "#usersTable");
        ListView<ChatEntry> chat = list(robot, "#chatList");
        try (LineClient oli = new LineClient(port()).register("Oli", PASSWORD)) {
            awaitFx(() -> users.getItems().size() == 1);
            robot.clickOn("#commandField").write("msg oli the build is green").type(KeyCode.ENTER);
            assertThat(oli.awaitContaining("(private)")).endsWith("server (private): the build is green");
            awaitFx(() -> chat.getItems().stream().anyMatch(e -> e.kind() == ChatEntry.Kind.PRIVATE
                    && e.from().equals("to Oli") && e.text().equals("the build is green")));
        }
    }

    @Test
    void theStatusBarSumsUpAReplyOfManyLinesAndTheConsoleShowsItAll(FxRobot robot) {
        port();
        robot.clickOn("#commandField").write("help").type(KeyCode.ENTER);
        ListView<String> console = list(robot, "#consoleList");
        awaitFx(() -> console.getItems().size() > 2);
        assertThat(fx(() -> console.getItems().getLast())).startsWith("The assignment's names work too");
        awaitFx(() -> robot.lookup("#statusBar").queryAs(StatusBar.class).getText().startsWith("Commands: … "));
        assertThat(fx(() -> robot.lookup("#statusBar").queryAs(StatusBar.class).getText()))
                .endsWith("more lines in the Console tab");
        assertThat(fx(() -> robot.lookup(".bottom-tabs").queryAs(javafx.scene.control.TabPane.class)
                .getSelectionModel().getSelectedItem().getId())).isEqualTo("consoleTab");
    }

    @Test
    void theAnnounceFieldSpeaksToEveryoneAsTheServer(FxRobot robot) {
        try (LineClient lee = new LineClient(port()).register("lee", PASSWORD)) {
            robot.clickOn("#announceField").write("welcome all").type(KeyCode.ENTER);
            assertThat(lee.awaitContaining("[server]")).endsWith("[server] welcome all");
        }
        ListView<ChatEntry> chat = list(robot, "#chatList");
        awaitFx(() -> chat.getItems().stream()
                .anyMatch(e -> e.kind() == ChatEntry.Kind.ANNOUNCEMENT && e.text().equals("welcome all")));
    }

    /**
     * Right-clicks the user's row. Headless Monocle does not turn a right click into a context-menu
     * request as a desktop does, so the request the desktop would send is sent here too.
     */
    static void openContextMenu(FxRobot robot, String name) {
        openContextMenu(robot, "#usersTable", name);
    }

    /** Right-clicks the row of {@code name} in the table {@code tableId}, as {@link #openContextMenu(FxRobot, String)}. */
    static void openContextMenu(FxRobot robot, String tableId, String name) {
        TableCell<?, ?> cell = robot.lookup(tableId).lookup(".table-cell")
                .match((TableCell<?, ?> c) -> name.equals(c.getText())).queryAs(TableCell.class);
        robot.rightClickOn(cell);
        if (robot.lookup(".context-menu").tryQuery().isEmpty()) {
            robot.interact(() -> {
                Bounds screen = cell.localToScreen(cell.getBoundsInLocal());
                cell.fireEvent(new ContextMenuEvent(ContextMenuEvent.CONTEXT_MENU_REQUESTED, 10, 10,
                        screen.getMinX() + 10, screen.getMinY() + 10, false, null));
            });
        }
    }

    @Test
    void closingTheWindowWithSomeoneOnlineAsksFirstThenStopsTheServerCleanly(FxRobot robot) {
        TableView<MemberInfo> users = table(robot, "#usersTable");
        try (LineClient nia = new LineClient(port()).register("nia", PASSWORD)) {
            awaitFx(() -> users.getItems().size() == 1);
            requestClose();
            awaitQuestion(robot, "1 user is online and will be disconnected.");
            assertThat(robot.lookup(".dialog-pane .header-panel .label").queryAs(Label.class).getText())
                    .isEqualTo("Stop the server and close the panel?");
            robot.clickOn("#cancelButton");
            awaitFx(() -> robot.lookup("#confirmButton").tryQuery().isEmpty());
            assertThat(closed).isFalse();
            assertThat(panel.server().state()).isEqualTo(ServerState.LISTENING);

            requestClose();
            awaitQuestion(robot, "1 user is online and will be disconnected.");
            robot.clickOn("#confirmButton");
            assertThat(nia.readToEnd()).contains("* The server is shutting down. Goodbye.");
        }
        await().atMost(PATIENCE).untilTrue(closed);
        assertThat(panel.server().state()).isEqualTo(ServerState.STOPPED);
        assertThat(panel.server().log().tail(1)).extracting(LogEntry::message).containsExactly("Server stopped");
    }

    @Test
    void closingTheWindowWithNobodyOnlineClosesWithoutAsking(FxRobot robot) {
        port();
        requestClose();
        await().atMost(PATIENCE).untilTrue(closed);
        assertThat(panel.server().state()).isEqualTo(ServerState.STOPPED);
    }

    /** The window manager's close button; later, not inside a robot call, since a question may wait in it. */
    void requestClose() {
        Platform.runLater(() -> stage.fireEvent(new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST)));
    }

    /** Waits for a question whose header or content has this text. */
    static void awaitQuestion(FxRobot robot, String text) {
        await().atMost(PATIENCE).until(() -> fx(() -> robot.lookup(".dialog-pane").queryAll().stream()
                .map(n -> (javafx.scene.control.DialogPane) n)
                .anyMatch(p -> text.equals(p.getHeaderText()) || text.equals(p.getContentText()))));
    }

    @Test
    void theKeyboardShortcutInTheTooltipPausesAndResumes(FxRobot robot) {
        int port = port();
        assertThat(fx(() -> button(robot, "#pauseButton").getTooltip().getText())).contains("(F6)");
        robot.push(KeyCode.F6);
        awaitFx(() -> robot.lookup("#stateBadge").queryAs(Label.class).getText().startsWith("Paused"));
        robot.push(KeyCode.F6);
        awaitFx(() -> robot.lookup("#stateBadge").queryAs(Label.class).getText().startsWith("Listening on :" + port + " "));
    }

    @Test
    void leavingTheEndOfTheLogStopsFollowingAndCountsNewLinesUntilTheJumpBack(FxRobot robot) {
        port();
        for (int i = 0; i < 200; i++) {
            panel.server().log().info("filler line " + i);
        }
        ListView<LogEntry> log = list(robot, "#logList");
        awaitFx(() -> log.getItems().size() > 200);
        // Home, as an operator going back to the start would; the headless robot's wheel only nudges a pixel
        robot.clickOn(log).type(KeyCode.HOME);
        awaitFx(() -> !panel.model().log().followingProperty().get());
        for (int i = 0; i < 5; i++) {
            panel.server().log().info("arrived while reading " + i);
        }
        awaitFx(() -> robot.lookup("#newLinesButton").queryButton().getText().equals("5 new lines ↓"));
        assertThat(fx(() -> robot.lookup("#newLinesButton").queryButton().isVisible())).isTrue();

        robot.clickOn("#newLinesButton");
        awaitFx(() -> panel.model().log().followingProperty().get());
        assertThat(fx(() -> robot.lookup("#newLinesButton").queryButton().isVisible())).isFalse();
    }

    static Button button(FxRobot robot, String id) {
        return robot.lookup(id).queryButton();
    }

    static void connect(int port) throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
        }
    }
}
