package org.switchboard.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the console client says when it cannot reach a server at all. */
class ChatClientConnectTest {
    @TempDir
    Path dir;
    final StringWriter screen = new StringWriter();

    private int run(String host, int port) {
        Keyboard keyboard = Keyboard.of(new BufferedReader(new StringReader("")), new PrintWriter(screen, true));
        TokenFile tokens = new TokenFile(dir.resolve("tokens"));
        return new ChatClient(new ChatClient.Options(host, port, null, true, tokens), keyboard).run();
    }

    @Test
    void anUnknownHostIsNamedAsNotFound() {
        // .invalid never resolves (RFC 2606)
        assertThat(run("nosuchhost.invalid", 5050)).isEqualTo(1);
        assertThat(screen.toString().strip()).isEqualTo("Cannot find the host nosuchhost.invalid.");
    }

    @Test
    void aRefusedConnectionSaysNothingIsListeningThere() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        assertThat(run("127.0.0.1", port)).isEqualTo(1);
        assertThat(screen.toString().strip())
                .isEqualTo("Nothing is listening on 127.0.0.1:" + port + ": is the server running, and on that port?");
    }
}
