package org.switchboard.server;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.BiConsumer;
import org.switchboard.log.ActivityLog;

/**
 * The server's listening endpoints, one {@link Acceptor} each: bound all together or not at all,
 * unbound all together (pause, stop). The endpoint of the configured mode first, then IRC (chat mode,
 * unless turned off); TLS endpoints join this list.
 *
 * <p>Threads: under the server's lifecycle lock.
 */
final class Endpoints {
    private final List<Acceptor> acceptors;
    private final ActivityLog log;

    /** The endpoints of {@code config}; each accepted socket goes to {@code admission} with its endpoint. */
    Endpoints(ServerConfig config, LineFormat lineFormat, IrcFormat ircFormat, ActivityLog log,
            BiConsumer<SocketChannel, Endpoint> admission) {
        this.log = log;
        Connection.FrontEndFactory protocol = config.mode() == ServerMode.ECHO
                ? (link, services) -> new EchoFrontEnd(link, lineFormat)
                : (link, services) -> new LineFrontEnd(link, services, lineFormat);
        List<Endpoint> list = new ArrayList<>();
        list.add(new Endpoint(config.mode().name().toLowerCase(), config.bindAddress(), config.port(), protocol));
        if (config.ircEnabled()) {
            list.add(new Endpoint(IRC, config.bindAddress(), config.ircPort(),
                    (link, services) -> new IrcFrontEnd(link, services, ircFormat)));
        }
        this.acceptors = list.stream().map(e -> new Acceptor(e, log, client -> admission.accept(client, e))).toList();
    }

    /** The IRC endpoint's name. */
    static final String IRC = "irc";

    /** The first endpoint's port: the real one once bound with 0, or the one asked for. */
    int port() {
        return acceptors.getFirst().port();
    }

    /** Asks for another port for the first endpoint at the next bind (0: any free one). */
    void port(int wanted) {
        acceptors.getFirst().port(wanted);
    }

    /** The IRC endpoint's port (the real one once bound), empty when there is none. */
    OptionalInt ircPort() {
        return acceptors.stream().filter(a -> a.endpoint().name().equals(IRC)).mapToInt(Acceptor::port).findFirst();
    }

    /**
     * Binds every endpoint, or none: a port that cannot be bound unbinds those bound before it, and the
     * exception names the endpoint that failed.
     */
    void bindAll(String failure) throws IOException {
        for (Acceptor acceptor : acceptors) {
            try {
                acceptor.bind();
            } catch (IOException e) {
                String which = acceptor.endpoint().name().equals(IRC) ? "IRC port " : failure;
                log.error(which + acceptor.port() + ": " + e.getMessage());
                unbindAll();
                throw new EndpointBindException(acceptor.endpoint().name(), acceptor.port(), e);
            }
        }
    }

    void unbindAll() {
        acceptors.forEach(Acceptor::unbind);
    }

    /** Says where each endpoint listens, in the activity log. */
    void logListening() {
        acceptors.forEach(a -> log.info((a.endpoint().name().equals(IRC) ? "IRC on port " : "Listening on port ")
                + a.port()));
    }
}
