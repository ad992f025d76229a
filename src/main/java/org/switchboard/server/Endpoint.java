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
 */
record Endpoint(String name, InetAddress bind, int port, Connection.FrontEndFactory protocol) {
    Endpoint withPort(int newPort) {
        return new Endpoint(name, bind, newPort, protocol);
    }
}
