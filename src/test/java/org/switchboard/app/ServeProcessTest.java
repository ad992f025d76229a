package org.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.switchboard.protocol.Fingerprints;
import org.switchboard.support.LineClient;
import org.switchboard.support.Processes;
import org.switchboard.support.TestServer;
import org.switchboard.support.TlsClients;

/** {@code switchboard serve} as a real child process: stdin commands, end of input, SIGTERM. */
class ServeProcessTest {

    @TempDir
    Path dir;
    Process process;
    final List<String> output = new CopyOnWriteArrayList<>();

    @AfterEach
    void kill() {
        if (process != null) {
            process.destroyForcibly();
        }
    }

    private int startServe(String... extra) throws IOException {
        List<String> command = Processes.switchboard("serve", "--port", "0", "--tls-port", "0", "--irc-port", "0", "--irc-tls-port", "0", "--bind", "127.0.0.1",
                "--data-dir", dir.toString(), "--hash-iterations", "1000");
        command.addAll(List.of(extra));
        process = Processes.start(command, output);
        return Processes.listeningPort(output);
    }

    private void type(String line) throws IOException {
        OutputStream stdin = process.getOutputStream();
        stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        stdin.flush();
    }

    @Test
    void printsTheRealPortTakesCommandsAndStopsWithExitCodeZero() throws Exception {
        int port = startServe();
        await().atMost(Duration.ofSeconds(10)).until(() -> output.size() >= 5); // the start's lines, then the banner
        assertThat(output.get(0)).isEqualTo("Listening on port " + port);
        assertThat(output.get(1)).matches("IRC on port [1-9][0-9]*");
        assertThat(output.get(2)).matches("TLS on port [1-9][0-9]*, certificate SHA256:[0-9A-F:]+");
        assertThat(output.get(3)).matches("IRC over TLS on port [1-9][0-9]*");
        try (LineClient alice = new LineClient(port).register("alice", TestServer.PASSWORD)) {
            type("users");
            await().atMost(Duration.ofSeconds(10)).until(() -> output.stream().anyMatch(l -> l.contains("1 signed in:")));
            type("Logs");
            await().atMost(Duration.ofSeconds(10)).until(() -> output.stream().anyMatch(l -> l.contains("Sign-in ok: alice")));
            type("TurnOffServer");
            assertThat(alice.readToEnd()).contains("* The server is shutting down. Goodbye.");
        }
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        assertThat(Files.readString(dir.resolve("server.log"))).contains("Server stopped");
    }

    @Test
    void plainOffSaysSoFirstThenTheTlsPortsAndServesOverTls() throws Exception {
        List<String> command = Processes.switchboard("serve", "--plain", "off", "--tls-port", "0", "--irc-tls-port",
                "0", "--bind", "127.0.0.1", "--data-dir", dir.toString(), "--hash-iterations", "1000");
        process = Processes.start(command, output);
        await().atMost(Duration.ofSeconds(30)).until(() -> output.size() >= 4);
        assertThat(output.get(0)).isEqualTo("TLS only (--plain off): no plain port for the line protocol or IRC");
        Matcher tls = Pattern.compile("TLS on port (\\d+), certificate (SHA256:[0-9A-F:]+)").matcher(output.get(1));
        assertThat(tls.matches()).as(output.get(1)).isTrue();
        assertThat(output.get(2)).matches("IRC over TLS on port [1-9][0-9]*");
        assertThat(output).noneMatch(line -> line.startsWith("Listening on port") || line.startsWith("IRC on port"));
        X509Certificate certificate = TlsClients.read(dir.resolve("tls/server.crt"));
        assertThat(Fingerprints.sha256(certificate.getEncoded())).isEqualTo(tls.group(2));
        try (LineClient alice = TlsClients.connect(Integer.parseInt(tls.group(1)), certificate)) {
            alice.register("alice", TestServer.PASSWORD);
            type("status");
            await().atMost(Duration.ofSeconds(10)).until(() -> output.stream()
                    .anyMatch(l -> l.contains("Server listening on port " + tls.group(1) + " (line+TLS)")
                            && l.contains("TLS only (--plain off)")));
            type("stop");
            assertThat(alice.readToEnd()).contains("* The server is shutting down. Goodbye.");
        }
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
    }

    @Test
    void clearLogsAnswersOnceAndLogsThenSaysTheLogIsEmpty() throws Exception {
        startServe();
        type("DeleteLogs");
        type("Logs");
        await().atMost(Duration.ofSeconds(10)).until(() -> output.contains("The activity log is empty."));
        type("stop");
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(output).contains("Server stopped."));
        // stderr is merged into the output: no library log line may appear beside the console's answer
        assertThat(output).contains("Logs cleared.").noneMatch(line -> line.contains("org.switchboard"));
    }

    @Test
    void theEndOfStandardInputDoesNotStopItAndSigtermStopsItCleanlyWithExitCodeZero() throws Exception {
        int port = startServe("--quiet");
        process.getOutputStream().close();
        try (LineClient client = new LineClient(port)) {
            client.register("bob", TestServer.PASSWORD);
            assertThat(process.isAlive()).isTrue();
            // SIGTERM; through the handle, as Process.destroy() would also close our end of its output
            process.toHandle().destroy();
            assertThat(client.readToEnd()).contains("* The server is shutting down. Goodbye.");
        }
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("exit code after SIGTERM").isZero();
        assertThat(Files.readString(dir.resolve("server.log"))).contains("Server stopped");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(output).contains("Server stopped."));
    }

    @Test
    void aPortInUseIsAClearErrorWithExitCodeOne() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0)) {
            String java = ProcessHandle.current().info().command().orElse("java");
            Process failing = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    Main.class.getName(), "serve", "--port", String.valueOf(taken.getLocalPort()), "--tls-port", "0", "--irc-port", "0", "--irc-tls-port", "0",
                    "--data-dir", dir.toString()).redirectErrorStream(true).start();
            String text = new String(failing.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(failing.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(failing.exitValue()).isEqualTo(1);
            assertThat(text).contains("cannot listen on port " + taken.getLocalPort(),
                    "start again with --port set to another port, 0 for any free one)");   // --port cannot be off
        }
    }

    @Test
    void anIrcPortInUseIsAClearErrorThatNamesTheOption() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0)) {
            String java = ProcessHandle.current().info().command().orElse("java");
            Process failing = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    Main.class.getName(), "serve", "--port", "0", "--irc-port", String.valueOf(taken.getLocalPort()),
                    "--tls-port", "0", "--irc-tls-port", "0",
                    "--data-dir", dir.toString()).redirectErrorStream(true).start();
            String text = new String(failing.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(failing.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(failing.exitValue()).isEqualTo(1);
            assertThat(text).contains("cannot listen on IRC port " + taken.getLocalPort(), "--irc-port");
        }
    }

    @Test
    void anIrcTlsPortInUseIsAClearErrorThatNamesTheOption() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0)) {
            String java = ProcessHandle.current().info().command().orElse("java");
            Process failing = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    Main.class.getName(), "serve", "--port", "0", "--irc-port", "0", "--tls-port", "0",
                    "--irc-tls-port", String.valueOf(taken.getLocalPort()),
                    "--data-dir", dir.toString()).redirectErrorStream(true).start();
            String text = new String(failing.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(failing.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(failing.exitValue()).isEqualTo(1);
            assertThat(text).contains("cannot listen on IRC TLS port " + taken.getLocalPort(),
                    "start again with --irc-tls-port set to another port, 0 for any free one, or off");
        }
    }
}
