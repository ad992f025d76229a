package org.switchboard.ui.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.switchboard.auth.Ban;
import org.switchboard.chat.ChatLine;
import org.switchboard.chat.MemberInfo;
import org.switchboard.control.Operator;
import org.switchboard.control.Reply;
import org.switchboard.log.LogEntry;
import org.switchboard.protocol.Names;
import org.switchboard.server.PortInfo;
import org.switchboard.server.ServerConfig;
import org.switchboard.server.ServerEvent;
import org.switchboard.server.ServerState;
import org.switchboard.server.ServerStats;
import org.switchboard.server.ServerView;

/**
 * The control panel's state and actions. State is read and changed on the FX thread only: server
 * events arrive in batches through {@link #apply}; results of operator calls come back through the
 * {@code fx} executor (the panel's bridge). Operator calls, which may block (stop waits for clients,
 * clear-users rewrites a file), run in order on one worker thread, never on the FX thread.
 */
public final class PanelModel {
    /** History lines shown when the panel opens. */
    public static final int HISTORY_ON_OPEN = 200;
    private static final int CONSOLE_LINES = 2_000;

    private final Operator operator;
    /** What the panel shows, read through the operator: never the server itself. */
    private final ServerView server;
    /** The server's clock: what the panel stamps itself compares with the times the server sends. */
    private final Clock clock;
    private final Consumer<Runnable> fx;
    /** Runs the operator calls in order off the FX thread, and polls the counters. */
    private final PanelWorker worker;

    private final StatusModel status = new StatusModel();
    private final UsersModel users;
    private final BansModel bans;
    private final ChatModel chat = new ChatModel();
    private final LogModel log = new LogModel();
    private final AccountsModel accounts;
    private final CommandHistory commandHistory = new CommandHistory(200);
    private final ObservableList<String> console = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper messageOk = new ReadOnlyBooleanWrapper(true);
    private final ReadOnlyStringWrapper startProblem = new ReadOnlyStringWrapper("");
    /** The start failed for its port, so another port may do (not for a data folder in use). */
    private final ReadOnlyBooleanWrapper portProblem = new ReadOnlyBooleanWrapper();

    /**
     * @param fx runs a task on the FX thread in the next batch (the bridge); tests without FX pass
     *     {@code Runnable::run}
     */
    public PanelModel(Operator operator, Consumer<Runnable> fx) {
        this.operator = operator;
        this.server = operator.view();
        this.clock = server.clock();
        this.users = new UsersModel(clock.instant());
        this.fx = fx;
        this.worker = new PanelWorker(fx, this::report);
        this.bans = new BansModel(operator.moderation(), server, worker, this::report);
        this.accounts = new AccountsModel(operator.accounts(), server, worker, this::report, this::reportInConsole);
    }

    public StatusModel status() {
        return status;
    }

    public UsersModel users() {
        return users;
    }

    /** The Bans tab's list and its actions. */
    public BansModel bans() {
        return bans;
    }

    public ChatModel chat() {
        return chat;
    }

    public LogModel log() {
        return log;
    }

    /** The Accounts tab's list and its actions. */
    public AccountsModel accounts() {
        return accounts;
    }

    public CommandHistory commandHistory() {
        return commandHistory;
    }

    /** Commands typed and their replies, newest last. */
    public ObservableList<String> console() {
        return console;
    }

    /** True while an operator call is running: lifecycle controls wait for it. */
    public ReadOnlyBooleanProperty busyProperty() {
        return worker.busyProperty();
    }

    /** The last action's answer, for the status bar. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty messageOkProperty() {
        return messageOk.getReadOnlyProperty();
    }

    /** Why the server is not running after the panel tried to start it ("" when it is fine). */
    public ReadOnlyStringProperty startProblemProperty() {
        return startProblem.getReadOnlyProperty();
    }

    /** Whether the start failed for its port: the banner then offers other ports. */
    public ReadOnlyBooleanProperty portProblemProperty() {
        return portProblem.getReadOnlyProperty();
    }

    /** Where users.txt, server.log and history.txt are, for the toolbar. */
    public String dataFolder() {
        Path folder = server.config().usersFile().toAbsolutePath().getParent();
        return folder == null ? "" : folder.normalize().toString();
    }

    public ZoneId zone() {
        return server.log().zone();
    }

    // ---- life ----

