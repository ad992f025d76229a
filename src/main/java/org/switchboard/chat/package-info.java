/**
 * The room: its members, its events in one order, its history. {@link org.switchboard.chat.ChatRoom}
 * publishes {@link org.switchboard.chat.RoomEvent}s under its one lock; every room line goes once into
 * the {@link org.switchboard.chat.RoomFeed}, which renders it once per {@link org.switchboard.chat.Format}
 * in use and which every member's connection reads at its own cursor; a member's own events (its
 * history replay, private lines) go to the member. The {@link org.switchboard.chat.History} keeps the
 * newest lines in memory under the room's lock (that is the order) and hands them to its writer thread,
 * which writes the file off the lock. Nothing here touches a socket or knows a wire format.
 */
package org.switchboard.chat;
