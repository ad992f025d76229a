package org.switchboard.server;

import java.net.InetAddress;

/**
 * One listening port of the server: where it listens, and which protocol its clients speak. The
 * server has a list of them (the line protocol today; IRC, and each over TLS, beside it), and pause,
 * resume and stop act on every one; all share one room, one set of limits and the same caps.
 *
 * @param name what the operator sees, e.g. "chat"
 * @param bind the address to listen on, null for every interface
 * @param port the port asked for; 0 takes a free one
 * @param protocol the front-end its connections get
 * @param option the command-line option that sets its port, for errors ("--tls-port")
 * @param encrypted whether its connections speak TLS (a {@link TlsTransport}) or plain TCP
 */
record Endpoint(String name, InetAddress bind, int port, Connection.FrontEndFactory protocol, String option,
        boolean encrypted) {
    Endpoint(String name, InetAddress bind, int port, Connection.FrontEndFactory protocol) {
        this(name, bind, port, protocol, "--port", false);
    }

    /**
     * What its clients speak, as the operator reads it: the protocol ({@code line}, {@code IRC},
     * {@code echo}), {@code +TLS} when encrypted. Told apart by the name, which each protocol's
     * endpoints start with ({@code chat}, {@code chat-tls}; {@code irc}, and an {@code irc-...} twin).
     */
    String protocolName() {
        String protocol = irc() ? "IRC" : name.startsWith("echo") ? "echo" : "line";
        return encrypted ? protocol + "+TLS" : protocol;
    }

    /** Whether its clients speak IRC, plain or over TLS ({@code irc}, {@code irc-tls}). */
    boolean irc() {
        return name.startsWith(Endpoints.IRC);
    }

    Endpoint withPort(int newPort) {
        return new Endpoint(name, bind, newPort, protocol, option, encrypted);
    }
}
