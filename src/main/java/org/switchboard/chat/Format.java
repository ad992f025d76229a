package org.switchboard.chat;

/**
 * A wire format: how the members of one protocol get the room's events. The {@link RoomFeed} renders
 * each room line once per format in use, and every member of that format gets the same bytes.
 *
 * <p>Implementations are stateless and thread-safe: the room renders under its lock, a member's own
 * lines on whichever thread sends them.
 */
@FunctionalInterface
public interface Format {
    /** The complete line (or lines) for this event, line ends included; never modified after. */
    byte[] render(RoomEvent event);
}
