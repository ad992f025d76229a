package org.switchboard.ui;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.switchboard.server.ServerConfig;
import org.switchboard.support.TestServer;

/** A panel opened while another program holds one of its ports: which one, the subclass says. */
abstract class PortSquatterPanelTest extends PanelTest {
    ServerSocket squatter;

    /** The test server's configuration with {@code port} (the squatted one) as one of its ports. */
    abstract ServerConfig.Builder withTaken(ServerConfig.Builder config, int port);

    /** For the subclass's {@code @Start}: takes a port, then opens the panel with it. */
    void open(Stage stage) throws IOException {
        squatter = new ServerSocket();
        squatter.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        open(stage, withTaken(TestServer.config(dir), squatter.getLocalPort()));
    }

    @AfterEach
    void freePort() throws IOException {
        squatter.close();
    }
}
