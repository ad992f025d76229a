package org.switchboard.ui.view;

import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.switchboard.ui.model.ChatEntry;
import org.switchboard.ui.model.PanelModel;

/** The room as it happens (history first), and the field to announce to everyone as the server. */
final class ChatView extends VBox {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");
    /** Name colours, picked by the name's hash so a user keeps theirs. */
    private static final int NAME_COLOURS = 8;

    private final PanelModel model;
    private final ListView<ChatEntry> list = new ListView<>();
    private final TextField announce = new TextField();

    ChatView(PanelModel model) {
        this.model = model;
        createView();
    }

    TextField announceField() {
        return announce;
    }

    private void createView() {
        getStyleClass().addAll("pane-card", "chat-pane");
        Label title = new Label("Chat");
        title.getStyleClass().add("pane-title");
        HBox header = new HBox(8, title);
        header.setAlignment(Pos.CENTER_LEFT);
        header.getStyleClass().add("pane-header");

        list.setId("chatList");
        list.setItems(model.chat().lines());
        list.getStyleClass().add("chat-list");
        Label empty = new Label("No chat yet. Lines appear here as users talk.");
        empty.getStyleClass().add("placeholder");
        list.setPlaceholder(empty);
        ZoneId zone = model.zone();
        list.setCellFactory(v -> new ChatCell(zone));
        FollowTail.attach(list, new SimpleBooleanProperty(true));
        VBox.setVgrow(list, Priority.ALWAYS);

        announce.setId("announceField");
        announce.setPromptText("Announce to everyone as the server…");
        HBox.setHgrow(announce, Priority.ALWAYS);
        Button send = new Button("Announce");
        send.setId("announceButton");
        send.setTooltip(new Tooltip("Send to everyone online, kept in the history (Enter)"));
        send.disableProperty().bind(announce.textProperty().isEmpty());
        send.setOnAction(e -> announce());
        announce.setOnAction(e -> announce());
        HBox bar = new HBox(6, announce, send);
        bar.getStyleClass().add("input-bar");
        bar.setAlignment(Pos.CENTER_LEFT);
        getChildren().setAll(header, list, bar);
    }

    private void announce() {
        String text = announce.getText();
        if (!text.isBlank()) {
            model.announce(text);
            announce.clear();
        }
    }

    /** One chat line: time, name (in the user's colour), text; notices and announcements look apart. */
    private static final class ChatCell extends ListCell<ChatEntry> {
        private final ZoneId zone;
        private final Label time = new Label();
        private final Label from = new Label();
        private final Label text = new Label();
        private final HBox box = new HBox(8, time, from, text);

        ChatCell(ZoneId zone) {
            this.zone = zone;
            time.getStyleClass().add("chat-time");
            from.getStyleClass().add("chat-from");
            from.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            text.getStyleClass().add("chat-text");
            text.setWrapText(true);
            HBox.setHgrow(text, Priority.ALWAYS);
            box.setAlignment(Pos.TOP_LEFT);
            // keep cells as wide as the list so that long lines wrap instead of scrolling sideways
            setPrefWidth(0);
        }

        @Override
        protected void updateItem(ChatEntry entry, boolean empty) {
            super.updateItem(entry, empty);
            getStyleClass().removeAll("kind-message", "kind-action", "kind-announcement", "kind-notice",
                    "kind-private");
            if (empty || entry == null) {
                setGraphic(null);
                return;
            }
            getStyleClass().add("kind-" + entry.kind().name().toLowerCase());
            time.setText(CLOCK.format(LocalTime.ofInstant(entry.time(), zone)));
            from.getStyleClass().removeIf(c -> c.startsWith("name-"));
            switch (entry.kind()) {
                case MESSAGE -> {
                    from.setText(entry.from());
                    from.getStyleClass().add("name-" + Math.floorMod(entry.from().hashCode(), NAME_COLOURS));
                    text.setText(entry.text());
                }
                case ACTION -> {
                    from.setText("* " + entry.from());
                    from.getStyleClass().add("name-" + Math.floorMod(entry.from().hashCode(), NAME_COLOURS));
                    text.setText(entry.text());
                }
                case ANNOUNCEMENT -> {
                    from.setText("server");
                    text.setText(entry.text());
                }
                case PRIVATE -> {
                    from.setText("server → " + entry.from().replaceFirst("^to ", ""));
                    text.setText(entry.text());
                }
                case NOTICE -> {
                    from.setText("•");
                    text.setText(entry.text());
                }
            }
            setGraphic(box);
        }
    }
}
