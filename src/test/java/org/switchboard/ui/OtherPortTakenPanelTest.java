package org.switchboard.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.switchboard.server.ServerState;
import org.switchboard.support.TestServer;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * When a port other than the first is taken (here the IRC one), the panel names it and its option and
 * does not offer a free first port, which would not mend it; Start tries again once it is freed.
 */
@ExtendWith(ApplicationExtension.class)
class OtherPortTakenPanelTest {
    @TempDir
    Path dir;
    ServerSocket squatter;
    ControlPanel panel;

    @Start
    void start(Stage stage) throws IOException {
        squatter = new ServerSocket();
        squatter.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        panel = new ControlPanel(TestServer.config(dir).ircPort(squatter.getLocalPort()).build());
        panel.show(stage, () -> { });
    }

    @AfterEach
    void stop() throws Exception {
        ControlPanelTest.closeWholly(panel);
        squatter.close();
    }

    @Test
    void theBannerNamesTheIrcPortAndOffersNoFirstPort(FxRobot robot) throws IOException {
        ControlPanelTest.awaitFx(() -> robot.lookup("#portBanner").query().isVisible());
        String problem = ControlPanelTest.fx(() -> robot.lookup("#portProblem").queryAs(Label.class).getText());
        assertThat(problem).startsWith("The server is not running. Cannot listen on port "
                + squatter.getLocalPort() + " (--irc-port): ").contains("--irc-port set to another port");
        assertThat(ControlPanelTest.fx(() -> robot.lookup("#freePortButton").query().isVisible())).isFalse();
        assertThat(ControlPanelTest.fx(() -> robot.lookup("#portField").query().isVisible())).isFalse();

        squatter.close();
        robot.clickOn("#startButton");
        await().atMost(PortTakenPanelTest.PATIENCE).until(() -> panel.server().state() == ServerState.LISTENING);
        assertThat(panel.server().ircPort()).hasValue(squatter.getLocalPort());
        ControlPanelTest.awaitFx(() -> !robot.lookup("#portBanner").query().isVisible());
    }
}
