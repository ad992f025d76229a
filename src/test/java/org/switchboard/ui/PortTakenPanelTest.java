package org.switchboard.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.switchboard.control.Operator;
import org.switchboard.server.ServerConfig;
import org.switchboard.server.ServerState;
import org.switchboard.support.LineClient;
import org.switchboard.support.TestServer;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;

/** The panel opens even when its port is taken, says so, and starts on a free port or a typed one. */
class PortTakenPanelTest extends PortSquatterPanelTest {
    static final Duration PATIENCE = Duration.ofSeconds(15);

    @Override
    ServerConfig.Builder withTaken(ServerConfig.Builder config, int port) {
        return config.port(port);
    }

    @Start
    void start(Stage stage) throws IOException {
        open(stage);
    }

    @Test
    void theWindowSaysThePortIsTakenAndAFreePortStartsTheServer(FxRobot robot) {
        String problem = awaitBanner(robot);
        assertThat(problem).contains("not running").contains("Cannot listen on port " + squatter.getLocalPort());
        assertThat(panel.server().state()).isEqualTo(ServerState.STOPPED);
        assertThat(ControlPanelTest.fx(() -> robot.lookup("#stateBadge").queryAs(Label.class).getText()))
                .isEqualTo("Stopped");

        robot.clickOn("#freePortButton");
        await().atMost(PATIENCE).until(() -> panel.server().state() == ServerState.LISTENING);
        int port = panel.server().port();
        // the next free one after the taken port, not a random high one
        assertThat(port).isGreaterThan(squatter.getLocalPort())
                .isLessThanOrEqualTo(squatter.getLocalPort() + Operator.FREE_PORT_SEARCH);
        ControlPanelTest.awaitFx(() -> !robot.lookup("#portBanner").query().isVisible());
        try (LineClient client = new LineClient(port)) {
            client.register("mia", TestServer.PASSWORD);
        }
    }

    @Test
    void aTypedPortNumberStartsTheServerThere(FxRobot robot) throws IOException {
        awaitBanner(robot);
        int wanted;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            wanted = probe.getLocalPort();
        }
        robot.clickOn("#portField").write("x" + wanted); // the field takes digits only
        robot.clickOn("#otherPortButton");
        await().atMost(PATIENCE).until(() -> panel.server().state() == ServerState.LISTENING);
        assertThat(panel.server().port()).isEqualTo(wanted);
        await().atMost(PATIENCE).until(() -> ControlPanelTest.fx(() ->
                robot.lookup("#stateBadge").queryAs(Label.class).getText().startsWith("Listening on :" + wanted + " ")));
    }
}
