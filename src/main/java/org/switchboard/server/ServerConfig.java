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
 * documented ones (README.md, "Configuration").
 */
public record ServerConfig(
        int port,
        InetAddress bindAddress,
        ServerMode mode,
        Path usersFile,
        Path logFile,
        Path historyFile,
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
        int writeBudget) {

    /** TCP keep-alive: idle time before the first probe (a dead peer is found about a minute later). */
    public static final Duration DEFAULT_KEEP_ALIVE = Duration.ofSeconds(60);

    public ServerConfig {
        Objects.requireNonNull(mode);
        Objects.requireNonNull(usersFile);
        Objects.requireNonNull(logFile);
        Objects.requireNonNull(historyFile);
        Objects.requireNonNull(signInTimeout);
        Objects.requireNonNull(threads);
        Objects.requireNonNull(login);
        Objects.requireNonNull(flood);
        Objects.requireNonNull(keepAlive);
        Objects.requireNonNull(idleTimeout);
        if (signInTimeout.isNegative() || signInTimeout.isZero()) {
            throw new IllegalArgumentException("sign-in timeout must be positive, not " + signInTimeout);
        }
        if (keepAlive.isNegative() || idleTimeout.isNegative()) {
            throw new IllegalArgumentException("keep-alive and idle timeout cannot be negative");
        }
        Objects.requireNonNull(writeCoalesce);
        if (writeCoalesce.isNegative() || writeCoalesce.compareTo(Duration.ofSeconds(1)) > 0) {
            throw new IllegalArgumentException("write coalescing must be between 0 and 1000 ms, not "
                    + writeCoalesce.toMillis() + " ms");
        }
        requireRange("port", port, 0, 65535);
        requireRange("hash iterations", hashIterations, 1, Integer.MAX_VALUE);
        requireRange("minimum password length", minPasswordLength, 1, 1024);
        requireRange("history replay", historyReplay, 0, 100_000);
        requireRange("history limit", historyLimit, 1, 10_000_000);
        requireRange("line length limit", maxLineBytes, 16, 1 << 20);
        requireRange("outbox limit", outboxLimitBytes, 1024, Integer.MAX_VALUE);
        requireRange("client limit", maxClients, 1, 1_000_000);
        requireRange("per-address client limit", maxClientsPerAddress, 1, 1_000_000);
        requireRange("write budget", writeBudget, 1_000, 100_000_000);
    }

    private static void requireRange(String what, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(what + " must be between " + min + " and " + max + ", not " + value);
        }
    }

    /**
     * Shortest time between two writes to one busy client: lines queued meanwhile go out in one write.
     * A few milliseconds cost little latency and save most of the system calls in a busy room.
     */
    public static final Duration DEFAULT_WRITE_COALESCE = Duration.ofMillis(5);

    /**
     * Socket writes per second the server aims to stay under when every client is busy: with many
     * clients the interval between two writes to one client grows to clients / budget seconds. On this
     * kind of machine a loopback write costs a few microseconds of kernel time on each side.
     */
    public static final int DEFAULT_WRITE_BUDGET = 250_000;

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
        return b;
    }

    /** Collects settings; unset ones take the documented defaults. */
    public static final class Builder {
        private int port = Protocol.DEFAULT_PORT;
        private InetAddress bindAddress;
        private ServerMode mode = ServerMode.CHAT;
        private Path dataDir = Path.of("");
        private Path usersFile;
        private Path logFile;
        private Path historyFile;
        private int hashIterations = PasswordHasher.DEFAULT_ITERATIONS;
        private int minPasswordLength = 8;
        private int historyReplay = 50;
        private int historyLimit = 10_000;
        private int maxLineBytes = 4096;
        private int outboxLimitBytes = 1 << 20;
        private int maxClients = 20_000;
        private int maxClientsPerAddress = 20;
        private Duration signInTimeout = Duration.ofSeconds(60);
        private ThreadKind threads = ThreadKind.VIRTUAL;
        private LoginThrottle.Policy login = LoginThrottle.Policy.DEFAULT;
        private FloodLimits flood = FloodLimits.DEFAULT;
        private Duration keepAlive = DEFAULT_KEEP_ALIVE;
        private Duration idleTimeout = Duration.ZERO;
        private Duration writeCoalesce = DEFAULT_WRITE_COALESCE;
        private int writeBudget = DEFAULT_WRITE_BUDGET;

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

        /** The folder of users.txt, server.log and history.txt unless each is given on its own. */
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

        public ServerConfig build() {
            return new ServerConfig(port, bindAddress, mode,
                    usersFile != null ? usersFile : dataDir.resolve("users.txt"),
                    logFile != null ? logFile : dataDir.resolve("server.log"),
                    historyFile != null ? historyFile : dataDir.resolve("history.txt"),
                    hashIterations, minPasswordLength, historyReplay, historyLimit, maxLineBytes,
                    outboxLimitBytes, maxClients, maxClientsPerAddress, signInTimeout, threads,
                    login, flood, keepAlive, idleTimeout, writeCoalesce, writeBudget);
        }
    }
}
