package org.switchboard.app;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import org.switchboard.auth.LoginThrottle;
import org.switchboard.auth.PasswordHasher;
import org.switchboard.protocol.Protocol;
import org.switchboard.server.FloodLimits;
import org.switchboard.server.ServerConfig;
import org.switchboard.server.ServerMode;
import org.switchboard.server.ThreadKind;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** The server's command-line options, shared by {@code serve} and the control panel. */
final class ServerOptions {
    @Option(names = {"-p", "--port"}, paramLabel = "N",
            description = "TCP port to listen on; 0 takes a free one (default: ${DEFAULT-VALUE}).")
    int port = Protocol.DEFAULT_PORT;

    @Option(names = "--bind", paramLabel = "ADDR",
            description = "Address to listen on (default: all interfaces).")
    InetAddress bind;

    @Option(names = "--mode", paramLabel = "chat|echo",
            description = "chat: sign-in and chat room; echo: every line comes back (default: chat).")
    ServerMode mode = ServerMode.CHAT;

    @Option(names = {"-d", "--data-dir"}, paramLabel = "DIR",
            description = {"Folder of users.txt, server.log and history.txt, created if missing (default: the"
                + " current folder; installed, the user's data folder:", "  $XDG_DATA_HOME/switchboard, else",
                "  $HOME/.local/share/switchboard)."})
    Path dataDir = DefaultDataFolder.forThisProcess();

    @Option(names = "--users", paramLabel = "FILE", description = "Identity file (default: DIR/users.txt).")
    Path usersFile;

    @Option(names = "--log", paramLabel = "FILE", description = "Activity log (default: DIR/server.log).")
    Path logFile;

    @Option(names = "--history", paramLabel = "FILE", description = "Chat history (default: DIR/history.txt).")
    Path historyFile;

    @Option(names = "--hash-iterations", paramLabel = "N",
            description = "PBKDF2 iterations for new password hashes (default: ${DEFAULT-VALUE}, OWASP's figure;"
                    + " lower only for tests and mass-registration benchmarks).")
    int hashIterations = PasswordHasher.DEFAULT_ITERATIONS;

    @Option(names = "--min-password-length", paramLabel = "N",
            description = "Shortest password accepted at registration (default: ${DEFAULT-VALUE}).")
    int minPasswordLength = 8;

    @Option(names = "--history-replay", paramLabel = "N",
            description = "History lines replayed to a user who signs in (default: ${DEFAULT-VALUE}).")
    int historyReplay = 50;

    @Option(names = "--history-limit", paramLabel = "N",
            description = "History lines kept in memory and in the file (default: ${DEFAULT-VALUE}).")
    int historyLimit = 10_000;

    @Option(names = "--max-line-bytes", paramLabel = "N",
            description = "Longest line a client may send, in bytes of UTF-8 (default: ${DEFAULT-VALUE}).")
    int maxLineBytes = 4096;

    @Option(names = "--outbox-limit", paramLabel = "BYTES",
            description = "Bytes due to a client and not yet sent before it counts as not reading and is disconnected"
                    + " (default: ${DEFAULT-VALUE}).")
    int outboxLimit = 1 << 20;

    @Option(names = "--max-clients", paramLabel = "N",
            description = "Connections at once, in all (default: ${DEFAULT-VALUE}).")
    int maxClients = 20_000;

    @Option(names = "--max-per-address", paramLabel = "N",
            description = "Connections at once from one IP address (default: ${DEFAULT-VALUE}).")
    int maxPerAddress = 20;

    @Option(names = "--sign-in-timeout", paramLabel = "SECONDS",
            description = "Time a client has to finish signing in (default: ${DEFAULT-VALUE}).")
    int signInTimeoutSeconds = 60;

    @Option(names = "--login-failures", paramLabel = "N",
            description = "Wrong passwords for one name, within the login window, that lock the name;"
                    + " 0 never locks (default: ${DEFAULT-VALUE}).")
    int loginFailures = LoginThrottle.Policy.DEFAULT.failures();

    @Option(names = "--login-window", paramLabel = "SECONDS",
            description = "Window in which wrong passwords are counted (default: ${DEFAULT-VALUE}).")
    long loginWindowSeconds = LoginThrottle.Policy.DEFAULT.window().toSeconds();

