package org.switchboard.app;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import org.switchboard.server.FloodLimits;
import org.switchboard.server.ServerConfig;
import org.switchboard.server.ServerMode;
import org.switchboard.server.Setting;
import org.switchboard.server.ThreadKind;
import org.switchboard.server.TlsFiles;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The server's command-line options, shared by {@code serve} and the control panel. Every default is
 * {@link ServerConfig}'s (its {@code Setting}s), shown by {@code --help} through {@code ${DEFAULT-VALUE}};
 * ranges are checked once, by {@link ServerConfig}, whose message becomes the usage error.
 */
final class ServerOptions {
    @Option(names = {"-p", "--port"}, paramLabel = "N",
            description = "TCP port to listen on; 0 takes a free one (default: ${DEFAULT-VALUE}).")
    int port = ServerConfig.PORT.defaultValue();

    /** A word or a number, so not an int: {@link #ircPort(String)} reads it. */
    @Option(names = "--irc-port", paramLabel = "N|off",
            description = "Port for IRC clients; 0 takes a free one, off has none (default: ${DEFAULT-VALUE}).")
    String ircPort = String.valueOf(ServerConfig.IRC_PORT.defaultValue());

    @Option(names = "--irc-channel", paramLabel = "#NAME",
            description = "The room's name for IRC clients (default: ${DEFAULT-VALUE}).")
    String ircChannel = ServerConfig.DEFAULT_IRC_CHANNEL;

    @Option(names = "--bind", paramLabel = "ADDR",
            description = "Address to listen on (default: all interfaces).")
    InetAddress bind;

    @Option(names = "--mode", paramLabel = "chat|echo",
            description = "chat: sign-in and chat room; echo: every line comes back (default: chat).")
    ServerMode mode = ServerConfig.DEFAULT_MODE;

    @Option(names = {"-d", "--data-dir"}, paramLabel = "DIR",
            description = {"Folder of users.txt, server.log, history.txt and bans.txt, created if missing (default: the"
                + " current folder; installed, the user's data folder:", "  $XDG_DATA_HOME/switchboard, else",
                "  $HOME/.local/share/switchboard)."})
    Path dataDir = DefaultDataFolder.forThisProcess();

    @Option(names = "--users", paramLabel = "FILE", description = "Identity file (default: DIR/users.txt); clear-users keeps its backups beside it.")
    Path usersFile;

    @Option(names = "--log", paramLabel = "FILE", description = "Activity log (default: DIR/server.log).")
    Path logFile;

    @Option(names = "--history", paramLabel = "FILE", description = "Chat history (default: DIR/history.txt).")
    Path historyFile;

    @Option(names = "--bans", paramLabel = "FILE", description = "Bans and mutes (default: DIR/bans.txt).")
    Path bansFile;

    @Option(names = "--hash-iterations", paramLabel = "N",
            description = "PBKDF2 iterations for new password hashes (default: ${DEFAULT-VALUE}, OWASP's figure;"
                    + " lower only for tests and mass-registration benchmarks).")
    int hashIterations = ServerConfig.HASH_ITERATIONS.defaultValue();

    @Option(names = "--min-password-length", paramLabel = "N",
            description = "Shortest password accepted at registration (default: ${DEFAULT-VALUE}).")
    int minPasswordLength = ServerConfig.MIN_PASSWORD_LENGTH.defaultValue();

    @Option(names = "--history-replay", paramLabel = "N",
            description = "History lines replayed to a user who signs in (default: ${DEFAULT-VALUE}).")
    int historyReplay = ServerConfig.HISTORY_REPLAY.defaultValue();

    @Option(names = "--history-limit", paramLabel = "N",
            description = "History lines kept in memory and in the file (default: ${DEFAULT-VALUE}).")
    int historyLimit = ServerConfig.HISTORY_LIMIT.defaultValue();

    @Option(names = "--max-line-bytes", paramLabel = "N",
            description = "Longest line a client may send, in bytes of UTF-8 (default: ${DEFAULT-VALUE}).")
    int maxLineBytes = ServerConfig.MAX_LINE_BYTES.defaultValue();

    @Option(names = "--outbox-limit", paramLabel = "BYTES",
            description = "Bytes due to a client and not yet sent before it counts as not reading and is disconnected"
                    + " (default: ${DEFAULT-VALUE}).")
    int outboxLimit = ServerConfig.OUTBOX_LIMIT_BYTES.defaultValue();

