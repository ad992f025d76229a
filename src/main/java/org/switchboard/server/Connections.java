package org.switchboard.server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import jdk.net.ExtendedSocketOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.auth.Ban;
import org.switchboard.auth.BanList;
import org.switchboard.log.ActivityLog;
import org.switchboard.protocol.Protocol;

/**
 * The live connections of every endpoint and the caps on them: admission of what the acceptors accept
 * (banned addresses, connections in all, per address, socket options), the deadline checks, and the end of
 * them all at stop.
 *
 * <p>Threads: {@link #admit} on the acceptor threads, {@link #closed} on reader threads,
 * {@link #checkDeadlines} on the scheduler, the rest under the server's lifecycle lock.
 */
final class Connections {
    private static final Logger LOG = LoggerFactory.getLogger(Connections.class);
    private static final int KEEP_ALIVE_INTERVAL_SECONDS = 10;
    private static final int KEEP_ALIVE_PROBES = 3;

    /** Makes the connection of an admitted socket (the server knows its collaborators). */
    @FunctionalInterface
    interface Maker {
        Connection make(SocketChannel channel, InetSocketAddress remote, Endpoint endpoint);
    }

    private final ActivityLog log;
    private final ThreadFactory readers;
    private final TlsRefusals tlsRefusals;
    private final Set<Connection> live = ConcurrentHashMap.newKeySet();
    private final ConcurrentHashMap<InetAddress, AtomicInteger> perAddress = new ConcurrentHashMap<>();
    private volatile ServerConfig config;
    private volatile Semaphore permits;
    /** The bans whose addresses are refused at the door; null until the server's data is open. */
    private volatile BanList bans;

    /**
     * The connections of a server with {@code config}: their reader threads virtual, or platform ones;
     * {@code tls} tells the refused clients of its TLS ports why.
     */
    Connections(ServerConfig config, ActivityLog log, TlsRefusals tls) {
        this.log = log;
        this.tlsRefusals = tls;
        this.readers = config.threads() == ThreadKind.VIRTUAL
                ? Thread.ofVirtual().name("client-", 1).factory()
                : Thread.ofPlatform().name("client-", 1).daemon(true).stackSize(256 * 1024).factory();
        configure(config);
    }

    /** New caps, from the next admission on (while the server is stopped). */
    void configure(ServerConfig next) {
        config = next;
        permits = new Semaphore(next.maxClients());
    }

    /** The bans and mutes, from the opening of the server's data on. */
    void bans(BanList list) {
        bans = list;
    }

    /**
     * A freshly accepted socket: refused when its address is banned (told why, before any prompt) or
     * past a cap, else given its connection and a reader thread.
     */
    void admit(SocketChannel client, Endpoint endpoint, Maker maker) {
        InetSocketAddress remote;
        try {
            remote = (InetSocketAddress) client.getRemoteAddress();
        } catch (IOException e) {
            closeQuietly(client);
            return;
        }
        InetAddress from = remote.getAddress();
        String address = Connection.describe(remote);
        BanList list = bans;
        Optional<Ban> banned = list == null ? Optional.empty() : list.addressBan(from);
        if (banned.isPresent()) {
            refuse(client, endpoint, banned.get().banned(log.zone()));
            log.warn("Refused " + address + ": banned (" + banned.get().target().text() + ")");
            return;
        }
        Semaphore caps = permits;
        if (!caps.tryAcquire()) {
            refuse(client, endpoint, "The server is full. Try again later.");
            log.warn("Refused " + address + ": " + config.maxClients() + " clients connected");
            return;
        }
        AtomicInteger fromAddress = perAddress.computeIfAbsent(from, a -> new AtomicInteger());
        if (fromAddress.incrementAndGet() > config.maxClientsPerAddress()) {
            release(from, caps);
            refuse(client, endpoint, "Too many connections from your address.");
            log.warn("Refused " + address + ": more than " + config.maxClientsPerAddress() + " from that address");
            return;
        }
        try {
            client.setOption(StandardSocketOptions.TCP_NODELAY, true);
            keepAlive(client);
            client.configureBlocking(false);
            Connection connection = maker.make(client, remote, endpoint);
            live.add(connection);
            log.info("Client " + address + " connected");
            // a ban made since the check above may have looked for the live connections before this one was
            // among them: now that it is, the ban's own sweep or this second look closes it, or both
            Optional<Ban> since = list == null ? Optional.empty() : list.addressBan(from);
            since.ifPresent(ban -> connection.close(new CloseCause.Told(ban.banned(log.zone()))));
            readers.newThread(connection).start();
        } catch (IOException | RuntimeException e) {
            release(from, caps);
            log.warn("Could not serve " + address + ": " + e);
            closeQuietly(client);
        }
    }

