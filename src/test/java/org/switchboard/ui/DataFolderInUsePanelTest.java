package org.switchboard.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.switchboard.server.ChatServer;
import org.switchboard.server.ServerState;
import org.switchboard.support.LineClient;
import org.switchboard.support.TestServer;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;

/** The panel opened beside a server that holds its data folder says so, offers no port, and writes nothing. */
class DataFolderInUsePanelTest extends PanelTest {
    ChatServer running;

    @Start
    void start(Stage stage) throws Exception {
        running = TestServer.start(dir);
        try (LineClient alpha = new LineClient(running.port())) {
            alpha.register("alpha", TestServer.PASSWORD);
        }
        open(stage, TestServer.config(dir));
    }

    @AfterEach
    void stopTheOther() {
        running.close();
    }

    @Test
    void theBannerNamesTheFolderAndOffersNoOtherPort(FxRobot robot) throws Exception {
        String problem = awaitBanner(robot);
        assertThat(problem).isEqualTo("The server is not running. The data folder " + dir.toRealPath()
                + " is in use by a server in this program. Stop that server first, or give this one another"
                + " folder with --data-dir.");
        assertThat(ControlPanelTest.fx(() -> robot.lookup("#freePortButton").query().isVisible())).isFalse();
        assertThat(ControlPanelTest.fx(() -> robot.lookup("#portField").query().isVisible())).isFalse();
        assertThat(panel.server().state()).isEqualTo(ServerState.STOPPED);
        assertThat(running.state()).isEqualTo(ServerState.LISTENING);
        assertThat(Files.readString(dir.resolve("users.txt"))).contains("alpha ");
    }
}
