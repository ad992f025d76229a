package org.switchboard.control;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.switchboard.auth.IdentityFileException;
import org.switchboard.log.LogEntry;
import org.switchboard.server.ChatServer;
import org.switchboard.server.DataFolderException;
import org.switchboard.server.EndpointBindException;
import org.switchboard.server.Limits;
import org.switchboard.server.ServerConfig;
import org.switchboard.server.ServerState;
import org.switchboard.server.ServerView;
import org.switchboard.server.TlsException;

/**
 * The one operator command set: the serve console types it, the control panel's buttons and command
 * field call it. Every command answers with a {@link Reply}; none throws for bad input.
 *
 * <p>Thread-safe as far as {@link ChatServer} is; may block (stop waits for clients to close), so the
 * control panel calls it off the FX thread.
 */
public final class Operator {
    /** Default count for {@code logs} without a number. */
    public static final int DEFAULT_LOG_LINES = 100;

    /** How many ports after a taken one {@link #startOnFreePortAfter} tries before taking any free port. */
    public static final int FREE_PORT_SEARCH = 100;

    private final ChatServer server;
    private final Readouts readouts;
    private final Moderation moderation;
    private final Accounts accounts;
    /** True for serve, whose program ends with stop: there, start can never apply and is not offered. */
    private final boolean stopEndsProgram;

    /** The commands of the control panel, whose server may be stopped and started again. */
    public Operator(ChatServer server) {
        this(server, false);
    }

    private Operator(ChatServer server, boolean stopEndsProgram) {
        this.server = server;
        this.readouts = new Readouts(server);
        this.moderation = new Moderation(server);
        this.accounts = new Accounts(server);
        this.stopEndsProgram = stopEndsProgram;
    }

    /** The commands of {@code serve}, where stop ends the program. */
    public static Operator forServe(ChatServer server) {
        return new Operator(server, true);
    }

    /** The list {@code help} answers with. */
    List<String> help() {
        return Commands.help(stopEndsProgram);
    }

    /** What the server shows, for the console and the panel to read and watch; the actions go through here. */
    public ServerView view() {
        return server;
    }

    /** The bans and mutes, for the panel's Ban…, Mute… and Bans tab (the commands dispatch there too). */
    public Moderation moderation() {
        return moderation;
    }

    /** Stops the server and closes it for good (the panel's window is closing). */
    public void shutdown() {
        server.close();
    }

    /**
     * The command a typed line runs, its aliases resolved ({@code quit}, {@code exit} and
     * {@code TurnOffServer} are all {@code stop}); "" for a blank line. Lets a front-end ask before a
     * command whose name does not say how far it reaches.
     */
    public static String commandName(String commandLine) {
        return Commands.name(commandLine);
    }

    /** Runs one command line as typed by the operator. */
    public Reply execute(String commandLine) {
        String line = commandLine.strip();
        if (line.isEmpty()) {
            return Reply.success();
        }
        String[] parts = line.split("\\s+", 2);
        String command = commandName(line);
        String argument = parts.length > 1 ? parts[1].strip() : "";
        return switch (command) {
            case "help", "?" -> Reply.success(help());
            case "status" -> status();
            case "users" -> users();
            case "pause" -> pause();
            case "resume" -> resume();
            case "start" -> argument.isEmpty() ? start() : start(argument);
            case "logs" -> logs(argument);
            case "clear-logs" -> clearLogs();
            case "accounts", "delete-user", "reset-password", "clear-users", "restore-users" ->
                    accounts.execute(command, argument);
            case "kick" -> kick(argument);
            case "ban" -> moderation.ban(argument);
            case "unban" -> moderation.unban(argument);
            case "bans" -> moderation.bans();
            case "mute" -> moderation.mute(argument);
            case "unmute" -> moderation.unmute(argument);
            case "say" -> say(argument);
            case "msg" -> msg(argument);
            case "stop" -> stop();
            case "limits" -> limits();
            case "tls" -> tls();
            case "reload-tls" -> reloadTls();
            default -> Reply.failure("Unknown command '" + parts[0] + "'. Type 'help' for the list.");
        };
    }

    /** {@code prefix} and the IRC port, or nothing for a server without one. */
    public Reply status() {
        return readouts.status();
    }

    /** The TLS port and the certificate in service: what a user compares the client's fingerprint with. */
    public Reply tls() {
        return readouts.tls();
    }

