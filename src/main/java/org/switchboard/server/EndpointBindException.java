package org.switchboard.server;

import java.io.IOException;
import java.net.BindException;

/**
 * An endpoint's port could not be bound: says which endpoint ({@code "chat"}, {@code "irc"}), so that the
 * operator is told which option to change. A {@link BindException} underneath means the port is in use.
 */
public final class EndpointBindException extends IOException {
    private final String endpoint;
    private final int port;

    EndpointBindException(String endpoint, int port, IOException cause) {
        super(cause.getMessage(), cause);
        this.endpoint = endpoint;
        this.port = port;
    }

    /** The endpoint's name: {@code "irc"} for IRC, the mode's name for the line protocol. */
    public String endpoint() {
        return endpoint;
    }

    public boolean irc() {
        return Endpoints.IRC.equals(endpoint);
    }

    public int port() {
        return port;
    }

    /** Whether the port is taken by another program (rather than, say, not allowed). */
    public boolean inUse() {
        return getCause() instanceof BindException;
    }
}
