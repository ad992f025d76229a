package org.switchboard.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.switchboard.ui.ControlPanelTest.awaitFx;
import static org.switchboard.ui.ControlPanelTest.fx;
import static org.switchboard.ui.ControlPanelTest.openContextMenu;
import static org.switchboard.ui.ControlPanelTest.table;

import java.nio.file.Files;
import java.time.Duration;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.switchboard.auth.Ban;
import org.switchboard.chat.MemberInfo;
import org.switchboard.protocol.Protocol;
import org.switchboard.support.LineClient;
import org.switchboard.support.TestServer;
import org.switchboard.ui.model.BanPreset;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;

/** Ban… and Mute… on the users' context menu, and the Bans tab, on a real server with real clients. */
class BansTabTest extends PanelTest {
    static final String PASSWORD = TestServer.PASSWORD;

    @Start
    void start(Stage window) {
        open(window, TestServer.config(dir));
    }

    @SuppressWarnings("unchecked")
    static void choose(FxRobot robot, BanPreset preset) {
        ChoiceBox<BanPreset> choice = robot.lookup("#banDurationChoice").queryAs(ChoiceBox.class);
        robot.interact(() -> choice.setValue(preset));
    }

    /** The text of the Bans table's cell in {@code column} of its first row. */
    static String cell(FxRobot robot, int column) {
        return fx(() -> {
            TableView<Ban> bans = table(robot, "#bansTable");
            return bans.getColumns().get(column).getCellData(0).toString();
        });
    }

    @Test
    void banFromTheContextMenuDisconnectsTheUserAndTheBansTabCountsItsTimeDown(FxRobot robot) {
        TableView<MemberInfo> users = table(robot, "#usersTable");
        TableView<Ban> bans = table(robot, "#bansTable");
        try (LineClient gus = new LineClient(port()).register("gus", PASSWORD)) {
            awaitFx(() -> users.getItems().size() == 1);
            openContextMenu(robot, "gus");
            robot.clickOn("Ban…");
            choose(robot, BanPreset.TEN_MINUTES);
            robot.clickOn("#banReasonField").write("spamming");
            robot.clickOn(robot.lookup(".dialog-pane .button").match((Button b) -> b.getText().equals("Ban"))
                    .queryAs(Button.class));
            assertThat(gus.readToEnd()).last().asString().startsWith("! Banned until ").endsWith(": spamming");
        }
        robot.clickOn("Bans");
        awaitFx(() -> bans.getItems().size() == 1);
        assertThat(cell(robot, 0)).isEqualTo("gus");
        assertThat(cell(robot, 1)).isEqualTo("ban");
        assertThat(cell(robot, 3)).isEqualTo("spamming");
        String first = cell(robot, 2);
        assertThat(first).matches("(10m 00s|9m \\d\\ds)");
        await().atMost(Duration.ofSeconds(5)).until(() -> !cell(robot, 2).equals(first));
        try (LineClient again = new LineClient(port())) {
            again.expectPrompt(Protocol.PROMPT_NAME);
            again.send("gus");
            assertThat(again.readToEnd()).last().asString().startsWith("! 'gus' is banned until ");
        }
    }

    @Test
    void muteFromTheContextMenuRefusesTheUsersLinesAndListsTheMute(FxRobot robot) {
        TableView<MemberInfo> users = table(robot, "#usersTable");
        TableView<Ban> bans = table(robot, "#bansTable");
        try (LineClient hal = new LineClient(port()).register("hal", PASSWORD)) {
            awaitFx(() -> users.getItems().size() == 1);
            openContextMenu(robot, "hal");
            robot.clickOn("Mute…");
            choose(robot, BanPreset.PERMANENT);
            robot.clickOn("#banReasonField").write("shouting");
            robot.clickOn(robot.lookup(".dialog-pane .button").match((Button b) -> b.getText().equals("Mute"))
                    .queryAs(Button.class));
            hal.awaitContaining("You are muted");
            hal.send("LOUD");
            assertThat(hal.next()).isEqualTo("! You are muted until the operator lifts it: shouting; your line was"
                    + " not sent.");
            awaitFx(() -> bans.getItems().size() == 1);
            assertThat(cell(robot, 1)).isEqualTo("mute");
            assertThat(cell(robot, 2)).isEqualTo("until lifted");
            awaitFx(() -> users.getItems().size() == 1); // a mute keeps them online
        }
    }

    @Test
    void addBanTakesARangeAndRemoveLiftsIt(FxRobot robot) throws Exception {
        TableView<Ban> bans = table(robot, "#bansTable");
        port();
        robot.clickOn("Bans");
        assertThat(robot.lookup("#removeBanButton").queryAs(Button.class).isDisabled()).isTrue();
        robot.clickOn("#addBanButton");
        robot.clickOn("#banTargetField").write("10.1.2.3/16");
        choose(robot, BanPreset.ONE_WEEK);
        robot.clickOn("#banReasonField").write("a noisy network");
        robot.clickOn(robot.lookup(".dialog-pane .button").match((Button b) -> b.getText().equals("Ban"))
                .queryAs(Button.class));
        awaitFx(() -> bans.getItems().size() == 1);
        assertThat(cell(robot, 0)).isEqualTo("10.1.0.0/16");
        assertThat(cell(robot, 2)).matches("(7d 00h|6d 23h)");
        assertThat(Files.readString(dir.resolve("bans.txt"))).contains("ban 10.1.0.0/16 ");

        robot.clickOn(robot.lookup("#bansTable .table-cell").match((TableCell<?, ?> c) -> "10.1.0.0/16".equals(
                c.getText())).queryAs(TableCell.class));
        robot.clickOn("#removeBanButton");
        awaitFx(() -> bans.getItems().isEmpty());
        assertThat(Files.readString(dir.resolve("bans.txt"))).doesNotContain("10.1.0.0/16");
    }
}
