package org.switchboard.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.switchboard.ui.ControlPanelTest.PATIENCE;
import static org.switchboard.ui.ControlPanelTest.awaitFx;
import static org.switchboard.ui.ControlPanelTest.button;
import static org.switchboard.ui.ControlPanelTest.fx;
import static org.switchboard.ui.ControlPanelTest.table;

import java.util.List;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.switchboard.protocol.Protocol;
import org.switchboard.server.AccountInfo;
import org.switchboard.support.LineClient;
import org.switchboard.support.TestServer;
import org.switchboard.ui.model.BanPreset;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;

/** The panel's Accounts tab on headless Monocle, over a real server with real socket clients. */
class AccountsTabTest extends PanelTest {
    static final String PASSWORD = TestServer.PASSWORD;

    @Start
    void start(Stage window) {
        open(window, TestServer.config(dir));
    }

    private void register(String name) {
        try (LineClient client = new LineClient(port()).register(name, PASSWORD)) {
            client.send("/quit");
            client.readToEnd();
        }
    }

    private static List<String> names(TableView<AccountInfo> accounts) {
        return fx(() -> accounts.getItems().stream().map(AccountInfo::name).toList());
    }

    private static void openContextMenu(FxRobot robot, String name) {
        ControlPanelTest.openContextMenu(robot, "#accountsTable", name);
    }

    @Test
    void theTabListsEveryNameWithWhoIsOnlineFiltersAndSorts(FxRobot robot) {
        register("carol");
        register("alice");
        try (LineClient bob = new LineClient(port()).register("bob", PASSWORD)) {
            robot.clickOn("Accounts");
            TableView<AccountInfo> accounts = table(robot, "#accountsTable");
            awaitFx(() -> accounts.getItems().size() == 3);
            assertThat(names(accounts)).containsExactly("alice", "bob", "carol");
            awaitFx(() -> accounts.getItems().stream().filter(AccountInfo::online).map(AccountInfo::name).toList()
                    .equals(List.of("bob")));
            TableColumn<AccountInfo, ?> online = fx(() -> accounts.getColumns().get(3));
            assertThat(fx(() -> online.getCellData(1))).isEqualTo("online");
            assertThat(fx(() -> accounts.getColumns().get(1).getCellObservableValue(0).getValue())).isNotNull();

            robot.clickOn("#accountsFilter").write("AR");
            awaitFx(() -> names(accounts).equals(List.of("carol")));
            assertThat(fx(() -> robot.lookup("#accountsCount").queryAs(Label.class).getText())).isEqualTo("1");
            robot.interact(() -> robot.lookup("#accountsFilter").queryAs(TextField.class).clear());
            awaitFx(() -> accounts.getItems().size() == 3);

            // sorted by name already: a click on the header turns it round
            robot.clickOn(robot.lookup("#accountsTable .column-header .label")
                    .match((Label l) -> "Name".equals(l.getText())).queryAs(Label.class));
            awaitFx(() -> names(accounts).equals(List.of("carol", "bob", "alice")));
        }
    }

    @Test
    void deleteFromTheContextMenuAsksThenDeletesTheAccount(FxRobot robot) {
        register("dina");
        register("emil");
        robot.clickOn("Accounts");
        TableView<AccountInfo> accounts = table(robot, "#accountsTable");
        awaitFx(() -> accounts.getItems().size() == 2);
        openContextMenu(robot, "dina");
        robot.clickOn("Delete…");
        robot.clickOn("#dialogField").write("left the club");
        robot.clickOn("Delete account");
        awaitFx(() -> names(accounts).equals(List.of("emil")));
        assertThat(panel.server().accounts()).extracting(AccountInfo::name).containsExactly("emil");
        assertThat(panel.server().log().tail(50)).anySatisfy(e -> assertThat(e.message())
                .isEqualTo("Account deleted by the operator: dina: left the club"));
    }

