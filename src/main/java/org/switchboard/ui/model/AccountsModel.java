package org.switchboard.ui.model;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import org.switchboard.control.Accounts;
import org.switchboard.control.Reply;
import org.switchboard.server.AccountAdmin;
import org.switchboard.server.AccountInfo;
import org.switchboard.server.ServerView;

/**
 * The Accounts tab: every registered name as the server last listed it, the filter typed over it, the
 * newest backup of the identity file that Restore would put back, and the actions (delete, reset a
 * password, restore), which go through the operator's {@link Accounts} on the panel's worker. State on
 * the FX thread; the rows are fetched off it while the tab is showing, with the panel's poll and after
 * each change.
 */
public final class AccountsModel {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm", Locale.ROOT);

    private final ObservableList<AccountInfo> rows = FXCollections.observableArrayList();
    private final FilteredList<AccountInfo> shown = new FilteredList<>(rows);
    private final StringProperty filter = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper backup = new ReadOnlyStringWrapper("");
    /** Whether the tab is showing: read by the poll on the stats thread. */
    private volatile boolean watched;
    private final Accounts operations;
    private final ServerView server;
    private final PanelWorker worker;
    private final Consumer<Reply> report;
    /** A reply of several lines, under the command a button ran, in the console too. */
    private final BiConsumer<String, Reply> reportInConsole;

    AccountsModel(Accounts operations, ServerView server, PanelWorker worker, Consumer<Reply> report,
            BiConsumer<String, Reply> reportInConsole) {
        this.operations = operations;
        this.server = server;
        this.worker = worker;
        this.report = report;
        this.reportInConsole = reportInConsole;
        filter.addListener((o, was, is) -> shown.setPredicate(matching(is)));
    }

    /** The rows whose name contains the filter (any case); the view sorts them. */
    public ObservableList<AccountInfo> accounts() {
        return shown;
    }

    /** How many names are registered, whatever the filter. */
    public int total() {
        return rows.size();
    }

    /** Part of a name to show only the names that contain it; "" shows all. */
    public StringProperty filterProperty() {
        return filter;
    }

    /** The file name of the newest backup of the identity file, "" when there is none. */
    public ReadOnlyStringProperty backupProperty() {
        return backup.getReadOnlyProperty();
    }

    /** The tab shows or hides: while it shows, its rows are fetched again every second. */
    public void watch(boolean showing) {
        watched = showing;
        if (showing) {
            refresh();
        }
    }

    /** Fetches the accounts and the newest backup off the FX thread. */
    public void refresh() {
        worker.runThen(this::snapshot, this::show);
    }

    /** Deletes an account (the user is disconnected if online); the reason goes to the activity log. */
    public void delete(String name, String reason) {
        change(() -> operations.delete(name, reason), report);
    }

    /**
     * Resets a password; {@code shown} gets the one-time password for the operator to pass on. It goes
     * to the dialog only, not to the status bar or the console.
     */
    public void resetPassword(String name, String reason, Consumer<String> shown) {
        change(() -> operations.resetPassword(name, reason), reply -> {
            report.accept(new Reply(reply.lines().subList(0, 1), reply.ok(), false));
            reply.lines().stream().filter(l -> l.startsWith(Accounts.ONE_TIME_PREFIX)).findFirst()
                    .map(l -> l.substring(Accounts.ONE_TIME_PREFIX.length())).ifPresent(shown);
        });
    }

    /** Puts the newest backup of the identity file back. */
    public void restore() {
        change(operations::restoreUsers, reply -> reportInConsole.accept("restore-users", reply));
    }

    /** The name a backup of the identity file made now gets (clear-users keeps one): for its confirmation. */
    public String nextBackup() {
        return server.config().usersFile().getFileName() + "." + AccountAdmin.backupStamp(server.clock().instant())
                + ".bak";
    }

    /** What the tab shows, fetched off the FX thread. */
    record Snapshot(List<AccountInfo> rows, Optional<String> backup) { }

    /** For the panel's poll: the rows while the tab is showing, else nothing. Off the FX thread. */
    Optional<Snapshot> snapshotIfWatched() {
        return watched ? Optional.of(snapshot()) : Optional.empty();
    }

    /** FX thread. */
    void show(Snapshot snapshot) {
        if (!rows.equals(snapshot.rows())) { // the poll brings the same rows mostly: keep the table's selection and menus
            rows.setAll(snapshot.rows());
        }
        backup.set(snapshot.backup().orElse(""));
    }

    private Snapshot snapshot() {
        return new Snapshot(server.accounts(), operations.newestBackup());
    }

    private void change(Supplier<Reply> action, Consumer<Reply> then) {
        worker.call(action, reply -> {
            then.accept(reply);
            refresh();
        });
    }

    static Predicate<AccountInfo> matching(String text) {
        String wanted = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        return account -> wanted.isEmpty() || account.name().toLowerCase(Locale.ROOT).contains(wanted);
    }

    /** A registration or last-seen time as the table shows it; "unknown" for a name from an older file. */
    public static String when(Instant time, ZoneId zone) {
        return time == null ? "unknown" : WHEN.format(time.atZone(zone));
    }
}
