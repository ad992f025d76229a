package org.switchboard.chat;

/**
 * How the room's own lines (chat, announcements, notices) reach its members. Without one the room
 * queues the line to each member in turn ({@link Member#send}); a server can instead keep one shared
 * copy that every member's writer reads, so that a line costs the room the same with ten members as
 * with ten thousand.
 *
 * <p>Every call comes under the room's lock: one at a time, in the room's order, the order of the
 * history. Implementations must not block.
 */
public interface Fanout {
    /** {@code member} is now in the room: it gets every line from now on (its history replay is queued). */
    void joined(Member member);

    /** {@code member} is out of the room (left, or replaced by a newer session): no lines after this one. */
    void left(Member member);

    /** One line to every member but {@code except} (null: to everyone). */
    void toAllBut(Member except, byte[] line);
}
