package org.switchboard.server;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.switchboard.auth.LoginThrottle;
import org.switchboard.auth.PasswordHasher;
import org.switchboard.protocol.Protocol;

/**
 * Everything the server can be told at start. Build with {@link #builder()}; the defaults are the
 * documented ones (README.md, "Configuration"). Each whole-number setting's default and range is a
 * {@link Setting} here, and only here.
 */
public record ServerConfig(
        int port,
        InetAddress bindAddress,
        ServerMode mode,
        Path usersFile,
        Path logFile,
        Path historyFile,
        Path bansFile,
        int hashIterations,
        int minPasswordLength,
        int historyReplay,
        int historyLimit,
        int maxLineBytes,
        int outboxLimitBytes,
        int maxClients,
        int maxClientsPerAddress,
        Duration signInTimeout,
        ThreadKind threads,
        LoginThrottle.Policy login,
        FloodLimits flood,
        Duration keepAlive,
        Duration idleTimeout,
        Duration writeCoalesce,
        int writeBudget,
        int ircPort,
        String ircChannel,
        int tlsPort,
        TlsFiles tls,
        int ircTlsPort,
        boolean plain) {

    public static final Setting PORT = Setting.count("port", Protocol.DEFAULT_PORT, 0, 65535);
    /** OWASP's figure for PBKDF2-SHA256; lower only for tests and mass-registration benchmarks. */
    public static final Setting HASH_ITERATIONS =
            Setting.count("hash iterations", PasswordHasher.DEFAULT_ITERATIONS, 1, Integer.MAX_VALUE);
    public static final Setting MIN_PASSWORD_LENGTH = Setting.count("minimum password length", 8, 1, 1024);
    public static final Setting HISTORY_REPLAY = Setting.count("history replay", 50, 0, 100_000);
    public static final Setting HISTORY_LIMIT = Setting.count("history limit", 10_000, 1, 10_000_000);
    public static final Setting MAX_LINE_BYTES = Setting.count("line length limit", 4096, 16, 1 << 20);
    public static final Setting OUTBOX_LIMIT_BYTES =
            Setting.count("outbox limit", 1 << 20, 1024, Integer.MAX_VALUE);
    public static final Setting MAX_CLIENTS = Setting.count("client limit", 20_000, 1, 1_000_000);
    public static final Setting MAX_CLIENTS_PER_ADDRESS =
            Setting.count("per-address client limit", 20, 1, 1_000_000);
    /** Time to finish signing in; an hour at most, since holding a socket without signing in is the abuse. */
    public static final Setting SIGN_IN_TIMEOUT_SECONDS = Setting.seconds("sign-in timeout", 60, 1, 3600);
    /** Wrong passwords for one name within the window that lock it; 0 never locks. */
    public static final Setting LOGIN_FAILURES = Setting.count("login failures", 5, 0, 1_000_000);
    public static final Setting LOGIN_WINDOW_SECONDS = Setting.seconds("login window", 600, 1, 604_800);
    public static final Setting LOGIN_LOCKOUT_SECONDS = Setting.seconds("login lockout", 600, 1, 604_800);
    /** See {@link FloodLimits}: a burst of 10 lines, then 5 a second; warned after 10, cut off after 50. */
    public static final Setting FLOOD_BURST = Setting.count("flood burst", 10, 1, 1_000_000);
    public static final Setting FLOOD_RATE = Setting.count("flood rate", 5, 0, 1_000_000);
    public static final Setting FLOOD_WARN = Setting.count("flood warning", 10, 0, 1_000_000);
    public static final Setting FLOOD_DISCONNECT = Setting.count("flood disconnect", 50, 0, 1_000_000);
    /**
     * TCP keep-alive: idle time before the first probe (a dead peer is found about a minute later); 0
     * leaves it off. At most 32767 s, the largest TCP_KEEPIDLE Linux takes: a longer one failed every
     * client's socket.
     */
    public static final Setting KEEP_ALIVE_SECONDS = Setting.seconds("keep-alive", 60, 0, 32_767);
    /** A signed-in client silent this long is disconnected; 0 (the default) never is. A week at most. */
    public static final Setting IDLE_TIMEOUT_SECONDS = Setting.seconds("idle timeout", 0, 0, 604_800);
    /**
     * Shortest time between two writes to one busy client: lines queued meanwhile go out in one write.
     * A few milliseconds cost little latency and save most of the system calls in a busy room.
     */
    public static final Setting WRITE_COALESCE_MILLIS = Setting.millis("write coalescing", 5, 0, 1000);
    /**
     * Socket writes per second the server aims to stay under when every client is busy: with many
     * clients the interval between two writes to one client grows to clients / budget seconds. On this
     * kind of machine a loopback write costs a few microseconds of kernel time on each side.
     */
    public static final Setting WRITE_BUDGET = Setting.count("write budget", 250_000, 1_000, 100_000_000);

    /** The IRC endpoint's port (IRC's own); 0 takes a free one, {@link #IRC_OFF} has none. */
    public static final Setting IRC_PORT = Setting.count("IRC port", 6667, 0, 65535);
    /** No IRC endpoint. */
    public static final int IRC_OFF = -1;
    /** The room, as IRC clients see it. */
    public static final String DEFAULT_IRC_CHANNEL = "#switchboard";
    /** The line protocol over TLS; {@link #OFF} (-1) serves no TLS. */
    public static final Setting TLS_PORT = Setting.count("TLS port", Protocol.DEFAULT_TLS_PORT, 0, 65535);
    /** The port of a listener that is turned off ({@code --tls-port off}). */
    public static final int OFF = -1;
    /** IRC over TLS (IANA's ircs-u, 6697); {@link #OFF} serves none. */
    public static final Setting IRC_TLS_PORT = Setting.count("IRC TLS port", 6697, 0, 65535);

    public static final ServerMode DEFAULT_MODE = ServerMode.CHAT;
    public static final ThreadKind DEFAULT_THREADS = ThreadKind.VIRTUAL;
    /** The folder of the four files unless each is given: the current folder. */
    public static final Path DEFAULT_DATA_DIR = Path.of("");
    public static final LoginThrottle.Policy DEFAULT_LOGIN = new LoginThrottle.Policy(LOGIN_FAILURES.defaultValue(),
            LOGIN_WINDOW_SECONDS.defaultDuration(), LOGIN_LOCKOUT_SECONDS.defaultDuration());

    public ServerConfig {
        Objects.requireNonNull(mode);
        Objects.requireNonNull(usersFile);
        Objects.requireNonNull(logFile);
        Objects.requireNonNull(historyFile);
        Objects.requireNonNull(bansFile);
        Objects.requireNonNull(threads);
        Objects.requireNonNull(login);
        Objects.requireNonNull(flood);
        PORT.require(port);
        HASH_ITERATIONS.require(hashIterations);
        MIN_PASSWORD_LENGTH.require(minPasswordLength);
        HISTORY_REPLAY.require(historyReplay);
        HISTORY_LIMIT.require(historyLimit);
        MAX_LINE_BYTES.require(maxLineBytes);
        OUTBOX_LIMIT_BYTES.require(outboxLimitBytes);
        MAX_CLIENTS.require(maxClients);
        MAX_CLIENTS_PER_ADDRESS.require(maxClientsPerAddress);
        SIGN_IN_TIMEOUT_SECONDS.require(Objects.requireNonNull(signInTimeout));
        requireLogin(login.failures(), login.window(), login.lockout());
        KEEP_ALIVE_SECONDS.require(Objects.requireNonNull(keepAlive));
        IDLE_TIMEOUT_SECONDS.require(Objects.requireNonNull(idleTimeout));
        WRITE_COALESCE_MILLIS.require(Objects.requireNonNull(writeCoalesce));
        WRITE_BUDGET.require(writeBudget);
        if (ircPort != IRC_OFF) {
            IRC_PORT.require(ircPort);
        }
        requireChannel(Objects.requireNonNull(ircChannel));
        if (tlsPort != OFF) {
            TLS_PORT.require(tlsPort);
        }
        Objects.requireNonNull(tls);
        if (ircTlsPort != OFF) {
            IRC_TLS_PORT.require(ircTlsPort);
        }
        // (the parameters, not the accessors: the fields are not set yet in a compact constructor)
        if (!plain && tlsPort == OFF && (ircTlsPort == OFF || mode != ServerMode.CHAT)) {
            // a server with no port at all would start and serve nobody
            throw new IllegalArgumentException("every port is off: --plain off leaves only the TLS ports, and "
                    + (mode == ServerMode.CHAT ? "--tls-port and --irc-tls-port are off too"
                            : "--tls-port is off too (echo mode has no IRC)"));
        }
    }

    /** Whether the line protocol is served over TLS too. */
    public boolean tlsOn() {
        return tlsPort != OFF;
    }

    /** Whether the server has an IRC over TLS endpoint (chat mode, unless {@code --irc-tls-port off}). */
    public boolean ircTlsEnabled() {
        return ircTlsPort != OFF && mode == ServerMode.CHAT;
    }

    /** Whether any endpoint speaks TLS, so that a certificate is needed. */
    public boolean anyTls() {
        return tlsOn() || ircTlsEnabled();
    }

    /** An IRC channel name: {@code #} and 1 to 49 more characters, no space, comma, colon or control character. */
    private static void requireChannel(String channel) {
        boolean valid = channel.length() >= 2 && channel.length() <= 50 && channel.charAt(0) == '#'
                && channel.chars().allMatch(c -> c > ' ' && c != ',' && c != ':' && c != 0x7f);
        if (!valid) {
            throw new IllegalArgumentException("IRC channel must be # and 1 to 49 more characters, without spaces,"
                    + " commas or colons: " + channel);
        }
    }

    /** Whether the server has a plain IRC endpoint (chat mode, plain ports on, unless {@code --irc-port off}). */
    public boolean ircEnabled() {
        return plain && ircPort != IRC_OFF && mode == ServerMode.CHAT;
    }

    private static void requireLogin(int failures, Duration window, Duration lockout) {
        LOGIN_FAILURES.require(failures);
        if (failures > 0) {
            // a throttle that is off needs no window (LoginThrottle.Policy.OFF has none)
            LOGIN_WINDOW_SECONDS.require(window);
            LOGIN_LOCKOUT_SECONDS.require(lockout);
        }
    }

    /** Shortest time between two writes to one busy client, for {@code clients} clients connected. */
    public long writeIntervalNanos(int clients) {
        return Math.max(writeCoalesce.toNanos(), (long) clients * 1_000_000_000L / writeBudget);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.port = port;
        b.bindAddress = bindAddress;
        b.mode = mode;
        b.usersFile = usersFile;
        b.logFile = logFile;
        b.historyFile = historyFile;
        b.bansFile = bansFile;
        b.hashIterations = hashIterations;
        b.minPasswordLength = minPasswordLength;
        b.historyReplay = historyReplay;
        b.historyLimit = historyLimit;
        b.maxLineBytes = maxLineBytes;
        b.outboxLimitBytes = outboxLimitBytes;
        b.maxClients = maxClients;
        b.maxClientsPerAddress = maxClientsPerAddress;
        b.signInTimeout = signInTimeout;
        b.threads = threads;
        b.login = login;
        b.flood = flood;
        b.keepAlive = keepAlive;
        b.idleTimeout = idleTimeout;
        b.writeCoalesce = writeCoalesce;
        b.writeBudget = writeBudget;
        b.ircPort = ircPort;
        b.ircChannel = ircChannel;
        b.tlsPort = tlsPort;
        b.tls = tls;
        b.ircTlsPort = ircTlsPort;
        b.plain = plain;
        return b;
    }

    /** Collects settings; unset ones take the documented defaults. */
    public static final class Builder {
        private int port = PORT.defaultValue();
        private InetAddress bindAddress;
        private ServerMode mode = DEFAULT_MODE;
        private Path dataDir = DEFAULT_DATA_DIR;
        private Path usersFile;
        private Path logFile;
        private Path historyFile;
        private Path bansFile;
        private int hashIterations = HASH_ITERATIONS.defaultValue();
        private int minPasswordLength = MIN_PASSWORD_LENGTH.defaultValue();
        private int historyReplay = HISTORY_REPLAY.defaultValue();
        private int historyLimit = HISTORY_LIMIT.defaultValue();
        private int maxLineBytes = MAX_LINE_BYTES.defaultValue();
        private int outboxLimitBytes = OUTBOX_LIMIT_BYTES.defaultValue();
        private int maxClients = MAX_CLIENTS.defaultValue();
        private int maxClientsPerAddress = MAX_CLIENTS_PER_ADDRESS.defaultValue();
        private Duration signInTimeout = SIGN_IN_TIMEOUT_SECONDS.defaultDuration();
        private ThreadKind threads = DEFAULT_THREADS;
        private LoginThrottle.Policy login = DEFAULT_LOGIN;
        private FloodLimits flood = FloodLimits.DEFAULT;
        private Duration keepAlive = KEEP_ALIVE_SECONDS.defaultDuration();
        private Duration idleTimeout = IDLE_TIMEOUT_SECONDS.defaultDuration();
        private Duration writeCoalesce = WRITE_COALESCE_MILLIS.defaultDuration();
        private int writeBudget = WRITE_BUDGET.defaultValue();
        private int ircPort = IRC_PORT.defaultValue();
        private String ircChannel = DEFAULT_IRC_CHANNEL;
        private int tlsPort = TLS_PORT.defaultValue();
        private TlsFiles tls;
        private int ircTlsPort = IRC_TLS_PORT.defaultValue();
        private boolean plain = true;

        public Builder port(int value) {
            port = value;
            return this;
        }

        public Builder bindAddress(InetAddress value) {
            bindAddress = value;
            return this;
        }

        public Builder mode(ServerMode value) {
            mode = value;
            return this;
        }

        /** The folder of users.txt, server.log, history.txt and bans.txt unless each is given on its own. */
        public Builder dataDir(Path value) {
            dataDir = value;
            return this;
        }

        public Builder usersFile(Path value) {
            usersFile = value;
            return this;
        }

        public Builder logFile(Path value) {
            logFile = value;
            return this;
        }

        public Builder historyFile(Path value) {
            historyFile = value;
            return this;
        }

        /** The bans and mutes, {@code DIR/bans.txt} unless given. */
        public Builder bansFile(Path value) {
            bansFile = value;
            return this;
        }

        public Builder hashIterations(int value) {
            hashIterations = value;
            return this;
        }

        public Builder minPasswordLength(int value) {
            minPasswordLength = value;
            return this;
        }

        public Builder historyReplay(int value) {
            historyReplay = value;
            return this;
        }

        public Builder historyLimit(int value) {
            historyLimit = value;
            return this;
        }

        public Builder maxLineBytes(int value) {
            maxLineBytes = value;
            return this;
        }

        public Builder outboxLimitBytes(int value) {
            outboxLimitBytes = value;
            return this;
        }

        public Builder maxClients(int value) {
            maxClients = value;
            return this;
        }

        public Builder maxClientsPerAddress(int value) {
            maxClientsPerAddress = value;
            return this;
        }

        public Builder signInTimeout(Duration value) {
            signInTimeout = value;
            return this;
        }

        public Builder writeCoalesce(Duration value) {
            writeCoalesce = value;
            return this;
        }

        public Builder writeBudget(int value) {
            writeBudget = value;
            return this;
        }

        public Builder threads(ThreadKind value) {
            threads = value;
            return this;
        }

        /** Wrong passwords for one name within a window lock it for a while; see {@link LoginThrottle}. */
        public Builder login(LoginThrottle.Policy value) {
            login = value;
            return this;
        }

        /** The same from its three numbers, each checked against its setting before the rule is made. */
        public Builder login(int failures, Duration window, Duration lockout) {
            requireLogin(failures, window, lockout);
            return login(new LoginThrottle.Policy(failures, window, lockout));
        }

        /** The per-client line rate limit; {@link FloodLimits#OFF} for benchmarks. */
        public Builder flood(FloodLimits value) {
            flood = value;
            return this;
        }

        /** Idle time before TCP keep-alive probes start; zero leaves keep-alive off. */
        public Builder keepAlive(Duration value) {
            keepAlive = value;
            return this;
        }

        /** A signed-in client silent this long is disconnected; zero (the default) never does. */
        public Builder idleTimeout(Duration value) {
            idleTimeout = value;
            return this;
        }

        /** The IRC endpoint's port; 0 takes a free one, {@link #IRC_OFF} has none. */
        public Builder ircPort(int value) {
            ircPort = value;
            return this;
        }

        /** The room's name for IRC clients, {@code #switchboard} unless told. */
        public Builder ircChannel(String value) {
            ircChannel = value;
            return this;
        }

        /** The TLS endpoint's port: 0 takes a free one, {@link #OFF} serves no TLS. */
        public Builder tlsPort(int value) {
            tlsPort = value;
            return this;
        }

        /** The certificate's files; unset, the self-signed one in the data folder's {@code tls}. */
        public Builder tls(TlsFiles value) {
            tls = value;
            return this;
        }

        /** The IRC over TLS endpoint's port: 0 takes a free one, {@link #OFF} serves none. */
        public Builder ircTlsPort(int value) {
            ircTlsPort = value;
            return this;
        }

        /**
         * Whether the plain ports (the line protocol's and IRC's) listen; false serves TLS only, and then
         * {@link #port} and {@link #ircPort} are not used.
         */
        public Builder plain(boolean value) {
            plain = value;
            return this;
        }

        public ServerConfig build() {
            return new ServerConfig(port, bindAddress, mode,
                    usersFile != null ? usersFile : dataDir.resolve("users.txt"),
                    logFile != null ? logFile : dataDir.resolve("server.log"),
                    historyFile != null ? historyFile : dataDir.resolve("history.txt"),
                    bansFile != null ? bansFile : dataDir.resolve("bans.txt"),
                    hashIterations, minPasswordLength, historyReplay, historyLimit, maxLineBytes,
                    outboxLimitBytes, maxClients, maxClientsPerAddress, signInTimeout, threads,
                    login, flood, keepAlive, idleTimeout, writeCoalesce, writeBudget, ircPort, ircChannel, tlsPort,
                    tls != null ? tls : TlsFiles.selfSigned(dataDir.resolve("tls")), ircTlsPort, plain);
        }
    }
}
