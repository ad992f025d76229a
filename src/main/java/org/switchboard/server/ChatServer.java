package org.switchboard.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.auth.Authenticator;
import org.switchboard.auth.IdentityFileException;
import org.switchboard.auth.IdentityStore;
import org.switchboard.auth.LoginThrottle;
import org.switchboard.auth.PasswordHasher;
import org.switchboard.chat.ChatLine;
import org.switchboard.chat.ChatRoom;
import org.switchboard.chat.Member;
import org.switchboard.chat.MemberInfo;
import org.switchboard.chat.RoomFeed;
import org.switchboard.log.ActivityLog;

/**
 * The server: its lifecycle, its endpoints and the wiring of one connection's pipeline; what each part
 * does is in its own class ({@link Acceptor}, {@link Connections}, {@link Connection}, the front-ends).
 *
 * <p>Lifecycle: STOPPED → {@link #start} → LISTENING ⇄ {@link #pause}/{@link #resume} → {@link #stop}
 * → STOPPED, and it may start again. Pause closes every listening port, so new connections are refused
 * while signed-in users go on chatting; resume binds the same ports again. Lifecycle calls are
 * serialised by one lock and may come from any thread; each says whether it changed the state.
 * {@link #close} stops and is idempotent.
 *
 * <p>Threads: one acceptor thread per endpoint; a reader thread per client, virtual unless
 * {@link ThreadKind#PLATFORM} is configured, waiting for input on the {@link ReadPoller}; a few
 * {@link Writers} lanes write to every client; one scheduler for the deadlines and the grace closes.
 */
