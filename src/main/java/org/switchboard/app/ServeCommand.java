package org.switchboard.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.BindException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.switchboard.auth.IdentityFileException;
import org.switchboard.console.OperatorConsole;
import org.switchboard.control.Operator;
import org.switchboard.server.ChatServer;
import org.switchboard.server.ServerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code switchboard serve}: the server without a screen, operated from standard input. */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run the server without a screen and read operator commands from standard input: help,"
                + " status, users (or who), pause, resume, logs, clear-logs, clear-users, kick, say, msg, limits,"
                + " and stop (or quit, exit), which stops the server and ends the program.",
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
        PrintStream out = System.out;
        ServerConfig config = server.toConfig(spec);
        ChatServer chat = new ChatServer(config);
        try {
            chat.start();
        } catch (BindException e) {
            System.err.println("switchboard: cannot listen on port " + config.port() + ": " + e.getMessage()
                    + " (is another server running? choose another with --port, or --port 0 for any free one)");
            chat.close();
            return 1;
        } catch (IOException e) {
            System.err.println("switchboard: cannot listen on port " + config.port() + ": " + e.getMessage());
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
        out.println("Listening on port " + chat.port());
        out.println("Switchboard " + Main.version() + ", " + config.mode().name().toLowerCase() + " mode, data in "
                + config.usersFile().toAbsolutePath().getParent() + ". Type 'help' for commands.");
        out.flush();
        OperatorConsole console = new OperatorConsole(Operator.forServe(chat),
                new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), out);
        if (!quiet) {
            console.echoLog();
        }
        console.run();
        chat.close();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // already shutting down
        }
        return 0;
    }
}
