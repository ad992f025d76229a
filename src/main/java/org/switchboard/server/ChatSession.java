package org.switchboard.server;

import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.switchboard.chat.ChatLine;
import org.switchboard.chat.ChatRoom;
import org.switchboard.chat.Member;
import org.switchboard.protocol.ChatCommand;
import org.switchboard.protocol.Protocol;

/**
 * A signed-in user's lines: chat to the room or a slash command. Runs on the connection's reader
 * thread; not thread-safe.
 */
final class ChatSession {
    static final int DEFAULT_HISTORY = 20;
    static final int GREETING_NAMES = 20;

    private final ChatServer server;
    private final ChatRoom room;
    private final Connection member;

    ChatSession(ChatServer server, Connection member) {
        this.server = server;
        this.room = server.room();
        this.member = member;
    }

    void greet() {
        // A newcomer to a crowded room gets a few names, not ten thousand (that line alone would be 100 KB).
        int online = room.size();
        List<String> some = room.someNames(GREETING_NAMES);
        String others = online > some.size() ? " and " + (online - some.size()) + " more (/users lists everyone)" : "";
        member.line(Protocol.NOTICE_PREFIX + "Online now: " + String.join(", ", some) + others
                + ". Type /help for commands.");
    }

    /** Handles one line; false when the user asked to leave. */
    boolean onLine(String line) {
        switch (ChatCommand.parse(line)) {
            case ChatCommand.Say say -> {
                if (!say.text().isBlank()) {
                    room.say(member, say.text());
                }
            }
            case ChatCommand.Action action -> room.act(member, action.text());
            case ChatCommand.Help help -> member.line(ChatCommand.HELP);
            case ChatCommand.Users users -> member.line(Protocol.NOTICE_PREFIX + room.size() + " online: "
                    + names(room.members()));
            case ChatCommand.History history -> sendHistory(history.count().orElse(DEFAULT_HISTORY));
            case ChatCommand.Private message -> {
                if (!room.tell(member, message.to(), message.text())) {
                    member.line(Protocol.ERROR_PREFIX + "Nobody called '" + message.to() + "' is online.");
                }
            }
            case ChatCommand.Token token -> issueToken();
            case ChatCommand.Quit quit -> {
                member.line(Protocol.NOTICE_PREFIX + "Goodbye, " + member.name() + ".");
                return false;
            }
            case ChatCommand.Invalid invalid -> member.line(Protocol.ERROR_PREFIX + invalid.reason());
        }
        return true;
    }

    private void issueToken() {
        Optional<String> token;
        try {
            token = server.authenticator().issueToken(member.name());
        } catch (UncheckedIOException e) {
            server.log().warn("Token for " + member.name() + " not saved: " + e.getMessage());
            member.line(Protocol.ERROR_PREFIX + "The server cannot save a token right now; try again later.");
            return;
        }
        token.ifPresentOrElse(value -> member.line(Protocol.TOKEN_PREFIX + value),
                () -> member.line(Protocol.ERROR_PREFIX + "Your name is no longer registered; no token can be issued."));
    }

    private void sendHistory(int count) {
        List<ChatLine> lines = room.history().recent(count);
        if (lines.isEmpty()) {
            member.line(Protocol.NOTICE_PREFIX + "No history yet.");
            return;
        }
        StringBuilder text = new StringBuilder();
        for (ChatLine line : lines) {
            text.append(line.display(room.zone())).append(Protocol.LINE_END);
        }
        text.append(Protocol.NOTICE_PREFIX).append("End of history (").append(lines.size()).append(" lines).");
        member.line(text.toString());
    }

    private static String names(List<Member> members) {
        return members.stream().map(Member::name).collect(Collectors.joining(", "));
    }
}
