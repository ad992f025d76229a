package org.switchboard.ui.view;

import javafx.beans.property.SimpleBooleanProperty;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.switchboard.ui.model.PanelModel;

/** Commands typed in the command field and what they answered. */
final class ConsoleView extends VBox {
    ConsoleView(PanelModel model) {
        getStyleClass().add("console-pane");
        ListView<String> list = new ListView<>(model.console());
        list.setId("consoleList");
        list.getStyleClass().addAll("mono-list", "console-list");
        Label empty = new Label("Type a command below (try help) and its answer appears here.");
        empty.getStyleClass().add("placeholder");
        list.setPlaceholder(empty);
        list.setCellFactory(v -> new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(String line, boolean isEmpty) {
                super.updateItem(line, isEmpty);
                setText(isEmpty ? null : line);
                getStyleClass().remove("console-command");
                if (!isEmpty && line != null && line.startsWith("> ")) {
                    getStyleClass().add("console-command");
                }
            }
        });
        FollowTail.attach(list, new SimpleBooleanProperty(true));
        VBox.setVgrow(list, Priority.ALWAYS);
        getChildren().setAll(list);
    }
}
