package org.switchboard.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.locks.ReentrantLock;
import org.switchboard.auth.Ban;
import org.switchboard.auth.IdentityFileException;
import org.switchboard.chat.ChatLine;
import org.switchboard.chat.ChatRoom;
import org.switchboard.chat.Member;
import org.switchboard.chat.MemberInfo;
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
public final class ChatServer implements ServerView, AutoCloseable {
    private static final long STOP_GRACE_MILLIS = 3_000;
    /** Lines of the activity log kept in memory for "logs" and the control panel. */
    public static final int LOG_MEMORY_LINES = 10_000;

    private volatile ServerConfig config;
    private final Clock clock;
    private final ActivityLog log;
    private final ReentrantLock lifecycle = new ReentrantLock();
    private final ServerEvents events;
    private final Endpoints endpoints;
    private final Connections connections;

    private volatile ServerState state = ServerState.STOPPED;
    private volatile Instant startedAt;
    /**
     * The deadlines and the grace closes of every connection, and the refusals' deadlines; from the first
     * start (before the first port is bound) to {@link #close}.
     */
    private volatile ScheduledExecutorService scheduler;
    /**
     * The read poller, the writer lanes and the deadline checks; made as a start begins (before the ports
     * take anyone in) and dropped again if it fails; null when stopped.
     */
    private volatile IoThreads io;
    /** The TLS certificate in service, from the first start, and the watch on its files. */
    private final ServerTls tls;
    /** Opened at the first start (or clear-users), kept to {@link #close}. */
    private volatile ServerData data;
    private final AccountAdmin accounts;

    public ChatServer(ServerConfig config) {
        this(config, Clock.systemDefaultZone());
    }

    public ChatServer(ServerConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.log = new ActivityLog(config.logFile(), LOG_MEMORY_LINES, clock);
        this.tls = new ServerTls(config, log);
        this.events = new ServerEvents(log);
        this.connections = new Connections(config, log, new TlsRefusals(tls, () -> scheduler));
        this.endpoints = new Endpoints(config, clock.getZone(), log,
                (client, endpoint) -> connections.admit(client, endpoint, this::connect));
        this.accounts = new AccountAdmin(() -> data, this::openData, connections, this::config, log, clock);
    }

    /**
     * Opens the data (first time only) and starts listening on every endpoint.
     *
     * @return false when the server was not stopped (nothing changed)
     * @throws DataFolderException when a data folder cannot be used or another server holds it
     * @throws IdentityFileException when users.txt cannot be read: the server does not start
     * @throws IOException when a port cannot be bound (e.g. it is in use), or a {@link TlsException}
     *         when the TLS certificate cannot be loaded
     */
    public boolean start() throws IOException, IdentityFileException, DataFolderException {
        lifecycle.lock();
        try {
            if (state != ServerState.STOPPED) {
                return false;
            }
            openData();
            tls.load();
            // before the ports open: a client refused at a TLS port's door is given a deadline on it
            scheduler = scheduler != null ? scheduler : IoThreads.newScheduler();
            // before the ports take anyone in: a client admitted at once is given its poller and writer lane
            IoThreads started = new IoThreads(config, connections, data.room().feed(), scheduler,
                    data.enforcement()::expire);
            io = started;
            try {
                endpoints.bindAll("Cannot listen on port ");
            } catch (IOException | RuntimeException e) {
                io = null;
                started.close();
                throw e;
            }
            startedAt = clock.instant();
            log.info("Server started (" + config.mode().name().toLowerCase() + " mode, "
                    + config.threads().name().toLowerCase() + " threads)");
            tls.watch(scheduler);
            endpoints.logListening();
            setState(ServerState.LISTENING);
            return true;
        } finally {
            lifecycle.unlock();
        }
    }

    /** {@link #start()} on another port (0: any free one), when the configured one is taken; only when stopped. */
    public boolean start(int newPort) throws IOException, IdentityFileException, DataFolderException {
        ServerConfig.PORT.require(newPort);
        lifecycle.lock();
        try {
            if (state != ServerState.STOPPED) {
                return false;
            }
            endpoints.port(newPort);
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
            endpoints.unbindAll();
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
            endpoints.bindAll("Cannot listen again on port ");
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
            endpoints.unbindAll();
            state = ServerState.STOPPED;
            tls.unwatch();
            connections.closeAll(new CloseCause.ServerStopped(), STOP_GRACE_MILLIS);
            io.close();
            io = null;
            accounts.flush();
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

    /** Bans and mutes (ban, unban, mute, unmute); opens the data of a server never started. */
    public Enforcement enforcement() throws IdentityFileException, DataFolderException {
        openData();
        return data.enforcement();
    }

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
            Limits.checkOnlyLimitsChange(config, next);
            config = next;
            connections.configure(next);
            if (data != null) {
                data.reconfigure(next);
            }
            log.info("Limits changed: " + Limits.describe(next));
        } finally {
            lifecycle.unlock();
        }
    }

