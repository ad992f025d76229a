package org.switchboard.ui.model;

import java.util.List;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The chat pane's lines, newest {@link #MAX_LINES} only (the history file keeps the rest). FX thread. */
public final class ChatModel {
    public static final int MAX_LINES = 10_000;

    private final ObservableList<ChatEntry> lines = FXCollections.observableArrayList();
    private final ObservableList<ChatEntry> readOnly = FXCollections.unmodifiableObservableList(lines);

    public ObservableList<ChatEntry> lines() {
        return readOnly;
    }

    public void append(List<ChatEntry> entries) {
        BoundedList.append(lines, entries, MAX_LINES);
    }
}