    @Option(names = "--max-clients", paramLabel = "N",
            description = "Connections at once, in all (default: ${DEFAULT-VALUE}).")
    int maxClients = ServerConfig.MAX_CLIENTS.defaultValue();

    @Option(names = "--max-per-address", paramLabel = "N",
            description = "Connections at once from one IP address (default: ${DEFAULT-VALUE}).")
    int maxPerAddress = ServerConfig.MAX_CLIENTS_PER_ADDRESS.defaultValue();

    @Option(names = "--sign-in-timeout", paramLabel = "SECONDS",
            description = "Time a client has to finish signing in (default: ${DEFAULT-VALUE}).")
    long signInTimeoutSeconds = ServerConfig.SIGN_IN_TIMEOUT_SECONDS.defaultValue();

    @Option(names = "--login-failures", paramLabel = "N",
            description = "Wrong passwords for one name, within the login window, that lock the name;"
                    + " 0 never locks (default: ${DEFAULT-VALUE}).")
    int loginFailures = ServerConfig.LOGIN_FAILURES.defaultValue();

    @Option(names = "--login-window", paramLabel = "SECONDS",
            description = "Window in which wrong passwords are counted (default: ${DEFAULT-VALUE}).")
    long loginWindowSeconds = ServerConfig.LOGIN_WINDOW_SECONDS.defaultValue();

    @Option(names = "--login-lockout", paramLabel = "SECONDS",
            description = "How long a name stays locked (default: ${DEFAULT-VALUE}).")
    long loginLockoutSeconds = ServerConfig.LOGIN_LOCKOUT_SECONDS.defaultValue();

    @Option(names = "--flood-rate", paramLabel = "N",
            description = "Lines a second one client may send once its burst is spent; 0 turns flood control"
                    + " off (default: ${DEFAULT-VALUE}).")
    int floodRate = ServerConfig.FLOOD_RATE.defaultValue();

    @Option(names = "--flood-burst", paramLabel = "N",
            description = "Lines a client may send at once before the rate applies (default: ${DEFAULT-VALUE}).")
    int floodBurst = ServerConfig.FLOOD_BURST.defaultValue();

    @Option(names = "--flood-warn", paramLabel = "N",
            description = "Delayed lines in a row before the client is warned (default: ${DEFAULT-VALUE}).")
    int floodWarn = ServerConfig.FLOOD_WARN.defaultValue();

    @Option(names = "--flood-disconnect", paramLabel = "N",
            description = "Delayed lines in a row before the client is disconnected; 0 never"
                    + " (default: ${DEFAULT-VALUE}).")
    int floodDisconnect = ServerConfig.FLOOD_DISCONNECT.defaultValue();

    @Option(names = "--keepalive", paramLabel = "SECONDS",
            description = "Idle seconds before TCP keep-alive probes look for a dead peer; 0 turns them off"
                    + " (default: ${DEFAULT-VALUE}).")
    long keepAliveSeconds = ServerConfig.KEEP_ALIVE_SECONDS.defaultValue();

    @Option(names = "--idle-timeout", paramLabel = "SECONDS",
            description = "Disconnect a signed-in client silent this long; 0 never (default: ${DEFAULT-VALUE}).")
    long idleTimeoutSeconds = ServerConfig.IDLE_TIMEOUT_SECONDS.defaultValue();

    @Option(names = "--threads", paramLabel = "virtual|platform",
            description = "The thread each client gets: virtual, or a platform thread (default: virtual).")
    ThreadKind threads = ServerConfig.DEFAULT_THREADS;

    @Option(names = "--write-coalesce-ms", paramLabel = "MS",
            description = "Shortest time between two writes to one busy client; lines queued meanwhile go out"
                    + " in one write. 0: as often as the writers can, at most every millisecond"
                    + " (default: ${DEFAULT-VALUE}).")
    int writeCoalesceMillis = ServerConfig.WRITE_COALESCE_MILLIS.defaultValue();

    @Option(names = "--write-budget", paramLabel = "N",
            description = "Socket writes per second the server aims to stay under when every client is busy;"
                    + " with many clients a busy client's writes are spaced clients/N seconds apart"
                    + " (default: ${DEFAULT-VALUE}).")
    int writeBudget = ServerConfig.WRITE_BUDGET.defaultValue();