    /** Empties server.log (file and memory). */
    public void clearLogs() throws IdentityFileException, DataFolderException {
        openData(); // the log's folder must be this server's: never empty another server's log
        log.clear();
        events.fire(new ServerEvent.LogsCleared());
    }

    /** The operator's actions on accounts: delete, reset a password, clear and restore the identity file. */
    public AccountAdmin accountAdmin() {
        return accounts;
    }

    /** The certificate's files in service again, or why not (the old one serves on): see {@link ServerTls#reload}. */
    public String reloadTls() throws TlsException {
        return tls.reload();
    }

    // ---- what the server shows ----

    @Override
    public List<PortInfo> ports() {
        return endpoints.ports();
    }

    @Override
    public String tlsFingerprint() {
        return tls.fingerprint();
    }

    @Override
    public ServerConfig config() {
        return config;
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public ServerState state() {
        return state;
    }

    @Override
    public int port() {
        return endpoints.port();
    }

    @Override
    public ActivityLog log() {
        return log;
    }

    @Override
    public List<MemberInfo> users() {
        ServerData current = data;
        return current == null ? List.of() : current.room().members().stream().map(Member::info).toList();
    }

    @Override
    public List<ChatLine> recentHistory(int count) {
        ServerData current = data;
        return current == null ? List.of() : current.history().recent(count);
    }

    @Override
    public List<Ban> bans() {
        ServerData current = data;
        return current == null ? List.of() : current.bans().active();
    }

    @Override
    public List<AccountInfo> accounts() {
        return accounts.list();
    }

    @Override
    public int registeredUsers() {
        ServerData current = data;
        return current == null ? 0 : current.users().size();
    }

    @Override
    public ServerStats stats() {
        Instant started = startedAt;
        Duration uptime = state == ServerState.STOPPED || started == null
                ? Duration.ZERO : Duration.between(started, clock.instant());
        ServerData current = data;
        IoThreads running = io;
        Writers.WriteRound round = running == null ? null : running.writers().lastRound();
        return new ServerStats(state, port(), config.mode(), uptime, connections.size(),
                current == null ? 0 : current.room().size(), events.peakOnline(), events.messages(), registeredUsers(),
                round == null ? Duration.ZERO : Duration.ofNanos(round.nanos()), round == null ? 0 : round.clients(),
                ircPort().orElse(ServerConfig.IRC_OFF));
    }

    @Override
    public void addListener(ServerListener listener) {
        events.add(listener);
    }

    @Override
    public void removeListener(ServerListener listener) {
        events.remove(listener);
    }

    /** The room, for tests. */
    ChatRoom room() {
        return Objects.requireNonNull(data, "the server has not been started").room();
    }

    /** The live connections (tests look at their sockets). */
    Set<Connection> connections() {
        return connections.snapshot();
    }

    // ---- internals ----

    /** The pipeline of one admitted socket: its endpoint's transport and front-end, a writer lane. */
    private Connection connect(SocketChannel channel, InetSocketAddress remote, Endpoint endpoint) {
        FrontEnd.Services services = new FrontEnd.Services(data.room(), data.authenticator(), data.bans(), log,
                clock, config);
        IoThreads running = io;
        Transport transport = endpoint.encrypted()
                ? new TlsTransport(channel, remote, running.poller(), tls.engine())
                : new PlainTransport(channel, remote, running.poller(), endpoints.twinPort(endpoint));
        return new Connection(transport, services, running.writers().nextLane(), scheduler, endpoint.protocol(),
                endpoint.protocolName(), connections::closed);
    }

    /** Opens the data once, under the lifecycle lock (taken here too for clear-logs and the accounts). */
    private ServerData openData() throws IdentityFileException, DataFolderException {
        lifecycle.lock();
        try {
            if (data == null) {
                ServerData opened = ServerData.open(config, clock, log, connections);
                events.watch(opened.room());
                data = opened;
            }
            return data;
        } finally {
            lifecycle.unlock();
        }
    }

    private void setState(ServerState newState) {
        state = newState;
        events.fire(new ServerEvent.StateChanged(newState, port()));
    }
}
