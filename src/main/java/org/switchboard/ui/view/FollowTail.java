package org.switchboard.ui.view;

import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;

/**
 * Keeps a list scrolled to its newest line while {@code following} is true, and turns following off
 * when the operator scrolls up (wheel, scroll bar or keys) and on again when they come back to the end.
 * Only the operator's own gestures change it, never new lines arriving.
 */
final class FollowTail {
    private FollowTail() {
    }

    static void attach(ListView<?> list, BooleanProperty following) {
        // Judged after the list has moved (one task per gesture, not per network event): whether the
        // operator is now at the end, whichever way the platform signs the wheel's delta.
        list.addEventFilter(ScrollEvent.SCROLL, e -> Platform.runLater(() -> following.set(atEnd(list))));
        list.addEventFilter(MouseEvent.MOUSE_PRESSED, e -> {
            if (insideScrollBar(e.getTarget())) {
                following.set(false);
            }
        });
        list.addEventFilter(MouseEvent.MOUSE_RELEASED, e -> {
            if (insideScrollBar(e.getTarget())) {
                Platform.runLater(() -> following.set(atEnd(list)));
            }
        });
        list.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            switch (e.getCode()) {
                case UP, PAGE_UP, HOME -> following.set(false);
                case END -> following.set(true);
                default -> { }
            }
        });
        // Scroll just before the next layout rather than inside the change: the list's skin hears of
        // the change after this listener and would undo an earlier scroll. One scroll per frame at most.
        boolean[] pending = {true};
        Runnable beforeLayout = () -> {
            if (pending[0] && following.get()) {
                scrollToEnd(list);
            }
            pending[0] = false;
        };
        list.sceneProperty().addListener((o, was, is) -> {
            if (was != null) {
                was.removePreLayoutPulseListener(beforeLayout);
            }
            if (is != null) {
                is.addPreLayoutPulseListener(beforeLayout);
            }
        });
        list.getItems().addListener((ListChangeListener<Object>) c -> pending[0] = true);
        following.addListener((o, was, is) -> {
            if (is) {
                scrollToEnd(list);
            }
        });
    }

    static void scrollToEnd(ListView<?> list) {
        if (list.getItems().isEmpty()) {
            return;
        }
        list.scrollTo(list.getItems().size() - 1);
        // scrollTo puts the line at the top, placed by estimated cell heights; at the end of a long list
        // that left the flow one line short of its end (the pane opened with its newest line just below
        // the view). The end of the flow is the end of the list, whatever the heights.
        if (list.lookup(".virtual-flow") instanceof VirtualFlow<?> flow) {
            flow.setPosition(1.0);
        }
    }

    static boolean atEnd(ListView<?> list) {
        if (!(list.lookup(".virtual-flow") instanceof VirtualFlow<?> flow)) {
            return true;
        }
        IndexedCell<?> last = flow.getLastVisibleCell();
        return last == null || last.getIndex() >= list.getItems().size() - 1;
    }

    private static boolean insideScrollBar(Object target) {
        for (Node node = target instanceof Node n ? n : null; node != null; node = node.getParent()) {
            if (node instanceof ScrollBar) {
                return true;
            }
        }
        return false;
    }
}
