package org.switchboard.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.log.ActivityLog;

/**
 * The accept loop of one {@link Endpoint}, and nothing else: binds its port, accepts on a named
 * platform thread ({@code switchboard-acceptor-NAME}), and hands every accepted socket to the server's
 * admission. {@link #bind} opens the port and {@link #accept} starts the loop, apart, so that a server
 * binds all its ports or none before it takes anyone in; {@link #unbind} closes the port (pause really
 * stops listening).
 *
 * <p>Threads: bind and unbind under the server's lifecycle lock; the loop on its own thread.
 */
final class Acceptor {
    private static final Logger LOG = LoggerFactory.getLogger(Acceptor.class);
    private static final int BACKLOG = 1024;
    private static final long JOIN_MILLIS = 3_000;

    private final Endpoint endpoint;
    private final ActivityLog log;
    private final Consumer<SocketChannel> admission;
    private volatile int port;
    private ServerSocketChannel socket;
    private Thread thread;

    Acceptor(Endpoint endpoint, ActivityLog log, Consumer<SocketChannel> admission) {
        this.endpoint = endpoint;
        this.log = log;
        this.admission = admission;
        this.port = endpoint.port();
    }

    Endpoint endpoint() {
        return endpoint;
    }

    /** The port listened on (the real one once bound with 0), or the one asked for. */
    int port() {
        return port;
    }

    /** Asks for another port at the next bind (0: any free one). */
    void port(int wanted) {
        port = wanted;
    }

    boolean bound() {
        return socket != null;
    }

    /**
     * Listens on the port; the real port is read back, so that 0 becomes the one the system gave. Nobody
     * is taken in before {@link #accept}: a client that connects meanwhile waits in the backlog, and is
     * reset if the port is closed instead.
     */
    void bind() throws IOException {
        ServerSocketChannel channel = ServerSocketChannel.open();
        try {
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            channel.bind(new InetSocketAddress(endpoint.bind(), port), BACKLOG);
            port = ((InetSocketAddress) channel.getLocalAddress()).getPort();
        } catch (IOException | RuntimeException e) {
            channel.close();   // e.g. SecurityException, UnsupportedAddressTypeException: no socket left open
            throw e;
        }
        socket = channel;
    }

    /** Starts the accept loop on the bound port. */
    void accept() {
        ServerSocketChannel channel = socket;
        thread = Thread.ofPlatform().name("switchboard-acceptor-" + endpoint.name()).daemon(true)
                .start(() -> acceptLoop(channel));
    }

    /** Closes the port and waits for the loop to end. No-op when not bound. */
    void unbind() {
        if (socket == null) {
            return;
        }
        try {
            socket.close();
        } catch (IOException e) {
            LOG.debug("closing the listening socket: {}", e.toString());
        }
        try {
            if (thread != null) {
                thread.join(JOIN_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        socket = null;
        thread = null;
    }

    /** Runs on the acceptor thread until its socket is closed. */
    private void acceptLoop(ServerSocketChannel channel) {
        while (channel.isOpen()) {
            SocketChannel client;
            try {
                client = channel.accept();
            } catch (IOException e) {
                if (channel.isOpen()) {
                    // e.g. out of file descriptors: say so, breathe, go on
                    log.warn("Accept failed: " + e.getMessage());
                    breathe();
                }
                continue;
            }
            admission.accept(client);
        }
    }

    private static void breathe() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
