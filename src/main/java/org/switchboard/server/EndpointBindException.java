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
    private final boolean first;
    private final boolean irc;

    /**
     * {@code first}: the endpoint is the server's first, the one {@code start(port)} moves; for any other
     * the message starts with the option and the port.
     */
    EndpointBindException(Endpoint endpoint, int port, boolean first, IOException cause) {
        super((first ? "" : endpoint.option() + " " + port + ": ") + cause.getMessage(), cause);
        this.first = first;
        this.endpoint = endpoint.name();
        this.irc = endpoint.irc();
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
        return irc;
    }

    /** Whether it is a TLS endpoint. */
    public boolean encrypted() {
        return encrypted;
    }

    public int port() {
        return port;
    }

    /**
     * Whether it is the server's first endpoint, whose port {@code ChatServer.start(port)} chooses; another
     * endpoint's port is fixed by its option, so starting on another first port does not mend it.
     */
    public boolean first() {
        return first;
    }

    /**
     * What to start with instead, the same words for the console and the panel: "--irc-port set to another
     * port, 0 for any free one, or off" ({@code --port} cannot be off: {@code --plain off} is how).
     */
    public String remedy() {
        return option + " set to another port, 0 for any free one" + (option.equals("--port") ? "" : ", or off");
    }

    /** Whether the port is taken by another program (rather than, say, not allowed). */
    public boolean inUse() {
        return getCause() instanceof BindException;
    }
}
