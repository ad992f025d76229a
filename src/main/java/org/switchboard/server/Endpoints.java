package org.switchboard.server;

import java.io.IOException;
import java.net.BindException;
import java.nio.channels.SocketChannel;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.BiConsumer;
import org.switchboard.log.ActivityLog;

/**
 * The server's listening endpoints, one {@link Acceptor} each: bound all together or not at all,
 * unbound all together (pause, stop). The endpoint of the configured mode first, its TLS twin unless
 * {@code --tls-port off}, then IRC (chat mode, unless {@code --irc-port off}).
 *
 * <p>Threads: under the server's lifecycle lock.
 */
final class Endpoints {
    private final List<Acceptor> acceptors = new ArrayList<>();
    private final ActivityLog log;
    /** The TLS twin of the first endpoint, or null. */
    private Acceptor tls;

    /** The endpoints of {@code config}; each accepted socket goes to {@code admission} with its endpoint. */
    Endpoints(ServerConfig config, ZoneId zone, ActivityLog log, BiConsumer<SocketChannel, Endpoint> admission) {
        this.log = log;
        // each protocol's one rendering of the room's events, shared by all its connections
        LineFormat lineFormat = new LineFormat(zone);
        IrcFormat ircFormat = new IrcFormat(config.ircChannel(), zone);
        Connection.FrontEndFactory protocol = config.mode() == ServerMode.ECHO
                ? (link, services) -> new EchoFrontEnd(link, lineFormat)
                : (link, services) -> new LineFrontEnd(link, services, lineFormat);
        Endpoint chat = new Endpoint(config.mode().name().toLowerCase(), config.bindAddress(), config.port(), protocol);
        acceptors.add(new Acceptor(chat, log, client -> admission.accept(client, chat)));
        if (config.tlsOn()) {
            Endpoint secure = new Endpoint(chat.name() + "-tls", config.bindAddress(), config.tlsPort(), protocol,
                    "--tls-port", true);
            tls = new Acceptor(secure, log, client -> admission.accept(client, secure));
            acceptors.add(tls);
        }
        if (config.ircEnabled()) {
            Endpoint irc = new Endpoint(IRC, config.bindAddress(), config.ircPort(),
                    (link, services) -> new IrcFrontEnd(link, services, ircFormat), "--irc-port", false);
            acceptors.add(new Acceptor(irc, log, client -> admission.accept(client, irc)));
        }
    }

    /** The TLS endpoint's port (the real one once bound), or {@link ServerConfig#OFF}. */
    int tlsPort() {
        return tls == null ? ServerConfig.OFF : tls.port();
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

    /** Every endpoint's port, in the order above (the real ports once bound). */
    List<PortInfo> ports() {
        return acceptors.stream().map(a -> new PortInfo(a.endpoint().name(), a.port(), a.endpoint().protocolName(),
                a.endpoint().encrypted())).toList();
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
                log.error(failure + acceptor.port() + " (" + acceptor.endpoint().option() + "): " + e.getMessage());
                unbindAll();
                throw new EndpointBindException(acceptor.endpoint(), acceptor.port(), acceptor != acceptors.getFirst(), e);
            }
        }
    }

    void unbindAll() {
        acceptors.forEach(Acceptor::unbind);
    }

    /** Says where each endpoint listens, in the activity log. */
    void logListening() {
        acceptors.forEach(a -> log.info((a.endpoint().name().equals(IRC) ? "IRC on port " : "Listening on port ")
                + a.port() + (a.endpoint().encrypted() ? " (TLS)" : "")));
    }
}