    /** Reads the certificate's files again; a new one that does not load or check out is refused. */
    public Reply reloadTls() {
        try {
            return Reply.success("TLS certificate reloaded: " + server.reloadTls()
                    + " (open connections keep the old one).");
        } catch (TlsException e) {
            return Reply.failure("TLS certificate not reloaded, the old one stays in service: " + e.getMessage());
        } catch (IllegalStateException e) {
            return Reply.failure("Nothing to reload: " + e.getMessage() + ".");
        }
    }

    public Reply users() {
        return readouts.users();
    }

    public Reply pause() {
        if (!server.pause()) {
            return Reply.failure("Cannot pause: the server is " + stateWord() + ".");
        }
        return Reply.success("Paused: port " + server.port() + " refuses new connections; signed-in users go on.");
    }

    public Reply resume() {
        try {
            if (!server.resume()) {
                return Reply.failure("Cannot resume: the server is " + stateWord() + ".");
            }
            return Reply.success("Listening again on port " + server.port() + ".");
        } catch (IOException e) {
            return Reply.failure("Cannot listen on port " + server.port() + ": " + e.getMessage());
        }
    }

    public Reply start() {
        return startWith(server::start);
    }

    /** Starts a stopped server on another port (0: any free one), e.g. when the configured one is taken. */
    public Reply start(int port) {
        if (server.state() != ServerState.STOPPED) {
            return alreadyRunning();
        }
        if (port < 0 || port > 65_535) {
            return Reply.failure("A port is a number from 0 to 65535 (0 takes a free one).");
        }
        return startWith(() -> server.start(port));
    }

    /**
     * Starts a stopped server on the first free port after {@code wanted} (the one that was taken), so
     * that it stays near the port people were told; past {@link #FREE_PORT_SEARCH} ports, on any free one.
     */
    public Reply startOnFreePortAfter(int wanted) {
        return startOnFreePortAfter(wanted, FREE_PORT_SEARCH);
    }

    Reply startOnFreePortAfter(int wanted, int search) {
        if (server.state() != ServerState.STOPPED) {
            return alreadyRunning();
        }
        if (wanted <= 0 || wanted > 65_535) {
            return start(0);
        }
        int last = Math.min(65_535, wanted + search);
        for (int port = wanted + 1; port <= last; port++) {
            // probe before starting: a failed start is logged as an error, and a hundred of them would
            // bury the log; a port taken between the probe and the start just moves on to the next
            if (isFree(port)) {
                try {
                    if (!server.start(port)) {
                        return alreadyRunning();
                    }
                    return Reply.success("Listening on port " + server.port() + " (" + wanted + " is taken).");
                } catch (IOException e) {
                    if (e instanceof EndpointBindException bind && bind.first()) {
                        continue; // taken between the probe and the start: the next one
                    }
                    return cannotStart(e); // another listener's port or the certificate: no port here mends it
                } catch (IdentityFileException e) {
                    return Reply.failure("Cannot read the identity file: " + e.getMessage(), Reply.Problem.DATA);
                } catch (DataFolderException e) {
                    return Reply.failure(e.getMessage(), Reply.Problem.DATA);
                }
            }
        }
        return start(0);
    }