    /** A connection has closed (its reader thread, last of all). */
    void closed(Connection connection) {
        if (live.contains(connection)) {
            // logged before the count drops, so that whoever sees the count at zero sees the log line too
            log.info("Client " + connection.address() + " disconnected");
        }
        if (live.remove(connection)) {
            release(connection.inetAddress(), permits);
        }
    }

    int size() {
        return live.size();
    }

    Set<Connection> snapshot() {
        return Set.copyOf(live);
    }

    /** Closes every connection for {@code cause}; waits up to {@code graceMillis}, then aborts the rest. */
    void closeAll(CloseCause cause, long graceMillis) {
        live.forEach(c -> c.close(cause));
        if (!awaitEmpty(graceMillis)) {
            live.forEach(Connection::abort);
            if (!awaitEmpty(graceMillis)) {
                LOG.warn("{} connection(s) still open after stop", live.size());
            }
        }
    }

    /** Runs on the scheduler: every connection's sign-in and idle deadlines. */
    void checkDeadlines() {
        long now = System.nanoTime();
        for (Connection connection : live) {
            try {
                connection.checkDeadlines(now);
            } catch (RuntimeException e) {
                LOG.warn("deadline check failed for {}", connection.address(), e);
            }
        }
    }

    private boolean awaitEmpty(long millis) {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (!live.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return live.isEmpty();
            }
        }
        return live.isEmpty();
    }

    private void release(InetAddress from, Semaphore caps) {
        perAddress.computeIfPresent(from, (a, count) -> count.decrementAndGet() <= 0 ? null : count);
        caps.release();
    }

    /**
     * TCP keep-alive finds peers that vanished without a FIN or RST (a pulled cable, a crashed host):
     * the kernel probes an idle connection and fails the socket, and the reader thread cleans up.
     * The OS default waits two hours before the first probe, so set the times where the JDK can.
     */
    private void keepAlive(SocketChannel client) throws IOException {
        if (config.keepAlive().isZero()) {
            return;
        }
        client.setOption(StandardSocketOptions.SO_KEEPALIVE, true);
        int idle = (int) Math.max(1, Math.min(Integer.MAX_VALUE, config.keepAlive().toSeconds()));
        var supported = client.supportedOptions();
        if (supported.contains(ExtendedSocketOptions.TCP_KEEPIDLE)) {
            client.setOption(ExtendedSocketOptions.TCP_KEEPIDLE, idle);
        }
        if (supported.contains(ExtendedSocketOptions.TCP_KEEPINTERVAL)) {
            client.setOption(ExtendedSocketOptions.TCP_KEEPINTERVAL, KEEP_ALIVE_INTERVAL_SECONDS);
        }
        if (supported.contains(ExtendedSocketOptions.TCP_KEEPCOUNT)) {
            client.setOption(ExtendedSocketOptions.TCP_KEEPCOUNT, KEEP_ALIVE_PROBES);
        }
    }

    /**
     * Says why on a fresh (still blocking) channel, in its endpoint's protocol and over TLS on a TLS port,
     * then closes it.
     */
    private void refuse(SocketChannel client, Endpoint endpoint, String reason) {
        byte[] said = endpoint.irc() ? IrcFormat.error(reason)
                : Protocol.lineBytes(Protocol.ERROR_PREFIX + reason);
        if (endpoint.encrypted()) {
            tlsRefusals.tell(client, said);
            return;
        }
        try {
            client.write(ByteBuffer.wrap(said));
        } catch (IOException e) {
            // the client is gone already
        }
        closeQuietly(client);
    }

    static void closeQuietly(SocketChannel socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing left to do
        }
    }
}
