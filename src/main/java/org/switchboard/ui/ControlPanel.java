package org.switchboard.ui;

import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javafx.application.Platform;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.switchboard.control.Operator;
import org.switchboard.server.ChatServer;
import org.switchboard.server.ServerConfig;
import org.switchboard.ui.model.PanelModel;
import org.switchboard.ui.view.MainView;

/**
 * Wires one server to one window: the server, the operator, the bridge, the model and the view.
 * Created and shown on the FX thread; the server starts once the window is up, so that a port already
 * in use is reported in the window rather than instead of it.
 */
public final class ControlPanel {
    public static final double WIDTH = 1280;
    public static final double HEIGHT = 800;
    public static final double MIN_WIDTH = 900;
    public static final double MIN_HEIGHT = 600;
    /** Rendered from assets/icon.svg by assets/make-icons; icon.png is the 256-pixel one. */
    private static final List<String> ICON_FILES = List.of("icon-16.png", "icon-32.png", "icon-48.png",
            "icon-64.png", "icon-128.png", "icon.png");

    private final ChatServer server;
    private final PanelModel model;
    private final FxBridge bridge;
    private final MainView view;

    public ControlPanel(ServerConfig config) {
        this(new ChatServer(config));
    }

    public ControlPanel(ChatServer server) {
        this.server = server;
        this.bridge = new FxBridge();
        this.model = new PanelModel(new Operator(server), bridge::post);
        this.view = new MainView(model);
    }

    public ChatServer server() {
        return server;
    }

    public PanelModel model() {
        return model;
    }

    public MainView view() {
        return view;
    }

    /**
     * Puts the panel in the stage, shows it and starts the server; closing the window stops it, after
     * asking while people are online.
     */
    public void show(Stage stage, Runnable afterClose) {
        // 1280x800 where it fits, else the whole screen (a small laptop, a 900x600 remote desktop)
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        Scene scene = new Scene(view, Math.min(WIDTH, screen.getWidth()), Math.min(HEIGHT, screen.getHeight()));
        scene.getStylesheets().add(stylesheet());
        view.installShortcuts(scene);
        stage.setScene(scene);
        stage.setTitle("Switchboard control panel");
        stage.setMinWidth(MIN_WIDTH);
        stage.setMinHeight(MIN_HEIGHT);
        stage.getIcons().setAll(icons());
        stage.setOnCloseRequest(e -> {
            e.consume();
            if (view.confirmClose()) {
                close(afterClose);
            }
        });
        stage.show();
        view.focusCommandField();
        open();
    }

    /** Starts the bridge and the server. FX thread. */
    public void open() {
        server.addListener(bridge);
        server.log().addListener(bridge);
        bridge.start(model::apply);
        model.open();
    }

    /** Stops the server off the FX thread, then runs {@code afterClose} on the FX thread. */
    public void close(Runnable afterClose) {
        view.setDisable(true);
        model.shutdown(() -> Platform.runLater(() -> {
            bridge.stop();
            server.removeListener(bridge);
            server.log().removeListener(bridge);
            afterClose.run();
        }));
    }

    public static String stylesheet() {
        return Objects.requireNonNull(ControlPanel.class.getResource("panel.css"), "panel.css").toExternalForm();
    }

    /**
     * The window icon in each size of assets/, so that the window manager draws the title bar's and the
     * task switcher's from a picture of their size rather than scaling one; none (rather than a failure)
     * for a size a repackaged jar lost.
     */
    static List<Image> icons() {
        List<Image> icons = new ArrayList<>();
        for (String name : ICON_FILES) {
            URL url = ControlPanel.class.getResource(name);
            if (url != null) {
                icons.add(new Image(url.toExternalForm()));
            }
        }
        return icons;
    }
}