    /** Whether the server could bind {@code port} now, bound as the server binds (same address, reuse). */
    private boolean isFree(int port) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(server.config().bindAddress(), port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** How a server is started, for {@link #startWith}. */
    private interface Starting {
        boolean run() throws IOException, IdentityFileException, DataFolderException;
    }

    private Reply startWith(Starting starting) {
        if (server.state() != ServerState.STOPPED) {
            return alreadyRunning();
        }
        try {
            if (!starting.run()) {
                return alreadyRunning();
            }
            return Reply.success("Listening on port " + server.port() + ".");
        } catch (IOException e) {
            return cannotStart(e);
        } catch (IdentityFileException e) {
            return Reply.failure("Cannot read the identity file: " + e.getMessage(), Reply.Problem.DATA);
        } catch (DataFolderException e) {
            return Reply.failure(e.getMessage(), Reply.Problem.DATA);
        }
    }

    /** Why binding the listeners failed, and whether starting on another first port could mend it. */
    private Reply cannotStart(IOException e) {
        if (e instanceof TlsException) {
            return Reply.failure("The TLS certificate cannot be used, so the server did not start: " + e.getMessage(),
                    Reply.Problem.DATA);
        }
        if (e instanceof EndpointBindException bind && !bind.first()) {
            return Reply.failure("Cannot listen on port " + bind.port() + " (" + bind.option() + "): "
                    + bind.getCause().getMessage() + ". Free that port, or start Switchboard again with "
                    + bind.remedy() + ".", Reply.Problem.OTHER_PORT);
        }
        // the server has taken the port it tried as its own, so that is the one named
        return Reply.failure("Cannot listen on port " + server.port() + ": " + e.getMessage(), Reply.Problem.PORT);
    }

    private Reply alreadyRunning() {
        return Reply.failure("The server is already " + stateWord() + ".");
    }

    private Reply start(String argument) {
        try {
            return start(Integer.parseInt(argument));
        } catch (NumberFormatException e) {
            return Reply.failure("Usage: start [PORT], PORT a number from 0 to 65535.");
        }
    }

    public Reply logs(String argument) {
        int count = DEFAULT_LOG_LINES;
        if (!argument.isEmpty()) {
            Optional<Integer> parsed = positive(argument);
            if (parsed.isEmpty()) {
                return Reply.failure("Usage: logs [N], N a positive number.");
            }
            count = parsed.get();
        }
        List<LogEntry> entries = server.log().tail(count);
        if (entries.isEmpty()) {
            return Reply.success("The activity log is empty.");
        }
        return Reply.success(entries.stream().map(e -> e.format(server.log().zone())).toList());
    }

    public Reply clearLogs() {
        try {
            server.clearLogs();
            return Reply.success("Logs cleared.");
        } catch (IdentityFileException e) {
            return Reply.failure("Cannot read the identity file: " + e.getMessage());
        } catch (DataFolderException e) {
            return Reply.failure("Cannot clear the logs: " + e.getMessage());
        } catch (UncheckedIOException e) {
            return Reply.failure("Cannot clear the logs: " + e.getCause().getMessage());
        }
    }

    /** The account commands (list, delete, reset a password, clear and restore the identity file). */
    public Accounts accounts() {
        return accounts;
    }

    public Reply clearUsers() {
        return accounts.clearUsers();
    }

    public Reply kick(String argument) {
        if (argument.isEmpty()) {
            return Reply.failure("Usage: kick NAME [REASON]");
        }
        String[] parts = argument.split("\\s+", 2);
        return kick(parts[0], parts.length > 1 ? parts[1] : "");
    }

    /** Disconnects one user, telling them the reason (may be blank). */
    public Reply kick(String name, String reason) {
        return server.kick(name, reason.strip())
                .map(user -> Reply.success("Kicked " + user.name() + " (" + user.address() + ")."))
                .orElseGet(() -> Reply.failure("Nobody called '" + name + "' is signed in."));
    }

    public Reply say(String text) {
        if (text.isBlank()) {
            return Reply.failure("Usage: say TEXT");
        }
        if (server.state() == ServerState.STOPPED) {
            return Reply.failure("Cannot announce: the server is stopped.");
        }
        server.announce(text);
        return Reply.success("Announced to " + server.users().size() + " user(s).");
    }

    /** {@code msg NAME TEXT}: a private line from the server to one signed-in user. */
    public Reply msg(String argument) {
        String[] parts = argument.split("\\s+", 2);
        if (parts.length < 2 || parts[1].isBlank()) {
            return Reply.failure("Usage: msg NAME TEXT");
        }
        return msg(parts[0], parts[1]);
    }

    public Reply msg(String name, String text) {
        if (text.isBlank()) {
            return Reply.failure("Usage: msg NAME TEXT");
        }
        if (server.state() == ServerState.STOPPED) {
            return Reply.failure("Cannot send: the server is stopped.");
        }
        return server.tell(name, text.strip())
                .map(user -> Reply.success("Sent to " + user.name() + " privately."))
                .orElseGet(() -> Reply.failure("Nobody called '" + name + "' is signed in."));
    }

    /** The limits in force, one line. */
    public Reply limits() {
        return Reply.success("Limits: " + Limits.describe(server.config()));
    }

    /** New limits for the next start; only while the server is stopped. */
    public Reply reconfigure(ServerConfig next) {
        if (server.state() != ServerState.STOPPED) {
            return Reply.failure("Stop the server before changing its limits.");
        }
        try {
            server.reconfigure(next);
            return Reply.success("Limits changed; they apply from the next start.");
        } catch (IllegalArgumentException | IllegalStateException e) {
            return Reply.failure("Cannot change the limits: " + e.getMessage());
        }
    }

    public Reply stop() {
        return new Reply(List.of(server.stop() ? "Server stopped." : "The server was stopped already."), true, true);
    }

    private String stateWord() {
        return server.state().name().toLowerCase(Locale.ROOT);
    }

    private static Optional<Integer> positive(String text) {
        try {
            int value = Integer.parseInt(text);
            return value > 0 ? Optional.of(value) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
