package org.switchboard.server;

import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.switchboard.auth.Ban;
import org.switchboard.chat.ChatLine;
import org.switchboard.chat.ChatRoom;
import org.switchboard.chat.Member;
import org.switchboard.protocol.ChatCommand;
import org.switchboard.protocol.Protocol;

/**
 * A signed-in user's lines: chat to the room or a slash command. A muted user's room lines, actions
 * and private lines are refused, each with one line saying why and until when; the rest still works.
 * While {@code /passwd} asks its questions, the answers go to its {@link PasswordChange}, never to the
 * room. Runs on the connection's reader thread; not thread-safe.
 */
final class ChatSession {
    static final int DEFAULT_HISTORY = 20;
    static final int GREETING_NAMES = 20;

    private final FrontEnd.Services services;
    private final ChatRoom room;
    private final Member member;
    private final SignIn.Peer peer;
    private final Consumer<String> out;
    /** A {@code /passwd} under way, or null. */
    private PasswordChange changing;

    /** The session of {@code member}, in the services' room, answering through {@code peer}. */
    ChatSession(FrontEnd.Services services, Member member, SignIn.Peer peer) {
        this.services = services;
        this.room = services.room();
        this.member = member;
        this.peer = peer;
        this.out = peer::line;
    }

    void greet() {
        // A newcomer to a crowded room gets a few names, not ten thousand (that line alone would be 100 KB).
        int online = room.size();
        List<String> some = room.someNames(GREETING_NAMES);
        String others = online > some.size() ? " and " + (online - some.size()) + " more (/users lists everyone)" : "";
        out.accept(Protocol.NOTICE_PREFIX + "Online now: " + String.join(", ", some) + others
                + ". Type /help for commands.");
    }

    /** Handles one line; false when the user asked to leave. */
    boolean onLine(String line) {
        if (changing != null) {
            if (!changing.onLine(line)) {
                changing = null;
            }
            return true;
        }
        switch (ChatCommand.parse(line)) {
            case ChatCommand.Say say -> {
                if (!say.text().isBlank() && !muted()) {
                    room.say(member, say.text());
                }
            }
            case ChatCommand.Action action -> {
                if (!muted()) {
                    room.act(member, action.text());
                }
            }
            case ChatCommand.Help help -> out.accept(ChatCommand.HELP);
            case ChatCommand.Users users -> out.accept(Protocol.NOTICE_PREFIX + room.size() + " online: "
                    + names(room.members()));
            case ChatCommand.History history -> sendHistory(history.count().orElse(DEFAULT_HISTORY));
            case ChatCommand.Private message -> {
                if (!muted() && !room.tell(member, message.to(), message.text())) {
                    out.accept(Protocol.ERROR_PREFIX + "Nobody called '" + message.to() + "' is online.");
                }
            }
            case ChatCommand.Token token -> issueToken();
            case ChatCommand.Passwd passwd -> {
                PasswordChange change = new PasswordChange(services.authenticator(), services.log(),
                        services.config().minPasswordLength(), member.name(), peer);
                changing = change.begin() ? change : null;
            }
            case ChatCommand.Quit quit -> {
                out.accept(Protocol.NOTICE_PREFIX + "Goodbye, " + member.name() + ".");
                return false;
            }
            case ChatCommand.Invalid invalid -> out.accept(Protocol.ERROR_PREFIX + invalid.reason());
        }
        return true;
    }

    /** Whether the user is muted now; if so they are told, once for this line. */
    private boolean muted() {
        Optional<Ban> mute = services.bans().mute(member.name());
        mute.ifPresent(m -> out.accept(Protocol.ERROR_PREFIX + m.muted(services.log().zone())));
        return mute.isPresent();
    }

    private void issueToken() {
        Optional<String> token;
        try {
            token = services.authenticator().issueToken(member.name());
        } catch (UncheckedIOException e) {
            services.log().warn("Token for " + member.name() + " not saved: " + e.getMessage());
            out.accept(Protocol.ERROR_PREFIX + "The server cannot save a token right now; try again later.");
            return;
        }
        token.ifPresentOrElse(value -> out.accept(Protocol.TOKEN_PREFIX + value),
                () -> out.accept(Protocol.ERROR_PREFIX + "Your name is no longer registered; no token can be issued."));
    }

    private void sendHistory(int count) {
        List<ChatLine> lines = room.history().recent(count);
        if (lines.isEmpty()) {
            out.accept(Protocol.NOTICE_PREFIX + "No history yet.");
            return;
        }
        StringBuilder text = new StringBuilder();
        for (ChatLine line : lines) {
            text.append(line.display(room.zone())).append(Protocol.LINE_END);
        }
        text.append(Protocol.NOTICE_PREFIX).append("End of history (").append(lines.size()).append(" lines).");
        out.accept(text.toString());
    }

    private static String names(List<Member> members) {
        return members.stream().map(Member::name).collect(Collectors.joining(", "));
    }
}
