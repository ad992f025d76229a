package org.switchboard.ui.model;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.switchboard.log.LogEntry;
import org.switchboard.server.ServerEvent;
import org.switchboard.server.ServerState;

/**
 * One frame's worth of what the server told the panel, applied to the panel's models: events change
 * the users list and the status at once, while log and chat lines are gathered so that each pane
 * appends once per frame, not once per line. FX thread only.
 */
final class FrameBatch {
    private final LogModel log;
    private final ChatModel chat;
    private final UsersModel users;
    private final StatusModel status;
    private final Clock clock;
    private final List<LogEntry> logLines = new ArrayList<>();
    private final List<ChatEntry> chatLines = new ArrayList<>();

    FrameBatch(LogModel log, ChatModel chat, UsersModel users, StatusModel status, Clock clock) {
        this.log = log;
        this.chat = chat;
        this.users = users;
        this.status = status;
        this.clock = clock;
    }

    void add(LogEntry entry) {
        logLines.add(entry);
    }

    void add(ServerEvent event) {
        switch (event) {
            case ServerEvent.Message m -> chatLines.add(ChatEntry.of(m.line()));
            case ServerEvent.UserJoined j -> {
                users.joined(j.member());
                chatLines.add(ChatEntry.notice(j.member().since(), j.member().name() + " joined"));
            }
            case ServerEvent.UserLeft l -> {
                users.left(l.member());
                chatLines.add(ChatEntry.notice(clock.instant(), l.member().name() + " " + l.reason()));
            }
            case ServerEvent.StateChanged s -> {
                status.stateChanged(s.state(), s.port());
                if (s.state() == ServerState.STOPPED) {
                    users.clear();
                }
            }
            case ServerEvent.LogsCleared c -> {
                logLines.clear();
                log.clear();
            }
        }
    }

    /** Appends what was gathered to the panes (before a task that must come after it, and at the end). */
    void flush() {
        log.append(List.copyOf(logLines));
        chat.append(List.copyOf(chatLines));
        logLines.clear();
        chatLines.clear();
    }
}
