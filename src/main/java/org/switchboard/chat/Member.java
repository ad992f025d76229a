package org.switchboard.chat;

import java.time.Instant;

/** A signed-in user as the room sees it. Implementations must make {@link #send} non-blocking. */
public interface Member {
    String name();

    /** Where the user connects from, e.g. {@code 127.0.0.1:50662}. */
    String address();

    Instant since();

    /** Queues one complete line (its bytes, shared with other recipients: never modify them). */
    void send(byte[] line);

    /** Tells the user why and closes the connection; returns at once. */
    void disconnect(String reason);

    default MemberInfo info() {
        return new MemberInfo(name(), address(), since());
    }
}
