package org.switchboard.server;

import java.io.IOException;
import java.net.BindException;

/**
 * An endpoint's port could not be bound: says which endpoint ({@code "chat"}, {@code "irc"}), so that the
 * operator is told which option to change. A {@link BindException} underneath means the port is in use.
 */
public final class EndpointBindException extends IOException {
    private final String endpoint;
    private final String option;
    private final boolean encrypted;
    private final int port;

    /** {@code named}: the message starts with the option and the port (for any endpoint but the first). */
    EndpointBindException(Endpoint endpoint, int port, boolean named, IOException cause) {
        super((named ? endpoint.option() + " " + port + ": " : "") + cause.getMessage(), cause);
        this.endpoint = endpoint.name();
        this.option = endpoint.option();
        this.encrypted = endpoint.encrypted();
        this.port = port;
    }

    /** The endpoint's name: {@code "irc"} and {@code "irc-tls"} for IRC, the mode's name for the line protocol. */
    public String endpoint() {
        return endpoint;
    }

    /**
     * The option that sets this endpoint's port: {@code --port}, {@code --tls-port}, {@code --irc-port},
     * {@code --irc-tls-port}.
     */
    public String option() {
        return option;
    }

    /** Whether it is an IRC endpoint, plain or over TLS. */
    public boolean irc() {
        return Endpoints.IRC.equals(endpoint) || Endpoints.IRC_TLS.equals(endpoint);
    }

    /** Whether it is a TLS endpoint. */
    public boolean encrypted() {
        return encrypted;
    }

    public int port() {
        return port;
    }

    /** Whether the port is taken by another program (rather than, say, not allowed). */
    public boolean inUse() {
        return getCause() instanceof BindException;
    }
}
