package org.switchboard.ui.model;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import org.switchboard.server.AccountInfo;

/**
 * The Accounts tab's state: every registered name as the server last listed it, the filter typed
 * over it, and the newest backup of the identity file that Restore would put back. FX thread; the
 * rows are fetched off it, by the {@link PanelModel}'s worker, while the tab is showing.
 */
public final class AccountsModel {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm", Locale.ROOT);

    private final ObservableList<AccountInfo> rows = FXCollections.observableArrayList();
    private final FilteredList<AccountInfo> shown = new FilteredList<>(rows);
    private final StringProperty filter = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper backup = new ReadOnlyStringWrapper("");
    /** Whether the tab is showing: read by the poll on the stats thread. */
    private volatile boolean watched;

    AccountsModel() {
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

    boolean watched() {
        return watched;
    }

    void watched(boolean showing) {
        watched = showing;
    }

    void reset(List<AccountInfo> accounts, Optional<String> newestBackup) {
        if (!rows.equals(accounts)) { // the poll brings the same rows mostly: keep the table's selection and menus
            rows.setAll(accounts);
        }
        backup.set(newestBackup.orElse(""));
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
