package org.switchboard.server;

import java.time.Duration;
import org.switchboard.log.LogLevel;
import org.switchboard.protocol.Protocol;

/**
 * Why a connection ended. A connection is closed in one place, {@code Connection.close(cause)}, and
 * the first cause given wins; everything said about the end comes from that cause: the client's last
 * line ({@link #farewell}), the reason the room and the panel give after the user's name
 * ({@link #leaveReason}), and the activity log's line ({@link #logged}).
 */
sealed interface CloseCause {
    /** The user left: {@code /quit}, or the client closed the connection. */
    record Left() implements CloseCause { }

    /** Told {@code message} and closed: kicked by the operator, or replaced by a newer session. */
    record Told(String message) implements CloseCause { }

    /** Not signed in within the sign-in timeout. */
    record SignInTimeout() implements CloseCause { }

    /** The sign-in failed too often (the sign-in has said goodbye itself). */
    record SignInRejected() implements CloseCause { }

    /** Signed in and silent for longer than the idle timeout. */
    record Idle(Duration after) implements CloseCause { }

    /** Too many lines too fast, past the flood control's warning. */
    record Flooding() implements CloseCause { }

    /** Line after line over the length limit. */
    record OverlongLines() implements CloseCause { }

    /** Not reading: more than {@code limitBytes} due to it, or lapped by the room's feed. */
    record NotReading(long limitBytes) implements CloseCause { }

    /** The server is stopping. */
    record ServerStopped() implements CloseCause { }

    /** A bug: something the server did not expect went wrong serving this client. */
    record Failed(RuntimeException error) implements CloseCause { }

    /** The transport would not carry the client (TLS on a plain port, plaintext on a TLS one, a failed handshake). */
    record Refused(String reason, String hint) implements CloseCause { }

    /** A line for the activity log. */
    record Logged(LogLevel level, String message) { }

    CloseCause LEFT = new Left();

    /** The client's last line, or null when nothing more is said. */
    default String farewell() {
        return switch (this) {
            case Told told -> Protocol.ERROR_PREFIX + told.message();
            case SignInTimeout timeout -> Protocol.ERROR_PREFIX + "Sign-in took too long. Goodbye.";
            case Idle idle -> Protocol.ERROR_PREFIX + "Idle for too long. Goodbye.";
            case Flooding flooding -> Protocol.ERROR_PREFIX + "Excess flood: too many lines too fast. Goodbye.";
            case OverlongLines overlong -> Protocol.ERROR_PREFIX + "Too many overlong lines. Goodbye.";
            case ServerStopped stopped -> Protocol.NOTICE_PREFIX + "The server is shutting down. Goodbye.";
            case Left left -> null;
            case SignInRejected rejected -> null;
            case NotReading notReading -> null;
            case Failed failed -> null;
            case Refused refused -> refused.hint() == null ? null : Protocol.ERROR_PREFIX + refused.hint();
        };
    }

    /** What the room, the log and the panel say after the user's name: "dina left", "dina disconnected (idle)". */
    default String leaveReason() {
        return switch (this) {
            case Left left -> "left";
            case SignInRejected rejected -> "left";
            case Told told -> "disconnected: " + told.message();
            case SignInTimeout timeout -> "disconnected: Sign-in took too long. Goodbye.";
            case Idle idle -> "disconnected (idle)";
            case Flooding flooding -> "disconnected (flooding)";
            case OverlongLines overlong -> "disconnected (overlong lines)";
            case NotReading notReading -> "disconnected (not reading)";
            case ServerStopped stopped -> "left: the server stopped";
            case Failed failed -> "disconnected (internal error)";
            case Refused refused -> "disconnected (" + refused.reason() + ")";
        };
    }

    /**
     * The activity log's line about the close of the client {@code who} ("dina 127.0.0.1:5000", or just
     * the address before sign-in), or null where the room's leave line says enough.
     */
    default Logged logged(String who) {
        return switch (this) {
            case SignInTimeout timeout -> new Logged(LogLevel.INFO, "Sign-in timed out for " + who);
            case Idle idle -> new Logged(LogLevel.INFO, "Client " + who + " idle for " + idle.after().toSeconds()
                    + " s; closed");
            case Flooding flooding -> new Logged(LogLevel.WARN, "Client " + who + " disconnected: flooding");
            case OverlongLines overlong -> new Logged(LogLevel.WARN, "Client " + who
                    + " disconnected: repeated overlong lines");
            case NotReading notReading -> new Logged(LogLevel.WARN, "Client " + who
                    + " disconnected: not reading (more than " + notReading.limitBytes() + " bytes queued)");
            case Failed failed -> new Logged(LogLevel.ERROR, "Client " + who + ": internal error (" + failed.error()
                    + ")");
            case Refused refused -> new Logged(LogLevel.WARN, "Client " + who + " closed: " + refused.reason());
            case Left left -> null;
            case SignInRejected rejected -> null;
            case Told told -> null;
            case ServerStopped stopped -> null;
        };
    }
}
