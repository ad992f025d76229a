package org.switchboard.chat;

import java.time.Instant;
import java.util.List;

/**
 * What happens in the room, as its members are told of it. The room publishes events, not bytes: each
 * wire format ({@link Format}) renders an event its own way, once for all the members that read it.
 */
public sealed interface RoomEvent {
    /** A line of the room (chat, action or announcement), kept in the history. */
    record Said(ChatLine line) implements RoomEvent { }

    /** A line of the history, replayed to one member as it joins. */
    record Replayed(ChatLine line) implements RoomEvent { }

    /** A private line to one member from {@code from}: another member, or the operator as "server". */
    record Private(Instant time, String from, String text) implements RoomEvent { }

    /** To the sender of a private line: it went to {@code to} (the name as registered). */
    record PrivateSent(Instant time, String to, String text) implements RoomEvent { }

    /**
     * People joined or left: one name, or a crowd that came within one presence window, in the order
     * they came; a format may sum a crowd up in one line.
     */
    record Presence(List<String> names, boolean joined) implements RoomEvent {
        public Presence {
            names = List.copyOf(names);
        }
    }
}
