package org.switchboard.ui.model;

import java.util.Optional;

/**
 * What the panel asks before a step that cannot be undone or that reaches everyone online: the view
 * shows it as a dialog whose confirm button says what it does, with Cancel as the default.
 */
public record Question(String title, String header, String content, String confirm) {
    /** Before clearing the logs, which the pane holds {@code lines} of: nothing brings them back. */
    static Question clearLogs(int lines) {
        return new Question("Clear logs", "Clear the activity log?",
                "server.log and this pane are emptied (the pane holds " + LogModel.lineCount(lines) + ")."
                        + " This cannot be undone.", "Clear logs");
    }

    /** Before stopping with {@code online} users, or closing the window: nothing to ask while nobody is online. */
    static Optional<Question> stop(int online, boolean closing) {
        if (online == 0) {
            return Optional.empty();
        }
        String who = (online == 1 ? "1 user is" : online + " users are") + " online and will be disconnected.";
        return Optional.of(closing
                ? new Question("Close Switchboard", "Stop the server and close the panel?", who, "Stop and close")
                : new Question("Stop the server", "Stop the server?", who, "Stop the server"));
    }
}
