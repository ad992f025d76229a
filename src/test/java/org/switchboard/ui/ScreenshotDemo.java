package org.switchboard.ui;

import java.net.InetAddress;
import java.nio.file.Path;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.switchboard.server.ServerConfig;

/**
 * Not a test: opens the real panel for the README screenshot and, once users have chatted a little,
 * does what an operator would (an announcement, a private line), so the picture shows every kind of
 * line. Arguments: {@code PORT DATA-DIR}. Run as described in docs/PERFORMANCE.md's probe section.
 */
public final class ScreenshotDemo {
    private ScreenshotDemo() {
    }

    public static void main(String[] args) throws Exception {
        ServerConfig config = ServerConfig.builder()
                .port(Integer.parseInt(args[0]))
                .ircPort(0)
                .bindAddress(InetAddress.getLoopbackAddress())
                .tlsPort(0)
                .ircTlsPort(0)
                .dataDir(Path.of(args[1]))
                .hashIterations(1_000)
                .build();
        ControlPanel[] panel = new ControlPanel[1];
        Platform.startup(() -> {
            panel[0] = new ControlPanel(config);
            panel[0].show(new Stage(), Platform::exit);
        });
        Thread.sleep(9_000);
        Platform.runLater(() -> {
            panel[0].model().announce("Maintenance window tonight at 18:00 UTC, about 10 minutes.");
            panel[0].model().tell("dina", "PR 214 is approved, merge when ready");
            panel[0].model().log().filterTextProperty().set("");
        });
    }
}
