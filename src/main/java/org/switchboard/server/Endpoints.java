package org.switchboard.server;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.channels.SocketChannel;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.switchboard.log.ActivityLog;

/**
 * The server's listening endpoints, one {@link Acceptor} each: bound all together or not at all,
 * unbound all together (pause, stop). The endpoint of the configured mode first (unless
 * {@code --plain off}), its TLS twin unless {@code --tls-port off}, then, in chat mode, IRC (unless
 * {@code --irc-port off} or {@code --plain off}) and IRC's TLS twin (unless {@code --irc-tls-port off}).
 * Each plain endpoint has at most one TLS twin, the port its clients are told to use instead.
 *
 * <p>Threads: under the server's lifecycle lock.
 */
final class Endpoints {
    /** The IRC endpoint's name. */
    static final String IRC = "irc";
    /** The name of IRC's TLS twin. */
    static final String IRC_TLS = "irc-tls";

    private final List<Acceptor> acceptors = new ArrayList<>();
    private final ActivityLog log;
    private final BiConsumer<SocketChannel, Endpoint> admission;
    /** The TLS twins of the line endpoint and of IRC, or null. */
    private Acceptor tls;
    private Acceptor ircTls;

    /** The endpoints of {@code config}; each accepted socket goes to {@code admission} with its endpoint. */
    Endpoints(ServerConfig config, ZoneId zone, ActivityLog log, BiConsumer<SocketChannel, Endpoint> admission) {
        this.log = log;
        this.admission = admission;
        // each protocol's one rendering of the room's events, shared by all its connections
        LineFormat lineFormat = new LineFormat(zone);
        IrcFormat ircFormat = new IrcFormat(config.ircChannel(), zone);
        Connection.FrontEndFactory protocol = config.mode() == ServerMode.ECHO
                ? (link, services) -> new EchoFrontEnd(link, lineFormat)
                : (link, services) -> new LineFrontEnd(link, services, lineFormat);
        Connection.FrontEndFactory ircProtocol = (link, services) -> new IrcFrontEnd(link, services, ircFormat);
        String name = config.mode().name().toLowerCase();
        InetAddress bind = config.bindAddress();
        if (config.plain()) {
            add(new Endpoint(name, bind, config.port(), protocol));
        }
        if (config.tlsOn()) {
            tls = add(new Endpoint(name + "-tls", bind, config.tlsPort(), protocol, "--tls-port", true));
        }
        if (config.ircEnabled()) {
            add(new Endpoint(IRC, bind, config.ircPort(), ircProtocol, "--irc-port", false));
        }
        if (config.ircTlsEnabled()) {
            ircTls = add(new Endpoint(IRC_TLS, bind, config.ircTlsPort(), ircProtocol, "--irc-tls-port", true));
        }
    }

    private Acceptor add(Endpoint endpoint) {
        Acceptor acceptor = new Acceptor(endpoint, log, client -> admission.accept(client, endpoint));
        acceptors.add(acceptor);
        return acceptor;
    }

    /** The TLS endpoint's port (the real one once bound), or {@link ServerConfig#OFF}. */
    int tlsPort() {
        return portOf(tls);
    }

    /** The IRC over TLS endpoint's port (the real one once bound), or {@link ServerConfig#OFF}. */
    int ircTlsPort() {
        return portOf(ircTls);
    }

    /** The port of the TLS twin of plain endpoint {@code plain} (the one its clients should use), or OFF. */
    int twinPort(Endpoint plain) {
        return plain.name().equals(IRC) ? ircTlsPort() : tlsPort();
    }

    private static int portOf(Acceptor acceptor) {
        return acceptor == null ? ServerConfig.OFF : acceptor.port();
    }

    /** The first endpoint's port: the real one once bound with 0, or the one asked for. */
    int port() {
        return acceptors.getFirst().port();
    }

    /** Asks for another port for the first endpoint at the next bind (0: any free one). */
    void port(int wanted) {
        acceptors.getFirst().port(wanted);
    }

    /** Every endpoint's port, in the order above (the real ports once bound). */
    List<PortInfo> ports() {
        return acceptors.stream().map(a -> new PortInfo(a.endpoint().name(), a.port(), a.endpoint().protocolName(),
                a.endpoint().encrypted())).toList();
    }

    /**
     * Binds every endpoint, or none, and only then takes clients in: a port that cannot be bound closes
     * those bound before it, which go back to the ports asked for (0 stays 0), before anyone was
     * accepted on them; the exception names the endpoint that failed.
     */
    void bindAll(String failure) throws IOException {
        int[] asked = acceptors.stream().mapToInt(Acceptor::port).toArray();
        for (Acceptor acceptor : acceptors) {
            try {
                acceptor.bind();
            } catch (IOException | RuntimeException e) {
                log.error(failure + acceptor.port() + " (" + acceptor.endpoint().option() + "): " + e.getMessage());
                unbindAll();
                for (int i = 0; i < asked.length; i++) {
                    acceptors.get(i).port(asked[i]);
                }
                if (e instanceof IOException cause) {
                    throw new EndpointBindException(acceptor.endpoint(), acceptor.port(),
                            acceptor == acceptors.getFirst(), cause);
                }
                throw e;
            }
        }
        acceptors.forEach(Acceptor::accept);
    }

    void unbindAll() {
        acceptors.forEach(Acceptor::unbind);
    }

    /** Says where each endpoint listens, in the activity log. */
    void logListening() {
        for (Acceptor a : acceptors) {
            log.info(switch (a.endpoint().name()) {
                case IRC -> "IRC on port " + a.port();
                case IRC_TLS -> "IRC over TLS on port " + a.port();
                default -> "Listening on port " + a.port() + (a.endpoint().encrypted() ? " (TLS)" : "");
            });
        }
    }
}
