package org.switchboard.server;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.function.BiConsumer;
import org.switchboard.log.ActivityLog;

/**
 * The server's listening endpoints, one {@link Acceptor} each: bound all together or not at all,
 * unbound all together (pause, stop). Today the one endpoint of the configured mode; IRC and TLS
 * endpoints join this list.
 *
 * <p>Threads: under the server's lifecycle lock.
 */
final class Endpoints {
    private final List<Acceptor> acceptors;
    private final ActivityLog log;

    /** The endpoints of {@code config}; each accepted socket goes to {@code admission} with its endpoint. */
    Endpoints(ServerConfig config, LineFormat lineFormat, ActivityLog log, BiConsumer<SocketChannel, Endpoint> admission) {
        this.log = log;
        Connection.FrontEndFactory protocol = config.mode() == ServerMode.ECHO
                ? (link, services) -> new EchoFrontEnd(link, lineFormat)
                : (link, services) -> new LineFrontEnd(link, services, lineFormat);
        Endpoint chat = new Endpoint(config.mode().name().toLowerCase(), config.bindAddress(), config.port(), protocol);
        this.acceptors = List.of(new Acceptor(chat, log, client -> admission.accept(client, chat)));
    }

    /** The first endpoint's port: the real one once bound with 0, or the one asked for. */
    int port() {
        return acceptors.getFirst().port();
    }

    /** Asks for another port for the first endpoint at the next bind (0: any free one). */
    void port(int wanted) {
        acceptors.getFirst().port(wanted);
    }

    /** Binds every endpoint, or none: a port that cannot be bound unbinds those bound before it. */
    void bindAll(String failure) throws IOException {
        for (Acceptor acceptor : acceptors) {
            try {
                acceptor.bind();
            } catch (IOException e) {
                log.error(failure + acceptor.port() + ": " + e.getMessage());
                unbindAll();
                throw e;
            }
        }
    }

    void unbindAll() {
        acceptors.forEach(Acceptor::unbind);
    }

    /** Says where each endpoint listens, in the activity log. */
    void logListening() {
        acceptors.forEach(a -> log.info("Listening on port " + a.port()));
    }
}
