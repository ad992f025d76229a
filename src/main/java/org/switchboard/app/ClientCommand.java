package org.switchboard.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.switchboard.console.ChatClient;
import org.switchboard.console.Keyboard;
import org.switchboard.console.KnownServers;
import org.switchboard.console.TokenFile;
import org.switchboard.protocol.Fingerprints;
import org.switchboard.protocol.Protocol;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code switchboard client}: the console chat client. */
@Command(name = "client", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Connect to a Switchboard server and chat. Signs in with a saved token when it has one "
            + "for that server, else asks for name and password. /quit (/exit, /bye) or Ctrl-D leaves.",
            "With input from a pipe it prints what the server sends, a line each, and leaves at the end of "
            + "the input."})
final class ClientCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-H", "--host"}, paramLabel = "HOST", description = "Server host (default: ${DEFAULT-VALUE}).")
    String host = "localhost";

    @Option(names = {"-p", "--port"}, paramLabel = "N",
            description = "Server port (default: " + Protocol.DEFAULT_PORT + ", with --tls " + Protocol.DEFAULT_TLS_PORT + ").")
    Integer port;

    @Option(names = "--tls", description = {"Connect over TLS, checking the certificate against the system's trust "
                + "store and the host name; a self-signed one is shown and, once accepted, remembered in",
            "  ~/.config/switchboard/known_servers."})
    boolean tls;

    @Option(names = "--fingerprint", paramLabel = "SHA256:...",
            description = "Trust the server's certificate with this fingerprint only (implies --tls; for scripts).")
    String fingerprint;

    @Option(names = {"-n", "--name"}, paramLabel = "NAME", description = "Sign in as NAME (default: ask).")
    String name;

    @Option(names = "--no-token", description = "Neither use nor save a login token.")
    boolean noToken;

    @Option(names = "--token-file", paramLabel = "FILE",
            description = {"Where login tokens are kept.",
                // a line of its own: picocli would break a path that reaches the edge after "~/."
                "Default: ~/.config/switchboard/tokens"})
    Path tokenFile;

    @Override
    public Integer call() throws IOException {
        TokenFile tokens = new TokenFile(tokenFile != null ? tokenFile : TokenFile.defaultLocation());
        ChatClient.Tls secure = null;
        if (tls || fingerprint != null) {
            String pinned = fingerprint == null ? null : Fingerprints.normalise(fingerprint);
            if (fingerprint != null && pinned == null) {
                throw new ParameterException(spec.commandLine(), "--fingerprint takes SHA256: and 32 bytes in hex"
                        + " (as the server prints it), not '" + fingerprint + "'");
            }
            secure = new ChatClient.Tls(pinned, new KnownServers(KnownServers.defaultLocation()));
        }
        int to = port != null ? port : secure != null ? Protocol.DEFAULT_TLS_PORT : Protocol.DEFAULT_PORT;
        ChatClient.Options options = new ChatClient.Options(host, to, name, !noToken, tokens, secure);
        try (Terminal terminal = TerminalBuilder.builder().name("switchboard").system(true).dumb(true).build()) {
            if (!terminal.getType().startsWith(Terminal.TYPE_DUMB)) {
                return new ChatClient(options, Keyboard.of(terminal)).run();
            }
        }
        // Not a terminal (a pipe, a script): plain lines in and out.
        return new ChatClient(options, Keyboard.of(
                new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)),
                new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true))).run();
    }
}
