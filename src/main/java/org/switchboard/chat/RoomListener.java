package org.switchboard.chat;

/** Told of what happens in the room, on the thread that made it happen. Must not block. */
public interface RoomListener {
    default void joined(MemberInfo member) {
    }

    default void left(MemberInfo member, String reason) {
    }

    default void said(ChatLine line) {
    }
}
