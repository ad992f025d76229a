package org.switchboard.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.switchboard.ui.ControlPanelTest.PATIENCE;
import static org.switchboard.ui.ControlPanelTest.awaitFx;
import static org.switchboard.ui.ControlPanelTest.fx;

import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.layout.HBox;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.switchboard.chat.MemberInfo;
import org.switchboard.support.IrcClient;
import org.switchboard.support.LineClient;
import org.switchboard.support.TestServer;
import org.switchboard.support.TlsClients;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;

/** The panel's ports readout, the users' protocols and the Limits dialog's IRC settings, on headless Monocle. */
class PortsPanelTest extends PanelTest {
    static final String PASSWORD = TestServer.PASSWORD;

    @Start
    void start(Stage window) {
        open(window, TestServer.config(dir).ircChannel("#lobby"));
    }

    private java.security.cert.X509Certificate certificate() throws Exception {
        return TlsClients.read(dir.resolve("tls/server.crt"));
    }

    private List<String> chips(FxRobot robot) {
        return fx(() -> robot.lookup("#portChips").queryAs(HBox.class).getChildrenUnmodifiable().stream()
                .map(n -> ((Label) n).getText()).toList());
    }

    @Test
    void theReadoutNamesEveryPortAndWhichAreEncrypted(FxRobot robot) {
        awaitListening();
        String expectedPlain = panel.server().port() + " line · plain";
        String expectedTls = panel.server().tlsPort() + " line+TLS · encrypted";
        String expectedIrc = panel.server().ircPort().orElseThrow() + " IRC · plain";
        String expectedIrcTls = panel.server().ircTlsPort() + " IRC+TLS · encrypted";
        awaitFx(() -> chips(robot).equals(List.of(expectedPlain, expectedTls, expectedIrc, expectedIrcTls)));
        assertThat(fx(() -> robot.lookup("#port-chat-tls").queryAs(Label.class).getStyleClass()))
                .contains("port-encrypted");
        assertThat(fx(() -> robot.lookup("#port-chat").queryAs(Label.class).getStyleClass())).contains("port-plain");
        assertThat(fx(() -> robot.lookup("#stateBadge").queryAs(Label.class).getText())).isEqualTo(
                "Listening on :" + panel.server().port() + " · line+TLS :" + panel.server().tlsPort() + " · IRC :"
                        + panel.server().ircPort().orElseThrow() + " · IRC+TLS :" + panel.server().ircTlsPort());
        // the readout is all inside the window at its default size
        Node bar = robot.lookup("#portsBar").query();
        Node copy = robot.lookup("#copyFingerprintButton").query();
        assertThat(fx(() -> copy.localToScene(copy.getBoundsInLocal()).getMaxX())).isLessThanOrEqualTo(
                fx(() -> bar.getScene().getWidth()));
    }

    @Test
    void copyPutsTheWholeFingerprintOnTheClipboard(FxRobot robot) {
        awaitListening();
        String fingerprint = panel.server().tlsFingerprint();
        assertThat(fingerprint).startsWith("SHA256:");
        TextField field = robot.lookup("#fingerprintField").queryAs(TextField.class);
        awaitFx(() -> field.getText().equals(fingerprint));
        // all of it shows at the window's default size: the field is wider than the text, and inside the window
        double textWidth = fx(() -> {
            Text text = new Text(fingerprint);
            text.setFont(field.getFont());
            return text.getLayoutBounds().getWidth();
        });
        assertThat(fx(() -> field.getWidth() - field.getInsets().getLeft() - field.getInsets().getRight()))
                .isGreaterThanOrEqualTo(textWidth);
        robot.interact(() -> Clipboard.getSystemClipboard().clear());
        robot.clickOn("#copyFingerprintButton");
        awaitFx(() -> fingerprint.equals(Clipboard.getSystemClipboard().getString()));
        assertThat(fx(() -> robot.lookup("#copyFingerprintButton").queryAs(Button.class).isVisible())).isTrue();
    }

    @Test
    void theUsersTableSaysWhatEachUserConnectsWith(FxRobot robot) throws Exception {
        awaitListening();
        TableView<MemberInfo> users = ControlPanelTest.table(robot, "#usersTable");
        try (LineClient alice = new LineClient(panel.server().port()).register("alice", PASSWORD);
             LineClient bob = TlsClients.connect(panel.server().tlsPort(), certificate()).register("bob", PASSWORD);
             IrcClient carol = new IrcClient(panel.server().ircPort().orElseThrow())) {
            carol.send("NICK carol").send("USER u 0 * :x").send("PRIVMSG NickServ :REGISTER " + PASSWORD);
            carol.awaitNumeric("366");
            awaitFx(() -> users.getItems().size() == 3);
            @SuppressWarnings("unchecked")
            TableColumn<MemberInfo, String> protocol = (TableColumn<MemberInfo, String>) fx(() -> users.getColumns()
                    .stream().filter(c -> "protocolColumn".equals(c.getId())).findFirst().orElseThrow());
            assertThat(fx(() -> protocol.getText())).isEqualTo("Protocol");
            assertThat(fx(() -> users.getItems().stream().map(u -> u.name() + " " + protocol.getCellData(u)).toList()))
                    .containsExactly("alice line", "bob line+TLS", "carol IRC");
            awaitFx(() -> robot.lookup("#usersTable").lookup(".table-cell").queryAllAs(TableCell.class).stream()
                    .map(TableCell::getText).toList().containsAll(List.of("line", "line+TLS", "IRC")));
        }
    }

    @Test
    void theLimitsDialogShowsTheIrcSettingsReadOnlyWithWhy(FxRobot robot) {
        awaitListening();
        robot.clickOn("#stopButton");
        awaitFx(() -> !robot.lookup("#limitsButton").queryButton().isDisabled());
        robot.clickOn("#limitsButton");
        await().atMost(PATIENCE).until(() -> !robot.lookup("#fixed-ircChannel").queryAll().isEmpty());
        TextField channel = robot.lookup("#fixed-ircChannel").queryAs(TextField.class);
        TextField port = robot.lookup("#fixed-ircPort").queryAs(TextField.class);
        assertThat(fx(() -> channel.getText())).isEqualTo("#lobby");
        assertThat(fx(() -> port.getText())).isEqualTo("any free port (0)");
        assertThat(fx(() -> channel.isEditable() || port.isEditable())).isFalse();
        assertThat(fx(() -> robot.lookup("#fixedWhy").queryAs(Label.class).getText()))
                .contains("--irc-port", "--irc-channel", "fixed");
        robot.clickOn("Apply");
        await().atMost(PATIENCE).until(() -> robot.lookup("#fixed-ircChannel").queryAll().isEmpty());
        assertThat(panel.server().config().ircChannel()).isEqualTo("#lobby");
    }
}
