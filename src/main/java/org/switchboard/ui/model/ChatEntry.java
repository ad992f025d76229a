package org.switchboard.ui.model;

import java.time.Instant;
import org.switchboard.chat.ChatLine;

/**
 * One line of the chat pane: the room's own lines plus what only the operator sees (who joined and
 * left, the private lines the operator sent).
 */
public record ChatEntry(Instant time, Kind kind, String from, String text) {
    /** How the pane draws the line. */
    public enum Kind { MESSAGE, ACTION, ANNOUNCEMENT, NOTICE, PRIVATE }

    public static ChatEntry of(ChatLine line) {
        Kind kind = switch (line.kind()) {
            case MESSAGE -> Kind.MESSAGE;
            case ACTION -> Kind.ACTION;
            case ANNOUNCEMENT -> Kind.ANNOUNCEMENT;
        };
        return new ChatEntry(line.time(), kind, line.from(), line.text());
    }

    public static ChatEntry notice(Instant time, String text) {
        return new ChatEntry(time, Kind.NOTICE, "", text);
    }
}
