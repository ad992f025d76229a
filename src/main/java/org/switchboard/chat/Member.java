package org.switchboard.chat;

import java.time.Instant;

/**
 * A signed-in user as the room sees it. {@link #send} and {@link #disconnect} never block; the two
 * feed calls come under the room's lock.
 */
public interface Member {
    String name();

    /** Where the user connects from, e.g. {@code 127.0.0.1:50662}. */
    String address();

    Instant since();

    /** What the user connects with, as the operator reads it ({@code line+TLS}, {@code IRC}); "" when unknown. */
    default String protocol() {
        return "";
    }

    /** How this member's connection writes the room's events. */
    Format format();

    /** An event for this member alone (a replayed line, a private line), after the room's lines so far. */
    void send(RoomEvent event);

    /** Tells the user why and closes the connection; returns at once. */
    void disconnect(String reason);

    /**
     * In the room: from now on the member reads {@code feed}'s lines (from its end now), rendered as
     * format number {@code format} of the feed. Under the room's lock.
     */
    void joinedFeed(RoomFeed feed, int format);

    /** Out of the room: no feed lines after those in it now; the ones before still go out. Under the room's lock. */
    void leftFeed();

    default MemberInfo info() {
        return new MemberInfo(name(), address(), since(), protocol());
    }
}
