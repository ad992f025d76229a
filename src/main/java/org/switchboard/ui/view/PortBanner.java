package org.switchboard.ui.view;

import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import org.switchboard.ui.model.PanelModel;

/**
 * Says plainly why the server is not running when the panel could not start it (most often: the port
 * is taken), and offers a way out: the next free port after it, or a number the operator types.
 */
final class PortBanner extends HBox {
    PortBanner(PanelModel model) {
        setId("portBanner");
        getStyleClass().add("banner-error");
        setAlignment(Pos.CENTER_LEFT);
        setSpacing(10);
        Label text = new Label();
        text.setId("portProblem");
        text.textProperty().bind(model.startProblemProperty().map(p -> "The server is not running. " + p));
        text.setWrapText(true);
        text.setMinWidth(0);
        HBox.setHgrow(text, Priority.ALWAYS);
        Button free = new Button("Use a free port");
        free.setId("freePortButton");
        free.getStyleClass().add("accent");
        free.setTooltip(new javafx.scene.control.Tooltip("Start on the first free port after the taken one"));
        free.setOnAction(e -> model.startOnFreePort());
        TextField port = new TextField();
        port.setId("portField");
        port.setPromptText("port");
        port.setPrefColumnCount(6);
        port.setTextFormatter(new javafx.scene.control.TextFormatter<String>(
                c -> c.getControlNewText().matches("\\d{0,5}") ? c : null));
        Button other = new Button("Start on this port");
        other.setId("otherPortButton");
        other.disableProperty().bind(port.textProperty().isEmpty());
        Runnable startOther = () -> {
            if (!port.getText().isEmpty()) {
                model.startOn(Integer.parseInt(port.getText()));
            }
        };
        other.setOnAction(e -> startOther.run());
        port.setOnAction(e -> startOther.run());
        text.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        getChildren().setAll(text, free, port, other);
        // a data folder in use or unreadable is not mended by another port
        for (var offer : List.of(free, port, other)) {
            offer.visibleProperty().bind(model.portProblemProperty());
            offer.managedProperty().bind(offer.visibleProperty());
        }
        visibleProperty().bind(model.startProblemProperty().isNotEmpty());
        managedProperty().bind(visibleProperty());
    }
}
