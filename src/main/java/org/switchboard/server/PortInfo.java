package org.switchboard.server;

/**
 * One listening port as the operator sees it, for {@code status} and the panel's ports readout.
 *
 * @param name      the endpoint's name ({@code chat}, {@code chat-tls}, {@code irc})
 * @param port      the port (the real one once bound with 0)
 * @param protocol  what its clients speak, as the users list says it: {@code line}, {@code line+TLS},
 *                  {@code IRC}, {@code IRC+TLS}, {@code echo}
 * @param encrypted whether its connections speak TLS
 */
public record PortInfo(String name, int port, String protocol, boolean encrypted) { }
