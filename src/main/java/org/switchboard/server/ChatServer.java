package org.switchboard.server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import jdk.net.ExtendedSocketOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.auth.Authenticator;
import org.switchboard.auth.IdentityFileException;
import org.switchboard.auth.IdentityStore;
import org.switchboard.auth.LoginThrottle;
import org.switchboard.auth.PasswordHasher;
import org.switchboard.chat.ChatLine;
import org.switchboard.chat.ChatRoom;
import org.switchboard.chat.History;
import org.switchboard.chat.Member;
import org.switchboard.chat.MemberInfo;
import org.switchboard.chat.RoomListener;
import org.switchboard.log.ActivityLog;
import org.switchboard.protocol.Protocol;
import org.switchboard.protocol.TextFiles;

/**
 * The server: lifecycle, the acceptor thread and the set of live connections.
 *
 * <p>Lifecycle: STOPPED → {@link #start} → LISTENING ⇄ {@link #pause}/{@link #resume} → {@link #stop}
 * → STOPPED, and it may start again. Pause closes the listening socket, so the port really refuses new
 * connections while signed-in users go on chatting; resume binds the same port again. Lifecycle calls
 * are serialised by one lock and may come from any thread. {@link #close} stops and is idempotent.
 *
 * <p>Threads: one named platform thread blocks in {@code accept()}; each client gets a reader thread,
 * virtual unless {@link ThreadKind#PLATFORM} is configured, which waits for input on the
 * {@link ReadPoller}; a few {@link Writers} lanes write to every client.
 */