    /** {@code off}, or a port number in the range of {@link ServerConfig#IRC_PORT}. */
    static int ircPort(String value) {
        if (value.equalsIgnoreCase("off")) {
            return ServerConfig.IRC_OFF;
        }
        try {
            return ServerConfig.IRC_PORT.require(Long.parseLong(value));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("IRC port must be a port number or off, not '" + value + "'", e);
        }
    }
    @Option(names = "--tls-port", paramLabel = "N|off",
            description = "Port of the line protocol over TLS; 0 takes a free one, off has none"
                    + " (default: ${DEFAULT-VALUE}).")
    String tlsPort = Integer.toString(ServerConfig.TLS_PORT.defaultValue());

    @Option(names = "--irc-tls-port", paramLabel = "N|off",
            description = "Port for IRC clients over TLS; 0 takes a free one, off has none (default: ${DEFAULT-VALUE}).")
    String ircTlsPort = Integer.toString(ServerConfig.IRC_TLS_PORT.defaultValue());

    @Option(names = "--plain", paramLabel = "on|off",
            description = "off: serve TLS only, with no plain port for the line protocol (--port) nor IRC"
                    + " (--irc-port) (default: ${DEFAULT-VALUE}).")
    String plain = "on";

    @Option(names = "--tls-cert", paramLabel = "FILE",
            description = "TLS certificate chain, PEM, leaf first (Let's Encrypt's fullchain.pem); with --tls-key."
                    + " Without it or --tls-keystore: a self-signed certificate made once in DIR/tls.")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE",
            description = "Its private key, PEM: PKCS#8 or the traditional RSA/EC form (Let's Encrypt's privkey.pem).")
    Path tlsKey;

    @Option(names = "--tls-keystore", paramLabel = "FILE",
            description = "TLS certificate and key in a PKCS12 keystore, instead of --tls-cert and --tls-key.")
    Path tlsKeystore;

    @Option(names = "--tls-keystore-password-file", paramLabel = "FILE",
            description = "File whose first line is the keystore's password (else the environment variable "
                    + TlsFiles.PASSWORD_VARIABLE + "; never on the command line).")
    Path tlsKeystorePasswordFile;

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
                .bansFile(bansFile)
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
                .login(loginFailures, Duration.ofSeconds(loginWindowSeconds), Duration.ofSeconds(loginLockoutSeconds))
                .flood(new FloodLimits(floodBurst, floodRate, floodWarn, floodDisconnect))
                .keepAlive(Duration.ofSeconds(keepAliveSeconds))
                .idleTimeout(Duration.ofSeconds(idleTimeoutSeconds))
                .writeCoalesce(Duration.ofMillis(writeCoalesceMillis))
                .writeBudget(writeBudget)
                .ircPort(ircPort(ircPort))
                .ircChannel(ircChannel)
                .tlsPort(tlsPortNumber("--tls-port", tlsPort, ServerConfig.TLS_PORT))
                .ircTlsPort(tlsPortNumber("--irc-tls-port", ircTlsPort, ServerConfig.IRC_TLS_PORT))
                .plain(plainOn())
                .tls(tlsCert == null && tlsKey == null && tlsKeystore == null && tlsKeystorePasswordFile == null ? null
                        : new TlsFiles(tlsCert, tlsKey, tlsKeystore, tlsKeystorePasswordFile, dataDir.resolve("tls")))
                .build();
    }

    /** {@code value} of a TLS port's {@code option}: {@code off}, or a number in {@code setting}'s range. */
    private static int tlsPortNumber(String option, String value, Setting setting) {
        if ("off".equalsIgnoreCase(value)) {
            return ServerConfig.OFF;
        }
        try {
            // checked here: -1 would otherwise pass for off
            return setting.require(Long.parseLong(value));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " takes a port number (0 for any free one) or off, not '"
                    + value + "'");
        }
    }

    private boolean plainOn() {
        if (plain.equalsIgnoreCase("on")) {
            return true;
        }
        if (plain.equalsIgnoreCase("off")) {
            return false;
        }
        throw new IllegalArgumentException("--plain takes on or off, not '" + plain + "'");
    }
}
