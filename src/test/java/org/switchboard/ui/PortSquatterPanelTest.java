package org.switchboard.ui;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.switchboard.server.ServerConfig;
import org.switchboard.support.TestServer;
import org.testfx.framework.junit5.ApplicationExtension;

/** A panel opened while another program holds one of its ports: which one, the subclass says. */
@ExtendWith(ApplicationExtension.class)
abstract class PortSquatterPanelTest {
    @TempDir
    Path dir;
    ServerSocket squatter;
    ControlPanel panel;

    /** The test server's configuration with {@code port} (the squatted one) as one of its ports. */
    abstract ServerConfig.Builder withTaken(ServerConfig.Builder config, int port);

    /** For the subclass's {@code @Start} (TestFX looks for it on the test class itself, not its parents). */
    void open(Stage stage) throws IOException {
        squatter = new ServerSocket();
        squatter.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        panel = new ControlPanel(withTaken(TestServer.config(dir), squatter.getLocalPort()).build());
        panel.show(stage, () -> { });
    }

    /** Closes the whole panel as the window would (server, worker and status poller), not just the server. */
    @AfterEach
    void stop() throws Exception {
        ControlPanelTest.closeWholly(panel);
        squatter.close();
    }
}
