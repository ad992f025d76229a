/**
 * The server: endpoints, connections and the threads that move bytes. The path of one line:
 *
 * <pre>
 * Endpoint (port, protocol, plain or TLS) -- Acceptor thread: accept()
 *   (Endpoints: line, line over TLS, IRC, IRC over TLS; each plain one names its TLS twin)
 *   -&gt; Connections.admit: banned addresses, caps (in all, per address), socket options
 *   -&gt; ChatServer.connect: one Connection = PlainTransport (socket + ReadPoller), or TlsTransport
 *                                          (the same, through an SSLEngine)
 *                                        + LineReader (framing) + FloodControl (pacing)
 *                                        + the endpoint's FrontEnd (LineFrontEnd: SignIn, then ChatSession;
 *                                          IrcFrontEnd)
 *   reader thread (virtual, one per client): Connection.run
 *     transport.input() -&gt; LineReader.readLine -&gt; paced -&gt; frontEnd.onLine
 *       -&gt; ChatRoom.say / act / tell (chat layer): under the room lock, History + RoomFeed.append,
 *          rendered once per wire format in use (LineFormat for the line protocol)
 *   writer lane (platform, a few): Writers sweep -&gt; each member's Outbox reads the feed at its cursor,
 *     with its own lines between -&gt; one non-blocking write to transport.output()
 * </pre>
 *
 * <p>Who owns what: a {@link org.switchboard.server.Connection}'s framing and front-end belong to its
 * reader thread; its outbox's cursor and unwritten bytes to its writer lane; the listening sockets to
 * the lifecycle lock and each acceptor's thread; the deadlines and the grace closes to the one
 * scheduler thread. A connection ends in one place, {@code Connection.close(CloseCause)}: the first
 * cause wins, and the log line, the room's leave notice and the client's last line all come from it.
 * A front-end never sees a socket and a transport never knows a protocol: a new protocol is a new
 * {@link org.switchboard.server.FrontEnd} and {@link org.switchboard.chat.Format}, a new transport a new
 * {@link org.switchboard.server.Transport}, each beside the ones there are.
 */
package org.switchboard.server;