public final class ChatServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ChatServer.class);
    private static final int BACKLOG = 1024;
    private static final long STOP_GRACE_MILLIS = 3_000;
    private static final int KEEP_ALIVE_INTERVAL_SECONDS = 10;
    private static final int KEEP_ALIVE_PROBES = 3;
    /**
     * Writer lanes: half the cores, so that readers, the broadcast and (on a shared machine) the
     * clients keep the rest. On two cores one lane carried 10,000 clients better than two (see
     * docs/PERFORMANCE.md).
     */
    private static final int WRITER_THREADS = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    /** Lines of the activity log kept in memory for "logs" and the control panel. */
    public static final int LOG_MEMORY_LINES = 10_000;

    private volatile ServerConfig config;
    private final Clock clock;
    private final ActivityLog log;
    private final ThreadFactory clientThreads;
    private final ReentrantLock lifecycle = new ReentrantLock();
    private final List<ServerListener> listeners = new CopyOnWriteArrayList<>();
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final ConcurrentHashMap<InetAddress, AtomicInteger> perAddress = new ConcurrentHashMap<>();
    private volatile Semaphore clientPermits;
    private final AtomicLong messages = new AtomicLong();
    private final AtomicInteger peakOnline = new AtomicInteger();

    private volatile ServerState state = ServerState.STOPPED;
    private volatile int port;
    private volatile Instant startedAt;
    private ServerSocketChannel serverSocket;
    private Thread listenerThread;
    /** One platform thread that enforces the sign-in deadline and the idle timeout for all clients. */
    private ScheduledExecutorService timer;
    /** Where readers wait for input, and the threads that write to clients; null when stopped. */
    private volatile ReadPoller readPoller;
    private volatile Writers writers;
    private ScheduledFuture<?> sweep;
    private Authenticator authenticator;
    private History history;
    private ChatRoom room;
    /** The room's lines, shared by every member's outbox; lives as long as the room. */
    private RoomFeed feed;
    /** The data files' folders, locked from the first start (or clear-users) until {@link #close}. */
    private DataFolders dataFolders;

    public ChatServer(ServerConfig config) {
        this(config, Clock.systemDefaultZone());
    }

    public ChatServer(ServerConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.port = config.port();
        this.log = new ActivityLog(config.logFile(), LOG_MEMORY_LINES, clock);
        this.clientPermits = new Semaphore(config.maxClients());
        this.clientThreads = config.threads() == ThreadKind.VIRTUAL
                ? Thread.ofVirtual().name("client-", 1).factory()
                : Thread.ofPlatform().name("client-", 1).daemon(true).stackSize(256 * 1024).factory();
    }

    /**
     * Opens the data files (first time only) and starts listening.
     *
     * @throws DataFolderException when a data folder cannot be used or another server holds it
     * @throws IdentityFileException when users.txt cannot be read: the server does not start
     * @throws IOException when the port cannot be bound (e.g. it is in use)
     */
    public void start() throws IOException, IdentityFileException, DataFolderException {
        lifecycle.lock();
        try {
            if (state != ServerState.STOPPED) {
                return;
            }
            openData();
            try {
                bind(port);
            } catch (IOException e) {
                log.error("Cannot listen on port " + port + ": " + e.getMessage());
                throw e;
            }
            startedAt = clock.instant();
            startSweep();
            readPoller = new ReadPoller();
            writers = new Writers(WRITER_THREADS, () -> config.writeIntervalNanos(connections.size()), feed);
            feed.onAppend(writers::feedMoved);
            log.info("Server started (" + config.mode().name().toLowerCase() + " mode, "
                    + config.threads().name().toLowerCase() + " threads)");
            log.info("Listening on port " + port);
            setState(ServerState.LISTENING);
        } finally {
            lifecycle.unlock();
        }
    }

    /**
     * Starts as {@link #start()} does, on another port than the configured one (0: any free port), for
     * an operator whose port turned out to be taken. Only a stopped server changes its port.
     */
    public void start(int newPort) throws IOException, IdentityFileException, DataFolderException {
        if (newPort < 0 || newPort > 65_535) {
            throw new IllegalArgumentException("port must be 0-65535: " + newPort);
        }
        lifecycle.lock();
        try {
            if (state != ServerState.STOPPED) {
                return;
            }
            port = newPort;
            start();
        } finally {
            lifecycle.unlock();
        }
    }

    /** Closes the listening port; signed-in users keep chatting. No-op unless listening. */
    public boolean pause() {
        lifecycle.lock();
        try {
            if (state != ServerState.LISTENING) {
                return false;
            }
            unbind();
            log.info("Paused: port " + port + " closed to new connections");
            setState(ServerState.PAUSED);
            return true;
        } finally {
            lifecycle.unlock();
        }
    }

    /** Listens again on the same port. No-op unless paused. */
    public boolean resume() throws IOException {
        lifecycle.lock();
        try {
            if (state != ServerState.PAUSED) {
                return false;
            }
            try {
                bind(port);
            } catch (IOException e) {
                log.error("Cannot listen again on port " + port + ": " + e.getMessage());
                throw e;
            }
            log.info("Resumed: listening on port " + port);
            setState(ServerState.LISTENING);
            return true;
        } finally {
            lifecycle.unlock();
        }
    }

    /** Tells every client, closes every connection, flushes the files. No-op when stopped. */
    public boolean stop() {
        lifecycle.lock();
        try {
            if (state == ServerState.STOPPED) {
                return false;
            }
            if (state == ServerState.LISTENING) {
                unbind();
            }
            state = ServerState.STOPPED;
            String farewell = Protocol.NOTICE_PREFIX + "The server is shutting down. Goodbye.";
            for (Connection connection : connections) {
                connection.finish(farewell);
            }
            awaitConnectionsClosed();
            stopSweep();
            feed.onAppend(null);
            writers.close();
            writers = null;
            readPoller.close();
            readPoller = null;
            history.close();
            log.info("Server stopped");
            setState(ServerState.STOPPED);
            return true;
        } finally {
            lifecycle.unlock();
        }
    }

    @Override
    public void close() {
        stop();
        lifecycle.lock();
        try {
            if (timer != null) {
                timer.shutdownNow();
                timer = null;
            }
            if (dataFolders != null) {
                dataFolders.close();
                dataFolders = null;
            }
        } finally {
            lifecycle.unlock();
        }
        log.close();
    }

    // ---- operator actions (the control layer calls these) ----

    /** Disconnects a signed-in user, telling them why; empty when nobody of that name is online. */
    public Optional<MemberInfo> kick(String name, String reason) {
        ChatRoom current = room;
        Optional<Member> member = current == null ? Optional.empty() : current.find(name);
        member.ifPresent(m -> {
            log.info("Kicked " + m.name() + " (" + m.address() + ")" + (reason.isBlank() ? "" : ": " + reason));
            m.disconnect("You were disconnected by the operator" + (reason.isBlank() ? "." : ": " + reason));
        });
        return member.map(Member::info);
    }

    /** A private line from the operator to one user; empty when nobody of that name is online. */
    public Optional<MemberInfo> tell(String name, String text) {
        Optional<Member> member = room().tellFromServer(name, text);
        member.ifPresent(m -> log.info("Private message to " + m.name() + ": " + text));
        return member.map(Member::info);
    }

    /** An announcement to everyone online, kept in the history. */
    public ChatLine announce(String text) {
        ChatLine line = room().announce(text);
        log.info("Announcement: " + text);
        return line;
    }

    /**
     * Takes new limits while the server is stopped; they apply from the next start. The files, the mode
     * and the kind of threads are fixed for the server's life and must stay as they are.
     *
     * @throws IllegalStateException when the server is not stopped
     * @throws IllegalArgumentException when the new settings change a file, the mode or the threads
     */
    public void reconfigure(ServerConfig next) {
        lifecycle.lock();
        try {
            if (state != ServerState.STOPPED) {
                throw new IllegalStateException("stop the server before changing its limits");
            }
            ServerConfig current = config;
            if (!next.usersFile().equals(current.usersFile()) || !next.logFile().equals(current.logFile())
                    || !next.historyFile().equals(current.historyFile()) || next.mode() != current.mode()
                    || next.threads() != current.threads() || next.historyLimit() != current.historyLimit()) {
                throw new IllegalArgumentException("files, mode, threads and history limit are fixed for a server's life");
            }
            config = next;
            clientPermits = new Semaphore(next.maxClients());
            if (authenticator != null) {
                authenticator = newAuthenticator(authenticator.store());
            }
            log.info("Limits changed: " + describeLimits(next));
        } finally {
            lifecycle.unlock();
        }
    }

    /** The limits in one line, as the log and the operator's {@code limits} show them. */
    public static String describeLimits(ServerConfig c) {
        return "line " + c.maxLineBytes() + " bytes, sign-in " + c.signInTimeout().toSeconds() + " s, "
                + (c.flood().enabled() ? "flood burst " + c.flood().burst() + " then " + c.flood().ratePerSecond()
                        + "/s (warn " + c.flood().warnAfter() + ", cut " + c.flood().disconnectAfter() + ")"
                        : "flood control off")
                + ", " + (c.login().enabled() ? c.login().failures() + " wrong passwords in "
                        + c.login().window().toSeconds() + " s lock a name for " + c.login().lockout().toSeconds() + " s"
                        : "no name lock")
                + ", " + c.maxClientsPerAddress() + " per address, " + c.maxClients() + " in all, outbox "
                + c.outboxLimitBytes() + " bytes, idle " + (c.idleTimeout().isZero() ? "never" : c.idleTimeout().toSeconds() + " s")
                + ", keep-alive " + (c.keepAlive().isZero() ? "off" : c.keepAlive().toSeconds() + " s")
                + ", passwords of at least " + c.minPasswordLength();
    }

    /** Empties server.log (file and memory). */
    public void clearLogs() {
        log.clear();
        // debug, not info: slf4j-simple prints info to the operator's console, where serve has said it already
        LOG.debug("activity log cleared by the operator");
        fire(new ServerEvent.LogsCleared());
    }

    /** Forgets every registered user and token; returns how many users were removed. */
    public int clearUsers() throws IdentityFileException, DataFolderException {
        lifecycle.lock();
        try {
            openData();
        } finally {
            lifecycle.unlock();
        }
        int removed = authenticator.store().clear();
        log.info("Identity file cleared: " + removed + " user(s) removed");
        return removed;
    }

    // ---- what the server shows ----

    public ServerConfig config() {
        return config;
    }

    public ServerState state() {
        return state;
    }

    /** The port listened on (the real one once started with port 0). */
    public int port() {
        return port;
    }

    public ActivityLog log() {
        return log;
    }

    public List<MemberInfo> users() {
        ChatRoom current = room;
        return current == null ? List.of() : current.members().stream().map(Member::info).toList();
    }

    public List<ChatLine> recentHistory(int count) {
        History current = history;
        return current == null ? List.of() : current.recent(count);
    }

    public int registeredUsers() {
        Authenticator current = authenticator;
        return current == null ? 0 : current.store().size();
    }

    public ServerStats stats() {
        Instant started = startedAt;
        Duration uptime = state == ServerState.STOPPED || started == null
                ? Duration.ZERO : Duration.between(started, clock.instant());
        ChatRoom current = room;
        Writers currentWriters = writers;
        Writers.WriteRound round = currentWriters == null ? null : currentWriters.lastRound();
        return new ServerStats(state, port, config.mode(), uptime, connections.size(),
                current == null ? 0 : current.size(), peakOnline.get(), messages.get(), registeredUsers(),
                round == null ? Duration.ZERO : Duration.ofNanos(round.nanos()), round == null ? 0 : round.clients());
    }

    public void addListener(ServerListener listener) {
        listeners.add(listener);
    }

    public void removeListener(ServerListener listener) {
        listeners.remove(listener);
    }

    // ---- for connections ----

    /** The server's time; public for the panel, which stamps what it adds to the chat pane with it. */
    public Clock clock() {
        return clock;
    }

    ThreadFactory clientThreads() {
        return clientThreads;
    }

    ChatRoom room() {
        ChatRoom current = room;
        if (current == null) {
            throw new IllegalStateException("the server has not been started");
        }
        return current;
    }

    /** The room's shared lines (tests look at it); null before the first start. */
    RoomFeed feed() {
        return feed;
    }

    /** Where client readers wait for input; null when the server is stopped. */
    ReadPoller readPoller() {
        return readPoller;
    }

    /** The threads that write to clients; null when the server is stopped. */
    Writers writers() {
        return writers;
    }

    Authenticator authenticator() {
        return authenticator;
    }

    /** The live connections (tests look at their sockets). */
    Set<Connection> connections() {
        return Set.copyOf(connections);
    }

    void connectionClosed(Connection connection) {
        if (connections.contains(connection)) {
            // logged before the count drops, so that whoever sees the count at zero sees the log line too
            log.info("Client " + connection.address() + " disconnected");
        }
        if (connections.remove(connection)) {
            InetAddress address = connection.inetAddress();
            perAddress.computeIfPresent(address, (a, count) -> count.decrementAndGet() <= 0 ? null : count);
            clientPermits.release();
        }
    }

    // ---- internals ----

    private void openData() throws IdentityFileException, DataFolderException {
        if (room != null) {
            return;
        }
        if (dataFolders == null) {
            dataFolders = DataFolders.open(List.of(config.usersFile(), config.logFile(), config.historyFile()),
                    folder -> log.info("Created the data folder " + folder));
        }
        authenticator = newAuthenticator(IdentityStore.open(config.usersFile()));
        try {
            history = new History(config.historyFile(), config.historyLimit(), log::add);
        } catch (IOException e) {
            throw new DataFolderException(config.historyFile(), "Cannot read the history " + config.historyFile()
                    + ": " + TextFiles.reason(e));
        }
        if (history.skippedOnLoad() > 0) {
            log.warn("History: skipped " + history.skippedOnLoad() + " unreadable line(s) in " + config.historyFile());
        }
        feed = new RoomFeed();
        room = new ChatRoom(history, clock, feed);
        room.addListener(new RoomEvents());
    }

    private Authenticator newAuthenticator(IdentityStore store) {
        int concurrency = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
        return new Authenticator(store, new PasswordHasher(config.hashIterations(), concurrency),
                new LoginThrottle(config.login(), clock));
    }

    private void bind(int wanted) throws IOException {
        ServerSocketChannel socket = ServerSocketChannel.open();
        try {
            socket.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            socket.bind(new InetSocketAddress(config.bindAddress(), wanted), BACKLOG);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        serverSocket = socket;
        port = ((InetSocketAddress) socket.getLocalAddress()).getPort();
        listenerThread = Thread.ofPlatform().name("switchboard-acceptor").daemon(true).start(() -> acceptLoop(socket));
    }

    private void unbind() {
        try {
            serverSocket.close();
        } catch (IOException e) {
            LOG.debug("closing the listening socket: {}", e.toString());
        }
        try {
            listenerThread.join(STOP_GRACE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        serverSocket = null;
        listenerThread = null;
    }

    /** Runs on the acceptor thread until its socket is closed. */
    private void acceptLoop(ServerSocketChannel socket) {
        while (socket.isOpen()) {
            SocketChannel client;
            try {
                client = socket.accept();
            } catch (IOException e) {
                if (socket.isOpen()) {
                    // e.g. out of file descriptors: say so, breathe, go on
                    log.warn("Accept failed: " + e.getMessage());
                    pauseBriefly();
                }
                continue;
            }
            admit(client);
        }
    }

    private void admit(SocketChannel client) {
        InetSocketAddress remote;
        try {
            remote = (InetSocketAddress) client.getRemoteAddress();
        } catch (IOException e) {
            closeQuietly(client);
            return;
        }
        InetAddress from = remote.getAddress();
        String address = Connection.describe(remote);
        if (!clientPermits.tryAcquire()) {
            refuse(client, "The server is full. Try again later.");
            log.warn("Refused " + address + ": " + config.maxClients() + " clients connected");
            return;
        }
        AtomicInteger fromAddress = perAddress.computeIfAbsent(from, a -> new AtomicInteger());
        if (fromAddress.incrementAndGet() > config.maxClientsPerAddress()) {
            perAddress.computeIfPresent(from, (a, c) -> c.decrementAndGet() <= 0 ? null : c);
            clientPermits.release();
            refuse(client, "Too many connections from your address.");
            log.warn("Refused " + address + ": more than " + config.maxClientsPerAddress() + " from that address");
            return;
        }
        try {
            client.setOption(StandardSocketOptions.TCP_NODELAY, true);
            keepAlive(client);
            client.configureBlocking(false);
            Connection connection = new Connection(this, client, remote);
            connections.add(connection);
            log.info("Client " + address + " connected");
            clientThreads.newThread(connection).start();
        } catch (IOException | RuntimeException e) {
            perAddress.computeIfPresent(from, (a, c) -> c.decrementAndGet() <= 0 ? null : c);
            clientPermits.release();
            log.warn("Could not serve " + address + ": " + e);
            closeQuietly(client);
        }
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

    /** Checks every connection's deadlines often enough for the shortest of them. */
    private void startSweep() {
        if (timer == null) {
            timer = Executors.newSingleThreadScheduledExecutor(
                    Thread.ofPlatform().name("switchboard-timer").daemon(true).factory());
        }
        long shortest = config.signInTimeout().toMillis();
        if (!config.idleTimeout().isZero()) {
            shortest = Math.min(shortest, config.idleTimeout().toMillis());
        }
        long period = Math.clamp(shortest / 10, 10, 1_000);
        sweep = timer.scheduleWithFixedDelay(this::checkDeadlines, period, period, TimeUnit.MILLISECONDS);
    }

    private void stopSweep() {
        if (sweep != null) {
            sweep.cancel(false);
            sweep = null;
        }
    }

    /** Runs on the timer thread. */
    private void checkDeadlines() {
        long now = System.nanoTime();
        for (Connection connection : connections) {
            try {
                connection.checkDeadlines(now);
            } catch (RuntimeException e) {
                LOG.warn("deadline check failed for {}", connection.address(), e);
            }
        }
    }

    /** Says why on a fresh (still blocking) channel, then closes it. */
    private static void refuse(SocketChannel client, String reason) {
        try {
            client.write(ByteBuffer.wrap(Protocol.lineBytes(Protocol.ERROR_PREFIX + reason)));
        } catch (IOException e) {
            // the client is gone already
        }
        closeQuietly(client);
    }

    private static void closeQuietly(SocketChannel socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing left to do
        }
    }

    private void awaitConnectionsClosed() {
        long deadline = System.nanoTime() + STOP_GRACE_MILLIS * 1_000_000;
        while (!connections.isEmpty() && System.nanoTime() < deadline) {
            pauseBriefly();
        }
        for (Connection connection : connections) {
            connection.abort();
        }
        long hardDeadline = System.nanoTime() + STOP_GRACE_MILLIS * 1_000_000;
        while (!connections.isEmpty() && System.nanoTime() < hardDeadline) {
            pauseBriefly();
        }
        if (!connections.isEmpty()) {
            LOG.warn("{} connection(s) still open after stop", connections.size());
        }
    }

    private static void pauseBriefly() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void setState(ServerState newState) {
        state = newState;
        fire(new ServerEvent.StateChanged(newState, port));
    }

    private void fire(ServerEvent event) {
        for (ServerListener listener : listeners) {
            try {
                listener.onEvent(event);
            } catch (RuntimeException e) {
                LOG.warn("a server listener failed on {}", event, e);
            }
        }
    }

    /** Turns the room's happenings into server events and counters; runs on the acting thread. */
    private final class RoomEvents implements RoomListener {
        @Override
        public void joined(MemberInfo member) {
            peakOnline.accumulateAndGet(room.size(), Math::max);
            fire(new ServerEvent.UserJoined(member));
        }

        @Override
        public void left(MemberInfo member, String reason) {
            log.info(member.name() + " (" + member.address() + ") " + reason);
            fire(new ServerEvent.UserLeft(member, reason));
        }

        @Override
        public void said(ChatLine line) {
            messages.incrementAndGet();
            fire(new ServerEvent.Message(line));
        }
    }
}
