package org.switchboard.server;

import java.time.Clock;
import org.switchboard.auth.Authenticator;
import org.switchboard.auth.BanList;
import org.switchboard.chat.ChatRoom;
import org.switchboard.chat.Format;
import org.switchboard.chat.Member;
import org.switchboard.chat.RoomEvent;
import org.switchboard.log.ActivityLog;
import org.switchboard.protocol.LineReader;
import org.switchboard.protocol.Protocol;

/**
 * One wire protocol's side of a connection: the lines a client sends become sign-in steps and room
 * actions, and the room's events reach the client in the protocol's {@link #format}. A front-end never
 * sees a socket: it talks to its client through a {@link Link}, and gets what it works with
 * ({@link Services}) handed in. The line protocol ({@link LineFrontEnd}) is one front-end, echo
 * ({@link EchoFrontEnd}) another; a new protocol is a new one beside them.
 *
 * <p>Threads: {@link #begin} and {@link #onLine} run on the connection's reader thread, one at a time.
 */
interface FrontEnd {
    /** How this protocol writes the room's events (the room renders each line once per format). */
    Format format();

    /** The connection is open: greet the client. */
    void begin();

    /**
     * One line from the client, framed and paced, control characters still in; false when the
     * connection is to end (the client left, or the front-end closed the link with a cause).
     */
    boolean onLine(String line);

    /** A line of the room's for this client alone (a replayed line, a private one), in this protocol. */
    default byte[] render(RoomEvent event) {
        return format().render(event);
    }

    /**
     * A room line as this client gets it, from {@code shared}, the bytes its format rendered for every
     * member: a front-end whose client must not see part of it renders it again (IRC: its own JOIN in a
     * crowd's). On a writer lane's thread; it must not block.
     */
    default byte[] fromFeed(RoomEvent event, byte[] shared) {
        return shared;
    }

    /** The longest line this protocol takes, in bytes, given the server's line limit. */
    default int lineLimit(int configured) {
        return configured;
    }

    /** The server's word to the client about its connection (a line too long, a flood warning). */
    default byte[] complaint(String text) {
        return Protocol.lineBytes(text);
    }

    /** Says that a line over {@code limit} bytes was not taken. */
    default byte[] lineTooLong(int limit) {
        return complaint(Protocol.ERROR_PREFIX + "Line too long (the limit is " + limit + " bytes); it was not sent.");
    }

    /** The client's last words as {@code cause} closes the connection; null to say nothing. */
    default byte[] farewell(CloseCause cause) {
        String text = cause.farewell();
        return text == null ? null : Protocol.lineBytes(text);
    }

    /** Told of the telnet option commands the framing reads; a protocol with no use for them ignores them. */
    default LineReader.Negotiation negotiation() {
        return (command, option) -> { };
    }

    /** What a front-end sees of its connection. Any thread may call it, as the room does. */
    interface Link {
        /** The client's address, {@code 127.0.0.1:50662}. */
        String address();

        /** The connection as the room knows it, once {@link #signedIn}. */
        Member member();

        /** Queues bytes for the client (never blocks). */
        void send(byte[] bytes);

        /**
         * A line about the connection's security to greet the client with (not encrypted, and where the TLS
         * port is), or null; {@code tlsClient} names how this protocol's users connect over TLS, or is null.
         */
        default String transportNotice(String tlsClient) {
            return null;
        }

        /** The client has sent telnet negotiation: it is a telnet program (the framing noticed). */
        boolean speaksTelnet();

        /** The client is now the user {@code name}: the sign-in deadline is over, the idle one begins. */
        void signedIn(String name);

        /** Ends the connection for {@code cause} (the first cause given wins). */
        void close(CloseCause cause);
    }

    /** What a front-end works with, handed in at the connection's start. */
    record Services(ChatRoom room, Authenticator authenticator, BanList bans, ActivityLog log, Clock clock,
            ServerConfig config) { }
}
