package org.switchboard.server;

import org.switchboard.chat.ChatLine;
import org.switchboard.chat.MemberInfo;

/** What the server tells its listeners (the control panel, tests): state changes and the room's life. */
public sealed interface ServerEvent {
    record StateChanged(ServerState state, int port) implements ServerEvent { }

    record UserJoined(MemberInfo member) implements ServerEvent { }

    record UserLeft(MemberInfo member, String reason) implements ServerEvent { }

    record Message(ChatLine line) implements ServerEvent { }

    /** The activity log was emptied (file and memory): views of it should empty too. */
    record LogsCleared() implements ServerEvent { }
}
