package org.switchboard.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.switchboard.control.Operator;
import org.switchboard.server.ServerState;
import org.switchboard.support.ServerFixture;
import org.switchboard.support.TestServer;

class OperatorConsoleTest extends ServerFixture {
    final ByteArrayOutputStream output = new ByteArrayOutputStream();

    @BeforeEach
    void start() {
        server = TestServer.start(dir);
    }

    private OperatorConsole console(BufferedReader in) {
        return new OperatorConsole(new Operator(server), in, new PrintStream(output, true, StandardCharsets.UTF_8));
    }

    private String printed() {
        return output.toString(StandardCharsets.UTF_8);
    }

    @Test
    void runsEachCommandAndStopsOnStop() throws Exception {
        console(new BufferedReader(new StringReader("status\nfoo\nTurnOffServer\nstatus\n"))).run();
        assertThat(printed()).contains("Server listening on port", "Unknown command 'foo'. Type 'help' for the list.",
                "Server stopped.");
        assertThat(printed()).doesNotContain("Server stopped, chat mode");
        assertThat(server.state()).isEqualTo(ServerState.STOPPED);
    }

    @Test
    void theEndOfInputDoesNotStopTheServer() throws Exception {
        OperatorConsole console = console(new BufferedReader(new StringReader("status\n")));
        Thread thread = Thread.ofVirtual().start(() -> {
            try {
                console.run();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> printed().contains("Server listening"));
        assertThat(thread.join(Duration.ofMillis(300))).isFalse();
        assertThat(server.state()).isEqualTo(ServerState.LISTENING);
        server.stop();
        assertThat(thread.join(Duration.ofSeconds(5))).isTrue();
    }

    /** A terminal on streams: what JLine writes to the screen, control sequences and all, lands in output. */
    private Terminal terminal(PipedOutputStream keys) throws Exception {
        return TerminalBuilder.builder().system(false).type("xterm").size(new Size(80, 24))
                .streams(new PipedInputStream(keys), output).build();
    }

    private Thread running(OperatorConsole console) {
        return Thread.ofVirtual().start(console::run);
    }

    @Test
    void onATerminalALogLineIsShownAboveTheCommandBeingTyped() throws Exception {
        PipedOutputStream keys = new PipedOutputStream();
        try (Terminal terminal = terminal(keys)) {
            OperatorConsole console = OperatorConsole.onTerminal(Operator.forServe(server), Keyboard.of(terminal));
            console.echoLog();
            Thread thread = running(console);
            keys.write("stat".getBytes(StandardCharsets.UTF_8));
            keys.flush();
            await().atMost(Duration.ofSeconds(5)).until(() -> printed().endsWith("stat"));
            server.log().info("Client 127.0.0.1:50662 connected");
            // the line typed so far is drawn again below the log line, not left in front of it
            await().atMost(Duration.ofSeconds(5)).until(() -> printed().endsWith("> stat"));
            String screen = printed();
            assertThat(screen).doesNotContain("stat2").contains("INFO  Client 127.0.0.1:50662 connected");
            assertThat(screen.indexOf("Client 127.0.0.1:50662")).isLessThan(screen.lastIndexOf("> stat"));
            keys.write("us\r".getBytes(StandardCharsets.UTF_8));
            keys.flush();
            await().atMost(Duration.ofSeconds(5)).until(() -> printed().contains("Unknown command 'status'")
                    || printed().contains("Users online"));
            keys.write("stop\r".getBytes(StandardCharsets.UTF_8));
            keys.flush();
            assertThat(thread.join(Duration.ofSeconds(10))).isTrue();
            // the terminal's output reaches the test through JLine's pump thread, a moment after it is
            // written: wait for it while the terminal is open (closing it drops what the pump still holds)
            await().atMost(Duration.ofSeconds(10)).until(() -> printed().contains("Server stopped."));
        }
        assertThat(printed()).contains("Users online", "Server stopped.");
    }

    @Test
    void onATerminalCtrlDStopsTheServerAsStopDoes() throws Exception {
        PipedOutputStream keys = new PipedOutputStream();
        try (Terminal terminal = terminal(keys)) {
            Thread thread = running(OperatorConsole.onTerminal(Operator.forServe(server), Keyboard.of(terminal)));
            await().atMost(Duration.ofSeconds(5)).until(() -> printed().endsWith("> "));
            // Ctrl-D on an empty line, again until the console ends: one that comes before JLine has put
            // the terminal in raw mode meets the terminal's line discipline instead, and is lost
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() -> {
                keys.write(4);
                keys.flush();
                return !thread.isAlive();
            });
            await().atMost(Duration.ofSeconds(10)).until(() -> printed().contains("Server stopped."));
        }
        assertThat(server.state()).isEqualTo(ServerState.STOPPED);
        assertThat(printed()).contains("Server stopped.");
    }

    @Test
    void echoLogPrintsNewLogLinesAsTheyHappen() throws Exception {
        PipedOutputStream typing = new PipedOutputStream();
        OperatorConsole console = console(new BufferedReader(new java.io.InputStreamReader(
                new PipedInputStream(typing), StandardCharsets.UTF_8)));
        Runnable stopEcho = console.echoLog();
        server.pause();
        await().atMost(Duration.ofSeconds(5)).until(() -> printed().contains("INFO  Paused: port"));
        stopEcho.run();
        server.resume();
        assertThat(printed()).doesNotContain("Resumed");
        typing.close();
    }
}