    /** Starts the server as the panel opens, then shows what it already has and polls its counters. */
    public void open() {
        call(operator::start, reply -> {
            startProblem(reply);
            report(reply);
        });
        // The snapshot goes after the start through the same worker and the same bridge as events, so
        // it replaces whatever events came before it and later events append to it.
        worker.runThen(this::snapshot, this::applySnapshot);
        worker.everySecond(this::tick);
    }

    /** Stops the server cleanly off the FX thread, then runs {@code then} (on that worker thread). */
    public void shutdown(Runnable then) {
        worker.shutdown(operator::shutdown, then);
    }

    /** Applies one frame's worth of server events, log lines and results, in order. FX thread. */
    public void apply(List<PanelInput> batch) {
        FrameBatch frame = new FrameBatch(log, chat, users, status, clock);
        for (PanelInput item : batch) {
            switch (item) {
                case PanelInput.Log line -> frame.add(line.entry());
                case PanelInput.Event event -> frame.add(event.event());
                case PanelInput.Task task -> {
                    // a result that must land between events, in order: flush what came before it
                    frame.flush();
                    task.task().run();
                }
            }
        }
        frame.flush();
    }

    // ---- operator actions (called on the FX thread) ----

    public void start() {
        call(operator::start, reply -> {
            startProblem(reply);
            report(reply);
        });
    }

    /** Starts on another port: 0 for any free one. */
    public void startOn(int port) {
        call(() -> operator.start(port), reply -> {
            startProblem(reply);
            report(reply);
        });
    }

    /** Starts on the first free port after the one that was taken (any free one past a short search). */
    public void startOnFreePort() {
        int taken = server.port();
        call(() -> operator.startOnFreePortAfter(taken), reply -> {
            startProblem(reply);
            report(reply);
        });
    }

    public void togglePause() {
        call(() -> switch (server.state()) {
            case LISTENING -> operator.pause();
            case PAUSED -> operator.resume();
            case STOPPED -> operator.pause();
        }, this::report);
    }

    public void stop() {
        call(operator::stop, this::report);
    }

    /** The configuration in force, for the limits dialog to start from. */
    public ServerConfig config() {
        return server.config();
    }

    /** New limits for the next start (the server must be stopped). */
    public void changeLimits(ServerConfig next) {
        call(() -> operator.reconfigure(next), this::report);
    }

    public void clearLogs() {
        call(operator::clearLogs, this::report);
    }

    /** Asked before clearing the logs: nothing brings them back. */
    public Question clearLogsQuestion() {
        return Question.clearLogs(log.size());
    }

    /** Users signed in now, as the users list shows them. */
    public int usersOnline() {
        return users.users().size();
    }

    /**
     * Asked before stopping the server (by Stop, or by {@code closing} the window): everyone online is
     * disconnected. Nothing to ask while nobody is online.
     */
    public Optional<Question> stopQuestion(boolean closing) {
        return Question.stop(usersOnline(), closing);
    }

    /**
     * Asked before running a typed command, if anything: {@code stop} and its other names ({@code quit},
     * {@code exit}, which in a shell would only leave the shell) stop the server for everyone.
     */
    public Optional<Question> questionBefore(String typed) {
        return Operator.commandName(typed).equals("stop") ? stopQuestion(false) : Optional.empty();
    }

    /** Counts the registered users off the FX thread (the identity file may be busy), for the confirmation. */
    public void countRegisteredUsers(IntConsumer then) {
        worker.runThen(server::registeredUsers, then::accept);
    }

    public void clearUsers() {
        call(operator::clearUsers, reply -> {
            reportInConsole("clear-users", reply);
            accounts.refresh();
        });
    }

    public void kick(String name, String reason) {
        call(() -> operator.kick(name, reason), this::report);
    }

    public void tell(String name, String text) {
        call(() -> operator.msg(name, text), reply -> {
            if (reply.ok()) {
                showPrivate(name, text);
            }
            report(reply);
        });
    }

    /** A private line the operator sent, in the chat pane under the name as the users list spells it. */
    private void showPrivate(String name, String text) {
        String shown = users.users().stream().map(MemberInfo::name)
                .filter(n -> Names.key(n).equals(Names.key(name))).findFirst().orElse(name);
        chat.append(List.of(new ChatEntry(clock.instant(), ChatEntry.Kind.PRIVATE, "to " + shown, text.strip())));
    }

