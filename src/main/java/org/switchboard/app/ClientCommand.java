package org.switchboard.app;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.switchboard.console.ChatClient;
import org.switchboard.console.TokenFile;
import org.switchboard.protocol.Protocol;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code switchboard client}: the console chat client. */
@Command(name = "client", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Connect to a Switchboard server and chat. Signs in with a saved token when it has one",
            "for that server, else asks for name and password. /quit or Ctrl-D leaves."})
final class ClientCommand implements Callable<Integer> {
    @Option(names = {"-H", "--host"}, paramLabel = "HOST", description = "Server host (default: ${DEFAULT-VALUE}).")
    String host = "localhost";

    @Option(names = {"-p", "--port"}, paramLabel = "N", description = "Server port (default: ${DEFAULT-VALUE}).")
    int port = Protocol.DEFAULT_PORT;

    @Option(names = {"-n", "--name"}, paramLabel = "NAME", description = "Sign in as NAME (default: ask).")
    String name;

    @Option(names = "--no-token", description = "Neither use nor save a login token.")
    boolean noToken;

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "Where login tokens are kept (default: ~/.config/switchboard/tokens).")
    Path tokenFile;

    @Override
    public Integer call() throws IOException {
        TokenFile tokens = new TokenFile(tokenFile != null ? tokenFile : TokenFile.defaultLocation());
        try (Terminal terminal = TerminalBuilder.builder().name("switchboard").system(true).build()) {
            return new ChatClient(new ChatClient.Options(host, port, name, !noToken, tokens), terminal).run();
        }
    }
}
