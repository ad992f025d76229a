package org.switchboard.ui.view;

import java.util.Optional;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.controlsfx.control.StatusBar;
import org.switchboard.server.ServerState;
import org.switchboard.ui.model.PanelModel;
import org.switchboard.ui.model.Question;
import org.switchboard.ui.model.StatusModel;

/** The whole window: controls on top, users and chat, the log and console, the command field, the status bar. */
public final class MainView extends BorderPane {
    static final KeyCombination START = new KeyCodeCombination(KeyCode.F5);
    static final KeyCombination PAUSE = new KeyCodeCombination(KeyCode.F6);
    static final KeyCombination STOP = new KeyCodeCombination(KeyCode.F5, KeyCombination.SHIFT_DOWN);
    static final KeyCombination CLEAR_LOGS = new KeyCodeCombination(KeyCode.L, KeyCombination.SHORTCUT_DOWN);
    static final KeyCombination CLEAR_USERS = new KeyCodeCombination(KeyCode.DELETE,
            KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN);
    static final KeyCombination FIND = new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN);
    static final KeyCombination EXPORT = new KeyCodeCombination(KeyCode.E, KeyCombination.SHORTCUT_DOWN);
    static final KeyCombination COMMAND = new KeyCodeCombination(KeyCode.K, KeyCombination.SHORTCUT_DOWN);
    static final KeyCombination ANNOUNCE = new KeyCodeCombination(KeyCode.J, KeyCombination.SHORTCUT_DOWN);

    private final PanelModel model;
    private final StatusModel status;
    private final Button start = new Button("Start", Glyphs.play());
    private final Button pause = new Button("Pause", Glyphs.pause());
    private final Button stop = new Button("Stop", Glyphs.stop());
    private final Button clearLogs = new Button("Clear logs", Glyphs.broom());
    private final Button clearUsers = new Button("Clear identity file…");
    private final Button limits = new Button("Limits…");
    private final TextField command = new TextField();
    private final TabPane bottomTabs = new TabPane();
    private final Tab accountsTab = new Tab("Accounts");
    private UsersView users;
    private ChatView chat;
    private LogView log;
    private PortBanner banner;

    public MainView(PanelModel model) {
        this.model = model;
        this.status = model.status();
        createView();
        initListeners();
    }

    /** Installs the keyboard shortcuts named in the tooltips. */
    public void installShortcuts(Scene scene) {
        scene.getAccelerators().put(START, () -> fire(start));
        scene.getAccelerators().put(PAUSE, () -> fire(pause));
        scene.getAccelerators().put(STOP, () -> fire(stop));
        scene.getAccelerators().put(CLEAR_LOGS, () -> fire(clearLogs));
        scene.getAccelerators().put(CLEAR_USERS, () -> fire(clearUsers));
        scene.getAccelerators().put(FIND, () -> {
            bottomTabs.getSelectionModel().select(0);
            log.filterField().requestFocus();
        });
        scene.getAccelerators().put(EXPORT, log::export);
        scene.getAccelerators().put(COMMAND, command::requestFocus);
        scene.getAccelerators().put(ANNOUNCE, () -> chat.announceField().requestFocus());
    }

    /** Where the keyboard starts: the command field, not whichever button happens to come first. */
    public void focusCommandField() {
        command.requestFocus();
    }

    private static void fire(ButtonBase button) {
        if (!button.isDisabled()) {
            button.fire();
        }
    }

    private void createView() {
        getStyleClass().add("main-view");
        users = new UsersView(model);
        chat = new ChatView(model);
        log = new LogView(model, this::confirmClearLogs);
        banner = new PortBanner(model);

        VBox top = new VBox(toolbar(), new PortsBar(status), banner);
        setTop(top);

        SplitPane upper = new SplitPane(users, chat);
        upper.setOrientation(Orientation.HORIZONTAL);
        upper.setDividerPositions(0.33); // room for the users' protocol beside name, address and time
        SplitPane.setResizableWithParent(users, false);

        Tab logTab = new Tab("Activity log", log);
        logTab.setId("logTab");
        Tab consoleTab = new Tab("Console", new ConsoleView(model));
        consoleTab.setId("consoleTab");
        Tab bansTab = new Tab("Bans", new BansView(model.bans()));
        bansTab.setId("bansTab");
        accountsTab.setId("accountsTab");
        accountsTab.setContent(new AccountsView(model));
        accountsTab.selectedProperty().addListener((o, was, is) -> model.accounts().watch(is));
        bottomTabs.getTabs().setAll(logTab, consoleTab, accountsTab, bansTab);
        bottomTabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        bottomTabs.getStyleClass().add("bottom-tabs");

        SplitPane center = new SplitPane(upper, bottomTabs);
        center.setOrientation(Orientation.VERTICAL);
        center.setDividerPositions(0.52);
        center.getStyleClass().add("center-split");
        setCenter(center);

        setBottom(new VBox(commandBar(), statusBar()));
    }

    private ToolBar toolbar() {
        start.setId("startButton");
        start.setTooltip(new Tooltip("Start listening on the port (F5)"));
        start.getStyleClass().add("accent");
        pause.setId("pauseButton");
        pause.setTooltip(new Tooltip("Pause: close the port to new connections, users keep chatting;"
                + " Resume: listen again (F6)"));
        stop.setId("stopButton");
        stop.setTooltip(new Tooltip("Stop: tell everyone, close every connection (Shift+F5)"));
        clearLogs.setId("clearLogsButton");
        clearLogs.setTooltip(new Tooltip("Empty the activity log: the pane and server.log; asks first (Ctrl+L)"));
        // The destructive buttons are never handed the focus by the scene (a click or the shortcut
        // reaches them), so that a Space meant for something else cannot fire them.
        clearLogs.setFocusTraversable(false);
        clearUsers.setFocusTraversable(false);
        clearUsers.setId("clearUsersButton");
        clearUsers.getStyleClass().add("danger-outline");
        clearUsers.setTooltip(new Tooltip("Forget every registered user and login token; asks first"
                + " (Ctrl+Shift+Delete)"));

        limits.setId("limitsButton");
        limits.setTooltip(new Tooltip("Change the limits against abuse (line length, flood, wrong passwords,"
                + " connections); while the server is stopped, for the next start"));

        Label brand = new Label("Switchboard");
        brand.getStyleClass().add("brand");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Label data = new Label();
        data.getStyleClass().add("muted");
        data.setText("Data: " + model.dataFolder());
        data.setTooltip(new Tooltip("Data folder: users.txt, server.log, history.txt"));
        data.setMinWidth(0);

        ToolBar bar = new ToolBar(brand, new Separator(Orientation.VERTICAL), start, pause, stop,
                new Separator(Orientation.VERTICAL), clearLogs, clearUsers, new Separator(Orientation.VERTICAL), limits,
                spacer, data);
        bar.getStyleClass().add("main-toolbar");
        return bar;
    }

    private HBox commandBar() {
        Label prompt = new Label("›");
        prompt.getStyleClass().add("command-prompt");
        command.setId("commandField");
        command.setPromptText("Operator command: help, status, users, kick NAME, say TEXT, msg NAME TEXT…"
                + "  (↑ history, Ctrl+K)");
        command.getStyleClass().add("command-field");
        HBox.setHgrow(command, Priority.ALWAYS);
        HBox bar = new HBox(8, prompt, command);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("command-bar");
        return bar;
    }

    private StatusBar statusBar() {
        StatusBar bar = new StatusBar();
        bar.setId("statusBar");
        Label badge = new Label();
        badge.setId("stateBadge");
        badge.getStyleClass().add("state-badge");
        badge.textProperty().bind(status.badgeProperty());
        // a long answer in the bar (status names every port and the certificate) must not squeeze these
        badge.setMinWidth(Region.USE_PREF_SIZE);
        status.stateProperty().addListener((o, was, is) -> paintBadge(badge, is));
        paintBadge(badge, status.state());
        bar.getLeftItems().setAll(badge);
        bar.textProperty().bind(model.messageProperty());
        model.messageOkProperty().addListener((o, was, ok) -> bar.pseudoClassStateChanged(
                javafx.css.PseudoClass.getPseudoClass("failed"), !ok));

        Label clients = metric("clientsLabel", status.clientsProperty(), "Users signed in now, and the most at once");
        Label rate = metric("rateLabel", status.rateProperty(), "Chat lines per second, over the last 5 seconds");
        Label uptime = metric("uptimeLabel", status.uptimeProperty(), "Time since the server started");
        bar.getRightItems().setAll(clients, new Separator(Orientation.VERTICAL), rate,
                new Separator(Orientation.VERTICAL), uptime);
        return bar;
    }

    private static Label metric(String id, javafx.beans.value.ObservableStringValue text, String tip) {
        Label label = new Label();
        label.setId(id);
        label.getStyleClass().add("metric");
        label.textProperty().bind(text);
        label.setTooltip(new Tooltip(tip));
        label.setMinWidth(Region.USE_PREF_SIZE);
        return label;
    }

    private static void paintBadge(Label badge, ServerState state) {
        badge.getStyleClass().removeAll("state-listening", "state-paused", "state-stopped");
        badge.getStyleClass().add("state-" + state.name().toLowerCase());
    }

    private void initListeners() {
        BooleanBinding busy = Bindings.createBooleanBinding(() -> model.busyProperty().get(), model.busyProperty());
        BooleanBinding stopped = status.stateProperty().isEqualTo(ServerState.STOPPED);
        start.disableProperty().bind(stopped.not().or(busy));
        pause.disableProperty().bind(stopped.or(busy));
        stop.disableProperty().bind(stopped.or(busy));
        pause.textProperty().bind(Bindings.when(status.stateProperty().isEqualTo(ServerState.PAUSED))
                .then("Resume").otherwise("Pause"));
        status.stateProperty().addListener((o, was, is) ->
                pause.setGraphic(is == ServerState.PAUSED ? Glyphs.play() : Glyphs.pause()));
        clearLogs.disableProperty().bind(model.log().emptyProperty());
        clearUsers.disableProperty().bind(status.registeredUsersProperty().isEqualTo(0).or(busy));

        limits.disableProperty().bind(stopped.not().or(busy));
        limits.setOnAction(e -> LimitsDialog.edit(getScene().getWindow(), model.config())
                .ifPresent(model::changeLimits));
        start.setOnAction(e -> model.start());
        pause.setOnAction(e -> model.togglePause());
        stop.setOnAction(e -> {
            if (confirmed(model.stopQuestion(false))) {
                model.stop();
            }
        });
        clearLogs.setOnAction(e -> confirmClearLogs());
        keepFocusSafe(start, pause, stop, clearLogs, clearUsers, limits, banner);
        // The count comes back inside a frame's batch, where a modal dialog may not open: ask just after.
        clearUsers.setOnAction(e -> model.countRegisteredUsers(
                count -> Platform.runLater(() -> confirmClearUsers(count))));

        command.setOnAction(e -> {
            String typed = command.getText();
            command.clear();
            bottomTabs.getSelectionModel().select(1);
            if (confirmed(model.questionBefore(typed))) {
                model.runCommand(typed);
            } else {
                model.cancelCommand(typed);
            }
        });
        command.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.UP) {
                model.commandHistory().older().ifPresent(this::showCommand);
                e.consume();
            } else if (e.getCode() == KeyCode.DOWN) {
                showCommand(model.commandHistory().newer());
                e.consume();
            }
        });
    }

    /**
     * Whether the window may close: asks first while people are online, since closing stops the server
     * for them. FX thread, from the window's close request.
     */
    public boolean confirmClose() {
        return confirmed(model.stopQuestion(true));
    }

    /** True when there is nothing to ask, or the operator said yes. */
    private boolean confirmed(Optional<Question> question) {
        return question.map(q -> Dialogs.confirm(getScene().getWindow(), q)).orElse(true);
    }

    private void confirmClearLogs() {
        if (Dialogs.confirm(getScene().getWindow(), model.clearLogsQuestion())) {
            model.clearLogs();
        }
    }

    /**
     * A control that is disabled or hidden while it has the focus (Stop once clicked, the banner once
     * the server runs) would have the scene hand the focus to the next control in line, which was
     * Clear logs: the command field takes it instead, before the scene looks.
     */
    private void keepFocusSafe(Node... controls) {
        for (Node control : controls) {
            control.disabledProperty().addListener((o, was, is) -> rescueFocus(control));
            control.visibleProperty().addListener((o, was, is) -> rescueFocus(control));
        }
    }

    private void rescueFocus(Node control) {
        if (getScene() == null || !(control.isDisabled() || !control.isVisible())) {
            return;
        }
        for (Node node = getScene().getFocusOwner(); node != null; node = node.getParent()) {
            if (node == control) {
                command.requestFocus();
                return;
            }
        }
    }

    private void showCommand(String text) {
        command.setText(text);
        command.positionCaret(text.length());
    }

    private void confirmClearUsers(int count) {
        if (count == 0) {
            return;
        }
        String users = count == 1 ? "1 registered user" : count + " registered users";
        boolean yes = Dialogs.confirm(getScene().getWindow(), "Clear the identity file",
                "Delete " + users + "?",
                "users.txt is emptied: everyone must register again and every saved login token stops"
                        + " working. People signed in now stay signed in. A backup is kept first, owner-only, in "
                        + model.dataFolder() + ", named for the time of the clear (UTC): "
                        + model.accounts().nextBackup() + " if it were now. Restore backup in the Accounts tab puts it back.",
                "Delete " + users);
        if (yes) {
            model.clearUsers();
            bottomTabs.getSelectionModel().select(accountsTab); // Restore backup is one click away
        }
    }
}
