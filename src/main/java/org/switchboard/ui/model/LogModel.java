package org.switchboard.ui.model;

import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import org.switchboard.log.LogEntry;
import org.switchboard.log.LogLevel;

/**
 * The log pane's state: the newest {@link #MAX_LINES} entries, the filter (text and lowest level), and
 * whether the pane follows new lines. While the operator has scrolled away it counts the new lines that
 * pass the filter, for the "N new lines" jump-back. FX thread.
 */
public final class LogModel {
    public static final int MAX_LINES = 10_000;

    private final ObservableList<LogEntry> all = FXCollections.observableArrayList();
    private final FilteredList<LogEntry> shown = new FilteredList<>(all);
    private final StringProperty filterText = new SimpleStringProperty("");
    private final ObjectProperty<LogLevel> lowestLevel = new SimpleObjectProperty<>(LogLevel.DEBUG);
    private final BooleanProperty following = new SimpleBooleanProperty(true);
    private final ReadOnlyIntegerWrapper newLines = new ReadOnlyIntegerWrapper();
    private final ReadOnlyBooleanWrapper empty = new ReadOnlyBooleanWrapper(true);

    public LogModel() {
        filterText.addListener((o, was, is) -> refilter());
        lowestLevel.addListener((o, was, is) -> refilter());
        following.addListener((o, was, is) -> {
            if (is) {
                newLines.set(0);
            }
        });
        all.addListener((javafx.collections.ListChangeListener<LogEntry>) c -> empty.set(all.isEmpty()));
    }

    /** The entries that pass the filter, oldest first. */
    public ObservableList<LogEntry> shown() {
        return shown;
    }

    public int size() {
        return all.size();
    }

    public StringProperty filterTextProperty() {
        return filterText;
    }

    public ObjectProperty<LogLevel> lowestLevelProperty() {
        return lowestLevel;
    }

    /** True while the pane sticks to the newest line; the view sets it false when the operator scrolls up. */
    public BooleanProperty followingProperty() {
        return following;
    }

    public ReadOnlyIntegerProperty newLinesProperty() {
        return newLines.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty emptyProperty() {
        return empty.getReadOnlyProperty();
    }

    public void append(List<LogEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        BoundedList.append(all, entries, MAX_LINES);
        if (!following.get()) {
            Predicate<LogEntry> passes = filter();
            newLines.set(newLines.get() + (int) entries.stream().filter(passes).count());
        }
    }

    public void clear() {
        all.clear();
        newLines.set(0);
    }

    /** Back to the newest line: follow again. */
    public void jumpToEnd() {
        following.set(true);
        newLines.set(0);
    }

    /** The lines as the pane shows them, in server.log's format, for export. */
    public List<String> shownText(java.time.ZoneId zone) {
        return shown.stream().map(e -> e.format(zone)).toList();
    }

    /** "1 line", "2,345 lines": the count next to the filter. */
    public static String lineCount(int count) {
        return count == 1 ? "1 line" : String.format("%,d lines", count);
    }

    private void refilter() {
        shown.setPredicate(filter());
    }

    private Predicate<LogEntry> filter() {
        String text = filterText.get() == null ? "" : filterText.get().strip().toLowerCase(Locale.ROOT);
        LogLevel lowest = lowestLevel.get() == null ? LogLevel.DEBUG : lowestLevel.get();
        return entry -> entry.level().compareTo(lowest) >= 0
                && (text.isEmpty() || entry.message().toLowerCase(Locale.ROOT).contains(text));
    }
}
