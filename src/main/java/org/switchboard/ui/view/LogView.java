package org.switchboard.ui.view;

import java.io.File;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;
import org.switchboard.log.LogEntry;
import org.switchboard.log.LogLevel;
import org.switchboard.ui.model.LogModel;
import org.switchboard.ui.model.PanelModel;

/**
 * The live activity log: levels in colour, a text filter and a level filter, auto-scroll that pauses
 * while the operator reads older lines (with an "N new lines" jump back), export and clear.
 */
final class LogView extends VBox {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    private final PanelModel model;
    private final LogModel log;
    /** Clears the logs once the operator has said yes (the main view asks, as for its own button). */
    private final Runnable clearLogs;
    private final ListView<LogEntry> list = new ListView<>();
    private final TextField filter = new TextField();

    LogView(PanelModel model, Runnable clearLogs) {
        this.model = model;
        this.log = model.log();
        this.clearLogs = clearLogs;
        createView();
    }

    TextField filterField() {
        return filter;
    }

    void export() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export the log lines shown");
        chooser.setInitialFileName("switchboard-log.txt");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Text files", "*.txt", "*.log"));
        File file = chooser.showSaveDialog(getScene().getWindow());
        if (file != null) {
            model.exportLog(file.toPath());
        }
    }

    private void createView() {
        getStyleClass().add("log-pane");
        filter.setId("logFilter");
        filter.setPromptText("Filter (Ctrl+F)");
        filter.textProperty().bindBidirectional(log.filterTextProperty());
        filter.getStyleClass().add("search-field");
        HBox.setHgrow(filter, Priority.SOMETIMES);
        filter.setMaxWidth(320);

        ComboBox<LogLevel> level = new ComboBox<>();
        level.setId("logLevel");
        level.getItems().setAll(LogLevel.values());
        level.setConverter(new StringConverter<>() {
            @Override
            public String toString(LogLevel value) {
                if (value == null) {
                    return "";
                }
                return switch (value) {
                    case DEBUG -> "All levels";
                    case INFO -> "Info and up";
                    case WARN -> "Warnings and errors";
                    case ERROR -> "Errors only";
                };
            }

            @Override
            public LogLevel fromString(String text) {
                return null;
            }
        });
        level.valueProperty().bindBidirectional(log.lowestLevelProperty());
        level.setTooltip(new Tooltip("Lowest level shown"));

        Label shown = new Label();
        shown.getStyleClass().add("muted");
        shown.setId("logLineCount");
        shown.textProperty().bind(javafx.beans.binding.Bindings.size(log.shown()).map(n -> LogModel.lineCount(n.intValue())));

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button export = new Button("Export…", Glyphs.export());
        export.setId("exportLogButton");
        export.setTooltip(new Tooltip("Save the lines shown to a file (Ctrl+E)"));
        export.setOnAction(e -> export());
        export.disableProperty().bind(log.emptyProperty());
        Button clear = new Button("Clear");
        clear.setId("clearLogPaneButton");
        clear.setTooltip(new Tooltip("Empty the activity log: this pane and server.log; asks first (Ctrl+L)"));
        // never handed the focus by the scene, so that a stray Space cannot reach it
        clear.setFocusTraversable(false);
        clear.setOnAction(e -> clearLogs.run());
        clear.disableProperty().bind(log.emptyProperty());
        HBox bar = new HBox(8, filter, level, shown, spacer, export, clear);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("log-toolbar");

        list.setId("logList");
        list.setItems(log.shown());
        list.getStyleClass().addAll("mono-list", "log-list");
        ZoneId zone = model.zone();
        list.setCellFactory(v -> new LogCell(zone));
        Label empty = new Label("No log lines (or none match the filter).");
        empty.getStyleClass().add("placeholder");
        list.setPlaceholder(empty);
        FollowTail.attach(list, log.followingProperty());

        Button jump = new Button();
        jump.setId("newLinesButton");
        jump.getStyleClass().add("jump-button");
        jump.textProperty().bind(log.newLinesProperty().asString("%,d new lines ↓"));
        jump.visibleProperty().bind(log.followingProperty().not());
        jump.setOnAction(e -> log.jumpToEnd());
        jump.setTooltip(new Tooltip("Back to the newest line and follow it (End)"));
        StackPane stack = new StackPane(list, jump);
        StackPane.setAlignment(jump, Pos.BOTTOM_RIGHT);
        jump.setTranslateX(-22);
        jump.setTranslateY(-12);
        VBox.setVgrow(stack, Priority.ALWAYS);
        getChildren().setAll(bar, stack);
    }

    /** One log line: time, level badge in its colour, message. */
    private static final class LogCell extends ListCell<LogEntry> {
        private final ZoneId zone;
        private final Label time = new Label();
        private final Label level = new Label();
        private final Label message = new Label();
        private final HBox box = new HBox(10, time, level, message);

        LogCell(ZoneId zone) {
            this.zone = zone;
            time.getStyleClass().add("log-time");
            time.setMinWidth(Region.USE_PREF_SIZE);
            level.getStyleClass().add("log-level");
            level.setMinWidth(Region.USE_PREF_SIZE);
            message.getStyleClass().add("log-message");
            box.setAlignment(Pos.CENTER_LEFT);
        }

        @Override
        protected void updateItem(LogEntry entry, boolean empty) {
            super.updateItem(entry, empty);
            getStyleClass().removeAll("level-debug", "level-info", "level-warn", "level-error");
            if (empty || entry == null) {
                setGraphic(null);
                return;
            }
            getStyleClass().add("level-" + entry.level().name().toLowerCase());
            time.setText(TIME.format(LocalDateTime.ofInstant(entry.time(), zone)));
            level.setText(entry.level().name());
            message.setText(entry.message());
            setGraphic(box);
        }
    }
}