    @Test
    void banFromTheContextMenuBansTheNameAndTheBannedColumnSaysUntilWhen(FxRobot robot) {
        register("hugo");
        robot.clickOn("Accounts");
        TableView<AccountInfo> accounts = table(robot, "#accountsTable");
        awaitFx(() -> accounts.getItems().size() == 1);
        TableColumn<AccountInfo, ?> banned = fx(() -> accounts.getColumns().get(4));
        assertThat(fx(() -> banned.getText())).isEqualTo("Banned");
        assertThat(fx(() -> banned.getCellData(0))).isEqualTo("");
        openContextMenu(robot, "hugo");
        robot.clickOn("Ban…");
        BansTabTest.choose(robot, BanPreset.PERMANENT);
        robot.clickOn("#banReasonField").write("spam");
        robot.clickOn(robot.lookup(".dialog-pane .button").match((Button b) -> b.getText().equals("Ban"))
                .queryAs(Button.class));
        awaitFx(() -> "until the operator lifts it".equals(banned.getCellData(0)));
        assertThat(panel.server().bans()).singleElement().satisfies(ban -> {
            assertThat(ban.target().text()).isEqualTo("hugo");
            assertThat(ban.reason()).isEqualTo("spam");
        });
    }

    @Test
    void resetPasswordShowsTheOneTimePasswordWithACopyButton(FxRobot robot) {
        register("fay");
        robot.clickOn("Accounts");
        TableView<AccountInfo> accounts = table(robot, "#accountsTable");
        awaitFx(() -> accounts.getItems().size() == 1);
        openContextMenu(robot, "fay");
        robot.clickOn("Reset password…");
        robot.clickOn("Reset password");
        await().atMost(PATIENCE).until(() -> robot.lookup("#oneTimePasswordField").tryQuery().isPresent());
        String oneTime = fx(() -> robot.lookup("#oneTimePasswordField").queryAs(TextField.class).getText());
        assertThat(oneTime).matches("[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}");
        robot.clickOn("#copyOneTimePasswordButton");
        assertThat(fx(() -> Clipboard.getSystemClipboard().getString())).isEqualTo(oneTime);
        robot.clickOn("Close");
        try (LineClient fay = new LineClient(port())) {
            fay.expectPrompt(Protocol.PROMPT_NAME);
            fay.send("fay");
            fay.expectPrompt(Protocol.PROMPT_PASSWORD);
            fay.send(oneTime);
            assertThat(fay.awaitContaining("reset")).startsWith("* Your password was reset by the operator.");
        }
    }

    @Test
    void afterClearingTheIdentityFileRestoreIsOneClickAway(FxRobot robot) {
        register("gus");
        awaitFx(() -> !button(robot, "#clearUsersButton").isDisabled());
        robot.clickOn("#clearUsersButton");
        await().atMost(PATIENCE).until(() -> !robot.lookup("Delete 1 registered user?").queryAll().isEmpty());
        assertThat(fx(() -> robot.lookup(".dialog-pane .content").queryAs(Label.class).getText()))
                .contains("A backup is kept first, owner-only, in " + dir.toAbsolutePath().normalize())
                .containsPattern("named for the time of the clear \\(UTC\\): users\\.txt\\.\\d{4}-\\d\\d-\\d\\dT\\d\\d-\\d\\d-"
                        + "\\d\\d\\.bak if it were now\\.");
        robot.clickOn("#confirmButton");
        await().atMost(PATIENCE).until(() -> panel.server().registeredUsers() == 0);
        TableView<AccountInfo> accounts = table(robot, "#accountsTable");
        awaitFx(() -> accounts.isVisible() && !button(robot, "#restoreUsersButton").isDisabled());
        robot.clickOn("#restoreUsersButton");
        awaitFx(() -> names(accounts).equals(List.of("gus")));
        assertThat(panel.server().registeredUsers()).isEqualTo(1);
    }
}
