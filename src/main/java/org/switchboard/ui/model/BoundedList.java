package org.switchboard.ui.model;

import java.util.List;
import javafx.collections.ObservableList;

/** Appends to an observable list keeping only its newest {@code max} items, in at most two changes. */
final class BoundedList {
    private BoundedList() {
    }

    static <T> void append(ObservableList<T> list, List<? extends T> items, int max) {
        if (items.isEmpty()) {
            return;
        }
        if (items.size() >= max) {
            list.setAll(items.subList(items.size() - max, items.size()));
            return;
        }
        int overflow = list.size() + items.size() - max;
        if (overflow > 0) {
            list.remove(0, overflow);
        }
        list.addAll(items);
    }
}
