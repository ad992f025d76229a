package org.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.switchboard.support.LineClient;
import org.switchboard.support.Processes;
import org.switchboard.support.TestServer;

/** Two {@code serve} processes and one data folder, and a server killed without a chance to clean up. */
class DataFolderProcessTest {

    @TempDir
    Path dir;
    final List<Process> processes = new ArrayList<>();

    @AfterEach
    void kill() {
        processes.forEach(Process::destroyForcibly);
    }

    private Process serve(List<String> output, String... args) throws IOException {
        List<String> command = Processes.switchboard("serve", "--bind", "127.0.0.1", "--hash-iterations", "1000", "-q");
        command.addAll(List.of(args));
        Process process = Processes.start(command, output);
        processes.add(process);
        return process;
    }

    private static int port(List<String> output) {
        return Processes.listeningPort(output);
    }

    @Test
    void aSecondServeOnTheSameFolderExitsWithOneLineNamingTheFolderAndTheFirstServer() throws Exception {
        List<String> firstOutput = new CopyOnWriteArrayList<>();
        Process first = serve(firstOutput, "--port", "0", "--tls-port", "0", "--irc-port", "0", "--irc-tls-port", "0", "--data-dir", dir.toString());
        int port = port(firstOutput);
        try (LineClient alpha = new LineClient(port)) {
            alpha.register("alpha", TestServer.PASSWORD);
        }
        List<String> secondOutput = new CopyOnWriteArrayList<>();
        Process second = serve(secondOutput, "--port", "0", "--tls-port", "0", "--irc-port", "0", "--irc-tls-port", "0", "--data-dir", dir.toString());
        assertThat(second.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(second.exitValue()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> !secondOutput.isEmpty());
        assertThat(secondOutput).hasSize(1);
        assertThat(secondOutput.getFirst())
                .startsWith("switchboard: The data folder " + dir.toRealPath() + " is in use by another Switchboard"
                        + " server (process " + first.pid())
                .endsWith("Stop that server first, or give this one another folder with --data-dir.");
        assertThat(Files.readString(dir.resolve("users.txt"))).contains("alpha ");
        assertThat(first.isAlive()).isTrue();
    }

    @Test
    void aServerKilledOutrightDoesNotBlockTheNextStart() throws Exception {
        List<String> firstOutput = new CopyOnWriteArrayList<>();
        Process first = serve(firstOutput, "--port", "0", "--tls-port", "0", "--irc-port", "0", "--irc-tls-port", "0", "--data-dir", dir.toString());
        port(firstOutput);
        first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        assertThat(dir.resolve("switchboard.lock")).exists();

        List<String> nextOutput = new CopyOnWriteArrayList<>();
        serve(nextOutput, "--port", "0", "--tls-port", "0", "--irc-port", "0", "--irc-tls-port", "0", "--data-dir", dir.toString());
        assertThat(port(nextOutput)).isPositive();
    }

    @Test
    void aDataFolderThatIsAFileIsOneLineAndExitCodeOne() throws Exception {
        Path file = Files.writeString(dir.resolve("notes.txt"), "mine\n");
        List<String> output = new CopyOnWriteArrayList<>();
        Process refused = serve(output, "--port", "0", "--tls-port", "0", "--irc-port", "0", "--irc-tls-port", "0", "--data-dir", file.toString());
        assertThat(refused.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(refused.exitValue()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> !output.isEmpty());
        assertThat(output).containsExactly("switchboard: " + file + " is a file, not a folder: give the data folder"
                + " (--data-dir) a folder's name");
    }

    @Test
    void aMalformedBansFileIsOneLineNamingItsLineAndExitCodeOneAndIsLeftAsItIs() throws Exception {
        Path bans = dir.resolve("elsewhere.txt");
        String text = "# mine\nban 10.0.0.0/99 2026-12-01T12:00:00Z - too wide\n";
        Files.writeString(bans, text);
        List<String> output = new CopyOnWriteArrayList<>();
        Process refused = serve(output, "--port", "0", "--tls-port", "0", "--irc-port", "0", "--data-dir",
                dir.resolve("data").toString(), "--bans", bans.toString());
        assertThat(refused.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(refused.exitValue()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> !output.isEmpty());
        assertThat(output).containsExactly("switchboard: The bans file cannot be read, so the server did not start"
                + " (the file was left as it is): " + bans + ":2: '10.0.0.0/99': a range ends in /BITS, BITS from 0 to 32");
        assertThat(Files.readString(bans)).isEqualTo(text);
    }
}