public final class ChatServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ChatServer.class);
    private static final long STOP_GRACE_MILLIS = 3_000;
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
    private final ReentrantLock lifecycle = new ReentrantLock();
    private final ServerEvents events;
    private final List<Acceptor> acceptors;
    private final Connections connections;
    private final LineFormat lineFormat;

    private volatile ServerState state = ServerState.STOPPED;
    private volatile Instant startedAt;
    /** The deadlines and the grace closes of every connection; from the first start to {@link #close}. */
    private ScheduledExecutorService scheduler;
    private ScheduledFuture<?> deadlines;
    /** Where readers wait for input, and the threads that write to clients; null when stopped. */
    private volatile ReadPoller readPoller;
    private volatile Writers writers;
    private volatile Authenticator authenticator;
    /** Opened at the first start (or clear-users), kept to {@link #close}. */
    private volatile ServerData data;

    public ChatServer(ServerConfig config) {
        this(config, Clock.systemDefaultZone());
    }

    public ChatServer(ServerConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.log = new ActivityLog(config.logFile(), LOG_MEMORY_LINES, clock);
        this.events = new ServerEvents(log);
        this.lineFormat = new LineFormat(clock.getZone());
        ThreadFactory readers = config.threads() == ThreadKind.VIRTUAL
                ? Thread.ofVirtual().name("client-", 1).factory()
                : Thread.ofPlatform().name("client-", 1).daemon(true).stackSize(256 * 1024).factory();
        this.connections = new Connections(config, log, readers);
        Connection.FrontEndFactory protocol = config.mode() == ServerMode.ECHO
                ? (link, services) -> new EchoFrontEnd(link, lineFormat)
                : (link, services) -> new LineFrontEnd(link, services, lineFormat);
        Endpoint chat = new Endpoint(config.mode().name().toLowerCase(), config.bindAddress(), config.port(), protocol);
        this.acceptors = List.of(new Acceptor(chat, log, client -> connections.admit(client, chat, this::connect)));
    }

    /**
     * Opens the data (first time only) and starts listening on every endpoint.
     *
     * @return false when the server was not stopped (nothing changed)
     * @throws DataFolderException when a data folder cannot be used or another server holds it
     * @throws IdentityFileException when users.txt cannot be read: the server does not start
     * @throws IOException when a port cannot be bound (e.g. it is in use)
     */
    public boolean start() throws IOException, IdentityFileException, DataFolderException {
        lifecycle.lock();
        try {
            if (state != ServerState.STOPPED) {
                return false;
            }
            openData();
            bindAll("Cannot listen on port ");
            startedAt = clock.instant();
            readPoller = new ReadPoller();
            writers = new Writers(WRITER_THREADS, () -> config.writeIntervalNanos(connections.size()), feed());
            feed().onAppend(writers::feedMoved);
            startDeadlines();
            log.info("Server started (" + config.mode().name().toLowerCase() + " mode, "
                    + config.threads().name().toLowerCase() + " threads)");
            acceptors.forEach(a -> log.info("Listening on port " + a.port()));
            setState(ServerState.LISTENING);
            return true;
        } finally {
            lifecycle.unlock();
        }
    }

    /**
     * Starts as {@link #start()} does, on another port than the configured one (0: any free port), for
     * an operator whose port turned out to be taken. Only a stopped server changes its port.
     */
    public boolean start(int newPort) throws IOException, IdentityFileException, DataFolderException {
        if (newPort < 0 || newPort > 65_535) {
            throw new IllegalArgumentException("port must be 0-65535: " + newPort);
        }
        lifecycle.lock();
        try {
            if (state != ServerState.STOPPED) {
                return false;
            }
            acceptors.getFirst().port(newPort);
            return start();
        } finally {
            lifecycle.unlock();
        }
    }

    /** Closes every listening port; signed-in users keep chatting. False unless it was listening. */
    public boolean pause() {
        lifecycle.lock();
        try {
            if (state != ServerState.LISTENING) {
                return false;
            }
            acceptors.forEach(Acceptor::unbind);
            log.info("Paused: port " + port() + " closed to new connections");
            setState(ServerState.PAUSED);
            return true;
        } finally {
            lifecycle.unlock();
        }
    }

    /** Listens again on the same ports. False unless it was paused. */
    public boolean resume() throws IOException {
        lifecycle.lock();
        try {
            if (state != ServerState.PAUSED) {
                return false;
            }
            bindAll("Cannot listen again on port ");
            log.info("Resumed: listening on port " + port());
            setState(ServerState.LISTENING);
            return true;
        } finally {
            lifecycle.unlock();
        }
    }

    /** Tells every client, closes every connection, flushes the files. False when already stopped. */
    public boolean stop() {
        lifecycle.lock();
        try {
            if (state == ServerState.STOPPED) {
                return false;
            }
            acceptors.forEach(Acceptor::unbind);
            state = ServerState.STOPPED;
            connections.closeAll(new CloseCause.ServerStopped(), STOP_GRACE_MILLIS);
            deadlines.cancel(false);
            feed().onAppend(null);
            writers.close();
            writers = null;
            readPoller.close();
            readPoller = null;
            data.history().close();
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
            if (scheduler != null) {
                scheduler.shutdownNow();
                scheduler = null;
            }
            if (data != null) {
                data.close();
                data = null;
            }
        } finally {
            lifecycle.unlock();
        }
        log.close();
    }

    // ---- operator actions (the control layer calls these) ----

    /** Disconnects a signed-in user, telling them why; empty when nobody of that name is online. */
    public Optional<MemberInfo> kick(String name, String reason) {
        ServerData current = data;
        Optional<Member> member = current == null ? Optional.empty() : current.room().find(name);
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
            connections.configure(next);
            if (data != null) {
                authenticator = newAuthenticator(data.users());
            }
            log.info("Limits changed: " + Limits.describe(next));
        } finally {
            lifecycle.unlock();
        }
    }

    /** Empties server.log (file and memory). */
    public void clearLogs() {
        log.clear();
        // debug, not info: slf4j-simple prints info to the operator's console, where serve has said it already
        LOG.debug("activity log cleared by the operator");
        events.fire(new ServerEvent.LogsCleared());
    }

    /** Forgets every registered user and token; returns how many users were removed. */
    public int clearUsers() throws IdentityFileException, DataFolderException {
        lifecycle.lock();
        try {
            openData();
        } finally {
            lifecycle.unlock();
        }
        int removed = data.users().clear();
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

    /** The port of the first endpoint (the real one once started with port 0). */
    public int port() {
        return acceptors.getFirst().port();
    }

    public ActivityLog log() {
        return log;
    }

    public List<MemberInfo> users() {
        ServerData current = data;
        return current == null ? List.of() : current.room().members().stream().map(Member::info).toList();
    }

    public List<ChatLine> recentHistory(int count) {
        ServerData current = data;
        return current == null ? List.of() : current.history().recent(count);
    }

    public int registeredUsers() {
        ServerData current = data;
        return current == null ? 0 : current.users().size();
    }

    public ServerStats stats() {
        Instant started = startedAt;
        Duration uptime = state == ServerState.STOPPED || started == null
                ? Duration.ZERO : Duration.between(started, clock.instant());
        ServerData current = data;
        Writers currentWriters = writers;
        Writers.WriteRound round = currentWriters == null ? null : currentWriters.lastRound();
        return new ServerStats(state, port(), config.mode(), uptime, connections.size(),
                current == null ? 0 : current.room().size(), events.peakOnline(), events.messages(), registeredUsers(),
                round == null ? Duration.ZERO : Duration.ofNanos(round.nanos()), round == null ? 0 : round.clients());
    }

    public void addListener(ServerListener listener) {
        events.add(listener);
    }

    public void removeListener(ServerListener listener) {
        events.remove(listener);
    }

    // ---- for tests ----

    ChatRoom room() {
        ServerData current = data;
        if (current == null) {
            throw new IllegalStateException("the server has not been started");
        }
        return current.room();
    }

    /** The room's shared lines. */
    RoomFeed feed() {
        return room().feed();
    }

    /** The live connections (tests look at their sockets). */
    Set<Connection> connections() {
        return connections.snapshot();
    }

    // ---- internals ----

    /** The pipeline of one admitted socket: plain transport, the endpoint's front-end, a writer lane. */
    private Connection connect(SocketChannel channel, InetSocketAddress remote, Endpoint endpoint) {
        FrontEnd.Services services = new FrontEnd.Services(room(), authenticator, log, clock, config);
        return new Connection(new PlainTransport(channel, remote, readPoller), services, writers.nextLane(), scheduler,
                endpoint.protocol(), connections::closed);
    }

    private void openData() throws IdentityFileException, DataFolderException {
        if (data != null) {
            return;
        }
        ServerData opened = ServerData.open(config, clock, log);
        events.watch(opened.room());
        authenticator = newAuthenticator(opened.users());
        data = opened;
    }

    private Authenticator newAuthenticator(IdentityStore store) {
        int concurrency = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
        return new Authenticator(store, new PasswordHasher(config.hashIterations(), concurrency),
                new LoginThrottle(config.login(), clock));
    }

    /** Binds every endpoint, or none: a port that cannot be bound unbinds those bound before it. */
    private void bindAll(String failure) throws IOException {
        for (Acceptor acceptor : acceptors) {
            try {
                acceptor.bind();
            } catch (IOException e) {
                log.error(failure + acceptor.port() + ": " + e.getMessage());
                acceptors.forEach(Acceptor::unbind);
                throw e;
            }
        }
    }

    /** Checks every connection's deadlines often enough for the shortest of them. */
    private void startDeadlines() {
        if (scheduler == null) {
            scheduler = Executors.newSingleThreadScheduledExecutor(
                    Thread.ofPlatform().name("switchboard-scheduler").daemon(true).factory());
        }
        long shortest = config.signInTimeout().toMillis();
        if (!config.idleTimeout().isZero()) {
            shortest = Math.min(shortest, config.idleTimeout().toMillis());
        }
        long period = Math.clamp(shortest / 10, 10, 1_000);
        deadlines = scheduler.scheduleWithFixedDelay(connections::checkDeadlines, period, period, TimeUnit.MILLISECONDS);
    }

    private void setState(ServerState newState) {
        state = newState;
        events.fire(new ServerEvent.StateChanged(newState, port()));
    }
}
