package org.switchboard.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.switchboard.control.Operator;
import org.switchboard.server.ServerState;
import org.switchboard.support.LineClient;
import org.switchboard.support.TestServer;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The panel opens even when its port is taken, says so, and starts on a free port or a typed one. */
@ExtendWith(ApplicationExtension.class)
class PortTakenPanelTest {
    static final Duration PATIENCE = Duration.ofSeconds(15);

    @TempDir
    Path dir;
    ServerSocket squatter;
    ControlPanel panel;

    @Start
    void start(Stage stage) throws IOException {
        squatter = new ServerSocket();
        squatter.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        panel = new ControlPanel(TestServer.config(dir).port(squatter.getLocalPort()).build());
        panel.show(stage, () -> { });
    }

    /** Closes the whole panel as the window would (server, worker and status poller), not just the server. */
    @AfterEach
    void stop() throws Exception {
        ControlPanelTest.closeWholly(panel);
        squatter.close();
    }

    void awaitBanner(FxRobot robot) {
        ControlPanelTest.awaitFx(() -> robot.lookup("#portBanner").query().isVisible());
    }

    @Test
    void theWindowSaysThePortIsTakenAndAFreePortStartsTheServer(FxRobot robot) {
        awaitBanner(robot);
        String problem = ControlPanelTest.fx(() -> robot.lookup("#portProblem").queryAs(Label.class).getText());
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