    @Option(names = "--login-lockout", paramLabel = "SECONDS",
            description = "How long a name stays locked (default: ${DEFAULT-VALUE}).")
    long loginLockoutSeconds = LoginThrottle.Policy.DEFAULT.lockout().toSeconds();

    @Option(names = "--flood-rate", paramLabel = "N",
            description = "Lines a second one client may send once its burst is spent; 0 turns flood control"
                    + " off (default: ${DEFAULT-VALUE}).")
    int floodRate = FloodLimits.DEFAULT.ratePerSecond();

    @Option(names = "--flood-burst", paramLabel = "N",
            description = "Lines a client may send at once before the rate applies (default: ${DEFAULT-VALUE}).")
    int floodBurst = FloodLimits.DEFAULT.burst();

    @Option(names = "--flood-warn", paramLabel = "N",
            description = "Delayed lines in a row before the client is warned (default: ${DEFAULT-VALUE}).")
    int floodWarn = FloodLimits.DEFAULT.warnAfter();

    @Option(names = "--flood-disconnect", paramLabel = "N",
            description = "Delayed lines in a row before the client is disconnected; 0 never"
                    + " (default: ${DEFAULT-VALUE}).")
    int floodDisconnect = FloodLimits.DEFAULT.disconnectAfter();

    @Option(names = "--keepalive", paramLabel = "SECONDS",
            description = "Idle seconds before TCP keep-alive probes look for a dead peer; 0 turns them off"
                    + " (default: ${DEFAULT-VALUE}).")
    long keepAliveSeconds = ServerConfig.DEFAULT_KEEP_ALIVE.toSeconds();

    @Option(names = "--idle-timeout", paramLabel = "SECONDS",
            description = "Disconnect a signed-in client silent this long; 0 never (default: ${DEFAULT-VALUE}).")
    long idleTimeoutSeconds = 0;

    @Option(names = "--threads", paramLabel = "virtual|platform",
            description = "The thread each client gets: virtual, or a platform thread (default: virtual).")
    ThreadKind threads = ThreadKind.VIRTUAL;

    @Option(names = "--write-coalesce-ms", paramLabel = "MS",
            description = "Shortest time between two writes to one busy client; lines queued meanwhile go out"
                    + " in one write. 0: as often as the writers can, at most every millisecond"
                    + " (default: ${DEFAULT-VALUE}).")
    int writeCoalesceMillis = (int) ServerConfig.DEFAULT_WRITE_COALESCE.toMillis();

    @Option(names = "--write-budget", paramLabel = "N",
            description = "Socket writes per second the server aims to stay under when every client is busy;"
                    + " with many clients a busy client's writes are spaced clients/N seconds apart"
                    + " (default: ${DEFAULT-VALUE}).")
    int writeBudget = ServerConfig.DEFAULT_WRITE_BUDGET;

    /** The configuration; a value out of range is a usage error of {@code command} (exit code 2). */
    ServerConfig toConfig(CommandSpec command) {
        try {
            return toConfig();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(command.commandLine(), e.getMessage(), e);
        }
    }

    ServerConfig toConfig() {
        return ServerConfig.builder()
                .port(port)
                .bindAddress(bind)
                .mode(mode)
                .dataDir(dataDir)
                .usersFile(usersFile)
                .logFile(logFile)
                .historyFile(historyFile)
                .hashIterations(hashIterations)
                .minPasswordLength(minPasswordLength)
                .historyReplay(historyReplay)
                .historyLimit(historyLimit)
                .maxLineBytes(maxLineBytes)
                .outboxLimitBytes(outboxLimit)
                .maxClients(maxClients)
                .maxClientsPerAddress(maxPerAddress)
                .signInTimeout(Duration.ofSeconds(signInTimeoutSeconds))
                .threads(threads)
                .login(new LoginThrottle.Policy(loginFailures, Duration.ofSeconds(loginWindowSeconds),
                        Duration.ofSeconds(loginLockoutSeconds)))
                .flood(new FloodLimits(floodBurst, floodRate, floodWarn, floodDisconnect))
                .keepAlive(Duration.ofSeconds(keepAliveSeconds))
                .idleTimeout(Duration.ofSeconds(idleTimeoutSeconds))
                .writeCoalesce(Duration.ofMillis(writeCoalesceMillis))
                .writeBudget(writeBudget)
                .build();
    }
}