    public void announce(String text) {
        if (!text.isBlank()) {
            call(() -> operator.say(text.strip()), this::report);
        }
    }

    /** Runs a typed command as the serve console would; its reply goes to the console list. */
    public void runCommand(String text) {
        String command = text.strip();
        if (command.isEmpty()) {
            return;
        }
        commandHistory.add(command);
        appendConsole(List.of("> " + command));
        call(() -> operator.execute(command), reply -> {
            appendConsole(reply.lines());
            if (reply.ok() && Operator.commandName(command).equals("msg")) {
                // typed as the context menu's private message is sent, so shown as it is
                String[] parts = command.split("\\s+", 3);
                showPrivate(parts[1], parts[2]);
            }
            report(reply);
        });
    }

    /** A typed command the operator did not confirm: kept in the history and the console, not run. */
    public void cancelCommand(String text) {
        String command = text.strip();
        if (command.isEmpty()) {
            return;
        }
        commandHistory.add(command);
        appendConsole(List.of("> " + command, "Cancelled: nothing was done."));
        report(new Reply(List.of("Cancelled: " + command), true, false));
    }

    /** Writes the lines the log pane shows to a file, off the FX thread. */
    public void exportLog(Path file) {
        List<String> lines = log.shownText(zone());
        call(() -> {
            try {
                Files.write(file, lines, StandardCharsets.UTF_8);
                return new Reply(List.of("Exported " + lines.size() + " log lines to " + file), true, false);
            } catch (IOException e) {
                return new Reply(List.of("Cannot write " + file + ": " + e.getMessage()), false, false);
            }
        }, this::report);
    }

    // ---- internals ----

    private record Snapshot(List<LogEntry> log, List<ChatLine> history, List<MemberInfo> users, ServerStats stats,
            List<PortInfo> ports, String fingerprint) { }

    private Snapshot snapshot() {
        return new Snapshot(server.log().tail(LogModel.MAX_LINES), server.recentHistory(HISTORY_ON_OPEN),
                server.users(), server.stats(), server.ports(), server.tlsFingerprint());
    }

    private void applySnapshot(Snapshot snapshot) {
        log.clear();
        log.append(snapshot.log());
        chat.append(snapshot.history().stream().map(ChatEntry::of).toList());
        users.reset(snapshot.users());
        status.ports(snapshot.ports(), snapshot.fingerprint());
        status.stats(snapshot.stats(), System.nanoTime());
    }

    private void tick() {
        ServerStats stats = server.stats();
        // the real ports once bound with 0, and a reloaded certificate, show within a second
        List<PortInfo> ports = server.ports();
        String fingerprint = server.tlsFingerprint();
        long nanos = System.nanoTime();
        Instant now = clock.instant();
        List<Ban> inForce = server.bans();
        Optional<AccountsModel.Snapshot> shownAccounts = accounts.snapshotIfWatched();
        fx.accept(() -> {
            status.ports(ports, fingerprint);
            status.stats(stats, nanos);
            users.tick(now);
            bans.refresh(inForce, now);
            shownAccounts.ifPresent(accounts::show);
        });
    }

    private void call(Supplier<Reply> action, Consumer<Reply> then) {
        worker.call(action, then);
    }

    private void startProblem(Reply reply) {
        startProblem.set(reply.ok() ? "" : reply.text());
        portProblem.set(!reply.ok() && reply.problem() == Reply.Problem.PORT);
    }

    /** A button's reply of several lines: all of them in the console, under the command it ran. */
    private void reportInConsole(String command, Reply reply) {
        if (reply.lines().size() > 1) {
            appendConsole(List.of("> " + command));
            appendConsole(reply.lines());
        }
        report(reply);
    }

    private void report(Reply reply) {
        message.set(summary(reply.lines()));
        messageOk.set(reply.ok());
    }

    /**
     * One line for the status bar: a reply's first line (what it is about: "Commands:", "Server
     * listening on port 5050…"), and how many more there are; the console has them all.
     */
    static String summary(List<String> lines) {
        if (lines.size() <= 1) {
            return lines.isEmpty() ? "" : lines.getFirst();
        }
        int more = lines.size() - 1;
        return lines.getFirst() + " … " + (more == 1 ? "1 more line" : more + " more lines") + " in the Console tab";
    }

    private void appendConsole(List<String> lines) {
        BoundedList.append(console, lines, CONSOLE_LINES);
    }
}
