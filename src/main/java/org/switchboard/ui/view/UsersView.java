package org.switchboard.ui.view;

import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.switchboard.chat.MemberInfo;
import org.switchboard.ui.model.PanelModel;
import org.switchboard.ui.model.UsersModel;

/** Connected users: name, address, connected for; right click to write privately, kick, ban or mute. */
final class UsersView extends VBox {
    private final PanelModel model;
    private final UsersModel users;
    private final TableView<MemberInfo> table = new TableView<>();

    UsersView(PanelModel model) {
        this.model = model;
        this.users = model.users();
        createView();
    }

    private void createView() {
        getStyleClass().addAll("pane-card", "users-pane");
        Label title = new Label("Connected users");
        title.getStyleClass().add("pane-title");
        Label count = new Label();
        count.getStyleClass().add("count-pill");
        count.textProperty().bind(Bindings.size(users.users()).asString());
        HBox header = new HBox(8, title, count);
        header.setAlignment(Pos.CENTER_LEFT);
        header.getStyleClass().add("pane-header");

        table.setId("usersTable");
        table.setItems(users.users());
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        Label empty = new Label();
        empty.setId("usersPlaceholder");
        empty.textProperty().bind(model.status().nobodyOnlineProperty());
        empty.getStyleClass().add("placeholder");
        table.setPlaceholder(empty);

        TableColumn<MemberInfo, String> name = new TableColumn<>("Name");
        name.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().name()));
        name.setPrefWidth(85);
        TableColumn<MemberInfo, String> protocol = new TableColumn<>("Protocol");
        protocol.setId("protocolColumn");
        protocol.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().protocol()));
        protocol.setPrefWidth(74);
        protocol.setMinWidth(70); // line+TLS and IRC+TLS in full
        TableColumn<MemberInfo, String> address = new TableColumn<>("Address");
        address.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().address()));
        address.setPrefWidth(125);
        address.setMinWidth(115);
        TableColumn<MemberInfo, String> since = new TableColumn<>("Online");
        since.setCellValueFactory(c -> Bindings.createStringBinding(
                () -> UsersModel.connectedFor(c.getValue(), users.nowProperty().get()), users.nowProperty()));
        since.setPrefWidth(64);
        since.setMinWidth(56);
        since.getStyleClass().add("numeric");
        table.getColumns().setAll(java.util.List.of(name, protocol, address, since));
        table.setRowFactory(t -> row());
        VBox.setVgrow(table, Priority.ALWAYS);
        getChildren().setAll(header, table);
    }

    private TableRow<MemberInfo> row() {
        TableRow<MemberInfo> row = new TableRow<>();
        MenuItem kick = new MenuItem("Kick…");
        kick.setId("kickItem");
        kick.setOnAction(e -> kick(row.getItem()));
        MenuItem tell = new MenuItem("Send private message…");
        tell.setId("tellItem");
        tell.setOnAction(e -> tell(row.getItem()));
        MenuItem ban = new MenuItem("Ban…");
        ban.setId("banItem");
        ban.setOnAction(e -> ban(row.getItem()));
        MenuItem mute = new MenuItem("Mute…");
        mute.setId("muteItem");
        mute.setOnAction(e -> mute(row.getItem()));
        ContextMenu menu = new ContextMenu(tell, kick, mute, ban);
        row.contextMenuProperty().bind(Bindings.when(row.emptyProperty())
                .then((ContextMenu) null).otherwise(menu));
        return row;
    }

    private void kick(MemberInfo user) {
        Optional<String> reason = Dialogs.ask(getScene().getWindow(), "Kick " + user.name(),
                "Disconnect " + user.name() + " (" + user.address() + ")?",
                "Reason (optional, they will see it):", "Kick", true);
        reason.ifPresent(text -> model.kick(user.name(), text));
    }

    private void ban(MemberInfo user) {
        BanDialog.ask(getScene().getWindow(), "Ban " + user.name(), "Ban " + user.name() + " (" + user.address()
                + "): they are disconnected and cannot sign in again until it ends.", user.name(), "Ban")
                .ifPresent(a -> model.bans().ban(a.target(), a.preset(), a.reason()));
    }

    private void mute(MemberInfo user) {
        BanDialog.ask(getScene().getWindow(), "Mute " + user.name(), "Mute " + user.name()
                + ": they stay and read, but their lines and private messages are refused.", user.name(), "Mute")
                .ifPresent(a -> model.bans().mute(a.target(), a.preset(), a.reason()));
    }

    private void tell(MemberInfo user) {
        Optional<String> text = Dialogs.ask(getScene().getWindow(), "Private message",
                "A private line from the server to " + user.name() + ".", "Message:", "Send", false);
        text.ifPresent(line -> model.tell(user.name(), line));
    }
}
