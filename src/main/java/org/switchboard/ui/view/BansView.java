package org.switchboard.ui.view;

import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.switchboard.auth.Ban;
import org.switchboard.ui.model.BansModel;

/** The Bans tab: every ban and mute in force, its reason and its time left, counting down; Add ban… and Remove. */
final class BansView extends VBox {
    private final BansModel bans;
    private final TableView<Ban> table = new TableView<>();
    private final Button add = new Button("Add ban…");
    private final Button remove = new Button("Remove");

    BansView(BansModel bans) {
        this.bans = bans;
        createView();
        initListeners();
    }

    private void createView() {
        getStyleClass().add("bans-pane");
        setSpacing(6);
        table.setId("bansTable");
        table.setItems(bans.bans());
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        Label empty = new Label("Nobody is banned or muted. Right click a user for Ban… or Mute…, or Add ban… for"
                + " an address or a range.");
        empty.getStyleClass().add("placeholder");
        table.setPlaceholder(empty);

        TableColumn<Ban, String> what = new TableColumn<>("What");
        what.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().target().text()));
        what.setPrefWidth(180);
        TableColumn<Ban, String> kind = new TableColumn<>("Kind");
        kind.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().kind().word()));
        kind.setPrefWidth(60);
        TableColumn<Ban, String> left = new TableColumn<>("Time left");
        left.setCellValueFactory(c -> Bindings.createStringBinding(
                () -> BansModel.timeLeft(c.getValue(), bans.nowProperty().get()), bans.nowProperty()));
        left.setPrefWidth(90);
        left.getStyleClass().add("numeric");
        TableColumn<Ban, String> reason = new TableColumn<>("Reason");
        reason.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().reason()));
        reason.setPrefWidth(260);
        table.getColumns().setAll(java.util.List.of(what, kind, left, reason));
        VBox.setVgrow(table, Priority.ALWAYS);

        add.setId("addBanButton");
        remove.setId("removeBanButton");
        remove.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox buttons = new HBox(8, add, remove, spacer);
        buttons.setAlignment(Pos.CENTER_LEFT);
        getChildren().setAll(buttons, table);
    }

    private void initListeners() {
        add.setOnAction(e -> BanDialog.ask(getScene().getWindow(), "Add ban",
                "Keep a name, an address or a range of addresses out. Whoever it covers is disconnected.", null, "Ban")
                .ifPresent(a -> bans.ban(a.target(), a.preset(), a.reason())));
        remove.setOnAction(e -> {
            Ban selected = table.getSelectionModel().getSelectedItem();
            if (selected != null) {
                bans.lift(selected);
            }
        });
    }
}
