package org.switchboard.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.switchboard.server.ServerConfig;
import org.switchboard.server.ServerState;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;

/**
 * When a port other than the first is taken (here the IRC one), the panel names it and its option and
 * does not offer a free first port, which would not mend it; Start tries again once it is freed.
 */
class OtherPortTakenPanelTest extends PortSquatterPanelTest {
    @Override
    ServerConfig.Builder withTaken(ServerConfig.Builder config, int port) {
        return config.ircPort(port);
    }

    @Start
    void start(Stage stage) throws IOException {
        open(stage);
    }

    @Test
    void theBannerNamesTheIrcPortAndOffersNoFirstPort(FxRobot robot) throws IOException {
        String problem = awaitBanner(robot);
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
