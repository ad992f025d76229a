package org.switchboard.ui;

import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.switchboard.server.ServerConfig;
import org.switchboard.server.ServerState;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * A test of the control panel around a server of its own, in a data folder of its own: the subclass's
 * {@code @Start} opens it with {@link #open} (TestFX looks for {@code @Start} on the test class itself,
 * not on its parents), and it is closed wholly after each test.
 */
@ExtendWith(ApplicationExtension.class)
abstract class PanelTest {
    @TempDir
    Path dir;
    ControlPanel panel;

    void open(Stage window, ServerConfig.Builder config) {
        panel = new ControlPanel(config.build());
        panel.show(window, () -> { });
    }

    /** Closes the whole panel as the window would (server, worker and status poller), not just the server. */
    @AfterEach
    void closePanel() throws Exception {
        ControlPanelTest.closeWholly(panel);
    }

    void awaitListening() {
        await().atMost(ControlPanelTest.PATIENCE).until(() -> panel.server().state() == ServerState.LISTENING);
    }

    /** Waits for the banner that says why the server is not running, and returns what it says. */
    String awaitBanner(FxRobot robot) {
        ControlPanelTest.awaitFx(() -> robot.lookup("#portBanner").query().isVisible());
        return ControlPanelTest.fx(() -> robot.lookup("#portProblem").queryAs(Label.class).getText());
    }

    /** The line port, once the server listens. */
    int port() {
        awaitListening();
        return panel.server().port();
    }
}
