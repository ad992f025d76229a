package org.switchboard.ui.model;

import org.switchboard.log.LogEntry;
import org.switchboard.server.ServerEvent;

/**
 * What reaches the panel's model from the server's threads, through the bridge to the FX thread: a
 * server event, a line of the activity log, or a task carrying a result. A closed set, so the model
 * handles every kind and the compiler says so.
 */
public sealed interface PanelInput {
    record Event(ServerEvent event) implements PanelInput { }

    record Log(LogEntry entry) implements PanelInput { }

    /** A result that must land between events, in order. */
    record Task(Runnable task) implements PanelInput { }
}
