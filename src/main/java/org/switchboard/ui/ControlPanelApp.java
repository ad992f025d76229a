package org.switchboard.ui;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.switchboard.server.ServerConfig;

/**
 * The JavaFX application. Kept apart from the program's {@code Main}, which must stay a plain class
 * so that a runnable jar with JavaFX on the class path can start.
 */
public final class ControlPanelApp extends Application {
    /** Handed over by {@link #run}: {@code Application.launch} creates this class itself. */
    private static volatile ServerConfig config;

    /** Opens the control panel for a server with this configuration; returns when the window is closed. */
    public static void run(ServerConfig serverConfig) {
        config = serverConfig;
        Application.launch(ControlPanelApp.class);
    }

    @Override
    public void start(Stage stage) {
        ServerConfig current = config;
        if (current == null) {
            throw new IllegalStateException("start the panel with ControlPanelApp.run(config)");
        }
        ControlPanel panel = new ControlPanel(current);
        // SIGTERM or Ctrl-C in the terminal that started the panel: stop the server as serve does
        // (everyone told, files flushed); close() is idempotent, so a closed window makes this a no-op.
        Runtime.getRuntime().addShutdownHook(new Thread(panel.server()::close, "switchboard-shutdown"));
        panel.show(stage, Platform::exit);
    }
}
