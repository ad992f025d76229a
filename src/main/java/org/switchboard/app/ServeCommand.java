package org.switchboard.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.switchboard.auth.IdentityFileException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.Signals;
import org.switchboard.console.Keyboard;
import org.switchboard.console.OperatorConsole;
import org.switchboard.control.Operator;
import org.switchboard.server.ChatServer;
import org.switchboard.server.DataFolderException;
import org.switchboard.server.EndpointBindException;
import org.switchboard.server.ServerConfig;
import org.switchboard.server.TlsException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code switchboard serve}: the server without a screen, operated from standard input. */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run the server without a screen and read operator commands from standard input: help,"
                + " status, users (or who), pause, resume, logs, clear-logs, accounts, delete-user, reset-password,"
                + " clear-users, restore-users, kick, say, msg, limits, and stop (or quit, exit), which stops the server and ends the program.",
            "The end of piped input does not stop it, so it can run with </dev/null under a service manager."
                + " SIGTERM or Ctrl-C (on a terminal, Ctrl-D too) stops it cleanly as stop does, with exit code 0."})
final class ServeCommand implements Callable<Integer> {
    @Mixin
    ServerOptions server;

    @Spec
    CommandSpec spec;

    @Option(names = {"-q", "--quiet"}, description = "Do not print the activity log as it grows.")
    boolean quiet;

    @Override
    public Integer call() throws IOException {
        ServerConfig config = server.toConfig(spec);
        ChatServer chat = new ChatServer(config);
        try {
            chat.start();
        } catch (EndpointBindException e) {
            System.err.println("switchboard: cannot listen on " + (e.irc() ? "IRC " : "")
                    + (e.encrypted() ? "TLS " : "") + "port " + e.port() + ": " + e.getCause().getMessage()
                    + (e.inUse() ? " (is another server running? start again with " + e.remedy() + ")" : ""));
            chat.close();
            return 1;
        } catch (TlsException e) {
            System.err.println("switchboard: the TLS certificate cannot be used, so the server did not start: "
                    + e.getMessage());
            chat.close();
            return 1;
        } catch (IOException e) {
            System.err.println("switchboard: cannot listen on port " + config.port() + ": " + e.getMessage());
            chat.close();
            return 1;
        } catch (DataFolderException e) {
            System.err.println("switchboard: " + e.getMessage());
            chat.close();
            return 1;
        } catch (IdentityFileException e) {
            System.err.println("switchboard: the identity file cannot be read, so the server did not start"
                    + " (the file was left as it is):");
            System.err.println("  " + e.getMessage());
            chat.close();
            return 1;
        }
        Thread hook = new Thread(chat::close, "switchboard-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        String banner = ports(config, chat)
                + "Switchboard " + Main.version() + ", " + config.mode().name().toLowerCase() + " mode, data in "
                + config.usersFile().toAbsolutePath().getParent() + ". Type 'help' for commands.";
        runConsole(Operator.forServe(chat), banner);
        chat.close();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // already shutting down
        }
        return 0;
    }

    /**
     * One line per port, each ended by a line break. The first stays "Listening on port N" while there is
     * a plain port: scripts read the plain port from it. The certificate's fingerprint goes with the first
     * TLS port (both TLS ports serve the same certificate).
     */
    private static String ports(ServerConfig config, ChatServer chat) {
        String nl = System.lineSeparator();
        StringBuilder out = new StringBuilder();
        if (config.plain()) {
            out.append("Listening on port ").append(chat.port()).append(nl);
            chat.ircPort().ifPresent(p -> out.append("IRC on port ").append(p).append(nl));
        } else {
            out.append("TLS only (--plain off): no plain port for the line protocol or IRC").append(nl);
        }
        String certificate = ", certificate " + chat.tlsFingerprint();
        if (config.tlsOn()) {
            out.append("TLS on port ").append(chat.tlsPort()).append(certificate).append(nl);
        }
        if (config.ircTlsEnabled()) {
            out.append("IRC over TLS on port ").append(chat.ircTlsPort()).append(config.tlsOn() ? "" : certificate)
                    .append(nl);
        }
        return out.toString();
    }

    /**
     * The operator's console until {@code stop}: on a terminal through JLine, so that log lines do not
     * break into what the operator types; from a pipe or {@code </dev/null}, plain lines. SIGTERM and
     * Ctrl-C stop the server as {@code stop} does and end the program with exit code 0, where the JVM's
     * own handling would exit with 143 or 130.
     */
    private void runConsole(Operator operator, String banner) throws IOException {
        try (Terminal terminal = TerminalBuilder.builder().name("switchboard").system(true).dumb(true).build()) {
            if (!terminal.getType().startsWith(Terminal.TYPE_DUMB)) {
                OperatorConsole console = OperatorConsole.onTerminal(operator, Keyboard.of(terminal));
                // through the terminal: JLine sets INT's handler around each line it reads, then restores this one
                terminal.handle(Terminal.Signal.INT, signal -> stopAndExit(console));
                Signals.register("TERM", () -> stopAndExit(console));
                runConsole(console, banner);
                return;
            }
        }
        OperatorConsole console = new OperatorConsole(operator,
                new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), System.out);
        Signals.register("INT", () -> stopAndExit(console));
        Signals.register("TERM", () -> stopAndExit(console));
        runConsole(console, banner);
    }

    /** The banner comes once the signals are handled: whoever waits for it may send SIGTERM at once. */
    private void runConsole(OperatorConsole console, String banner) {
        System.out.println(banner);
        System.out.flush();
        if (!quiet) {
            console.echoLog();
        }
        console.run();
    }

    /** Runs on the signal's thread; the main thread may be blocked reading standard input. */
    private static void stopAndExit(OperatorConsole console) {
        console.stop();
        System.exit(0);
    }
}
