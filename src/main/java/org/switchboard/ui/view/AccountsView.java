package org.switchboard.ui.view;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.switchboard.protocol.Names;
import org.switchboard.server.AccountInfo;
import org.switchboard.ui.model.AccountsModel;
import org.switchboard.ui.model.PanelModel;

/**
 * Registered names: a filter, a table sortable by name, registration, last seen and online; right
 * click to delete an account or reset its password; Restore puts the newest backup of the identity
 * file back. Every action goes through the tab's {@link AccountsModel}, which
 * runs it as an operator command on the panel's worker.
 */
final class AccountsView extends VBox {
    private final PanelModel model;
    private final AccountsModel accounts;
    private final TableView<AccountInfo> table = new TableView<>();
    private final TextField filter = new TextField();
    private final Button restore = new Button("Restore backup");

    AccountsView(PanelModel model) {
        this.model = model;
        this.accounts = model.accounts();
        createView();
        initListeners();
    }

    private void createView() {
        getStyleClass().addAll("accounts-pane");
        filter.setId("accountsFilter");
        filter.setPromptText("Filter names");
        filter.setPrefColumnCount(16);
        Label count = new Label();
        count.setId("accountsCount");
        count.getStyleClass().add("count-pill");
        count.textProperty().bind(Bindings.size(accounts.accounts()).asString());
        restore.setId("restoreUsersButton");
        restore.setFocusTraversable(false);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(8, filter, count, spacer, restore);
        header.setAlignment(Pos.CENTER_LEFT);
        header.getStyleClass().add("pane-header");

        table.setId("accountsTable");
        SortedList<AccountInfo> sorted = new SortedList<>(accounts.accounts());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        Label empty = new Label("No registered accounts");
        empty.getStyleClass().add("placeholder");
        table.setPlaceholder(empty);

        TableColumn<AccountInfo, String> name = new TableColumn<>("Name");
        name.setId("accountNameColumn");
        name.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().name()));
        name.setComparator(Comparator.comparing(Names::key));
        name.setPrefWidth(140);
        TableColumn<AccountInfo, Instant> registered = timeColumn("Registered", AccountInfo::registered);
        registered.setId("accountRegisteredColumn");
        TableColumn<AccountInfo, Instant> seen = timeColumn("Last seen", AccountInfo::lastSeen);
        seen.setId("accountLastSeenColumn");
        TableColumn<AccountInfo, String> online = new TableColumn<>("Online");
        online.setId("accountOnlineColumn");
        online.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().online() ? "online" : ""));
        online.setPrefWidth(70);
        TableColumn<AccountInfo, String> banned = new TableColumn<>("Banned");
        banned.setId("accountBannedColumn");
        banned.setCellValueFactory(c -> new ReadOnlyStringWrapper(banText(c.getValue())));
        banned.setPrefWidth(200);
        table.getColumns().setAll(List.of(name, registered, seen, online, banned));
        table.getSortOrder().setAll(List.of(name));
        table.setRowFactory(t -> row());
        VBox.setVgrow(table, Priority.ALWAYS);
        getChildren().setAll(header, table);
    }

    private void initListeners() {
        filter.textProperty().bindBidirectional(accounts.filterProperty());
        restore.disableProperty().bind(accounts.backupProperty().isEmpty().or(model.busyProperty()));
        restore.tooltipProperty().bind(Bindings.createObjectBinding(() -> new Tooltip(accounts.backupProperty().get()
                .isEmpty() ? "No backup of the identity file yet (Clear identity file keeps one)"
                : "Put " + accounts.backupProperty().get() + " back; names registered since keep their password"),
                accounts.backupProperty()));
        restore.setOnAction(e -> accounts.restore());
    }

    /** A time column: sorted by the time itself, unknown times first, shown in the log's zone. */
    private TableColumn<AccountInfo, Instant> timeColumn(String title,
            java.util.function.Function<AccountInfo, Instant> time) {
        TableColumn<AccountInfo, Instant> column = new TableColumn<>(title);
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(time.apply(c.getValue())));
        column.setComparator(Comparator.nullsFirst(Comparator.naturalOrder()));
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Instant item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : AccountsModel.when(item, model.zone()));
            }
        });
        column.setPrefWidth(130);
        return column;
    }

    private TableRow<AccountInfo> row() {
        TableRow<AccountInfo> row = new TableRow<>();
        // the account the menu was opened on: a refresh while it is open may give the row another one
        AccountInfo[] target = new AccountInfo[1];
        MenuItem reset = new MenuItem("Reset password…");
        reset.setId("resetPasswordItem");
        reset.setOnAction(e -> resetPassword(target[0]));
        MenuItem delete = new MenuItem("Delete…");
        delete.setId("deleteAccountItem");
        delete.setOnAction(e -> delete(target[0]));
        MenuItem ban = new MenuItem("Ban…");
        ban.setId("banAccountItem");
        ban.setOnAction(e -> ban(target[0]));
        ContextMenu menu = new ContextMenu(reset, delete, ban);
        menu.setOnShowing(e -> target[0] = row.getItem());
        row.contextMenuProperty().bind(Bindings.when(row.emptyProperty())
                .then((ContextMenu) null).otherwise(menu));
        return row;
    }

    /** "" for an account nobody banned; else until when, as the {@code accounts} command says it. */
    private String banText(AccountInfo account) {
        return account.banned() ? account.ban().untilText(model.zone()) : "";
    }

    private void ban(AccountInfo account) {
        BanDialog.ask(getScene().getWindow(), "Ban " + account.name(), "Ban " + account.name()
                + (account.online() ? ": they are disconnected and" : ":") + " cannot sign in until it ends.",
                account.name(), "Ban")
                .ifPresent(a -> model.bans().ban(a.target(), a.preset(), a.reason()));
    }

    private void delete(AccountInfo account) {
        Optional<String> reason = Dialogs.ask(getScene().getWindow(), "Delete " + account.name(),
                "Delete the account " + account.name() + "?" + (account.online() ? " They are online and will be"
                        + " disconnected." : "") + " Their tokens die and the name is free to register again.",
                "Reason (optional, for the activity log and for them if online):", "Delete account", true);
        reason.ifPresent(text -> accounts.delete(account.name(), text));
    }

    private void resetPassword(AccountInfo account) {
        Optional<String> reason = Dialogs.ask(getScene().getWindow(), "Reset the password of " + account.name(),
                "Give " + account.name() + " a one-time password in place of theirs?" + (account.online()
                        ? " They are online and will be disconnected." : "") + " Their old password and saved"
                        + " tokens stop working at once.",
                "Reason (optional, for the activity log):", "Reset password", true);
        // the answer comes back inside a frame's batch, where a modal dialog may not open: show it just after
        reason.ifPresent(text -> accounts.resetPassword(account.name(), text, oneTime -> Platform.runLater(
                () -> Dialogs.oneTimePassword(getScene().getWindow(), account.name(), oneTime))));
    }
}
