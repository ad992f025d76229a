package org.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.switchboard.bench.BenchConfig;
import org.switchboard.bench.BenchProtocol;
import org.switchboard.bench.ServerData;
import org.switchboard.server.ChatServer;
import org.switchboard.support.LineClient;
import org.switchboard.support.TestServer;
import picocli.CommandLine;

class BenchCommandTest {
    private static BenchConfig parse(String... args) {
        CommandLine line = Main.commandLine();
        CommandLine.ParseResult parsed = line.parseArgs(args);
        BenchCommand command = parsed.subcommand().commandSpec().commandLine().getCommand();
        return command.toConfig();
    }

    @Test
    void defaultsAreTheFirstTarget() {
        BenchConfig config = parse("bench");
        assertThat(config.clients()).isEqualTo(1000);
        assertThat(config.senders()).isEqualTo(500);
        assertThat(config.rate()).isEqualTo(2000);
        assertThat(config.protocol()).isEqualTo(BenchProtocol.CHAT);
        assertThat(config.host()).isEqualTo("127.0.0.1");
    }

    @Test
    void readsEveryOption() {
        BenchConfig config = parse("bench", "--protocol", "irc", "-p", "6667", "-c", "300", "--connect-rate", "250",
                "-s", "30", "-r", "1500.5", "--warmup", "2", "-d", "7.5", "--drain", "3", "--sign-in-timeout", "40",
                "--per-address", "5", "--name-prefix", "load", "--password", "pw123456", "--channel", "#room",
                "--io-threads", "3", "--server-pid", "4242");
        assertThat(config.protocol()).isEqualTo(BenchProtocol.IRC);
        assertThat(config.port()).isEqualTo(6667);
        assertThat(config.clients()).isEqualTo(300);
        assertThat(config.connectRate()).isEqualTo(250);
        assertThat(config.senders()).isEqualTo(30);
        assertThat(config.rate()).isEqualTo(1500.5);
        assertThat(config.warmup()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.duration()).isEqualTo(Duration.ofMillis(7500));
        assertThat(config.drain()).isEqualTo(Duration.ofSeconds(3));
        assertThat(config.signInTimeout()).isEqualTo(Duration.ofSeconds(40));
        assertThat(config.perAddress()).isEqualTo(5);
        assertThat(config.namePrefix()).isEqualTo("load");
        assertThat(config.password()).isEqualTo("pw123456");
        assertThat(config.channel()).isEqualTo("#room");
        assertThat(config.ioThreads()).isEqualTo(3);
        assertThat(config.serverPid()).isEqualTo(4242);
    }

    @Test
    void aBadFigureIsAClearErrorNotACrash() {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            assertThat(Main.commandLine().execute("bench", "-c", "10", "-s", "20")).isEqualTo(2);
            assertThat(Main.commandLine().execute("bench", "--duration", "-1")).isEqualTo(2);
        } finally {
            System.setErr(err);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8))
                .contains("senders must be between 1 and the number of clients (10), not 20")
                .contains("the duration must be between 0 and 86400 seconds");
    }

    @Test
    void refusesATargetOutsideThisMachine() {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            assertThat(Main.commandLine().execute("bench", "--host", "192.0.2.1", "-c", "2", "-s", "1")).isEqualTo(1);
        } finally {
            System.setErr(err);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8)).contains("not a loopback address");
    }

    @Test
    void helpDescribesTheOptions() {
        String usage = Main.commandLine().getSubcommands().get("bench").getUsageMessage();
        assertThat(usage).contains("--clients", "--senders", "--rate", "--protocol", "--server-pid",
                "scheduled send time");
    }

    @Test
    void refusesToRunBesideRealPeopleInTheServersIdentityFile(@TempDir Path dir) throws Exception {
        try (ChatServer server = TestServer.start(dir)) {
            try (LineClient alice = new LineClient(server.port())) {
                alice.register("alice", TestServer.PASSWORD);
            }
            long pid = ProcessHandle.current().pid();
            assertThat(ServerData.people(pid, "bench")).contains(
                    new ServerData.People(dir.toRealPath().resolve("users.txt"), List.of("alice")));

            PrintStream err = System.err;
            ByteArrayOutputStream captured = new ByteArrayOutputStream();
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            try {
                assertThat(Main.commandLine().execute("bench", "-p", String.valueOf(server.port()), "-c", "2", "-s", "1",
                        "--server-pid", String.valueOf(pid))).isEqualTo(2);
            } finally {
                System.setErr(err);
            }
            assertThat(captured.toString(StandardCharsets.UTF_8))
                    .contains("the server's identity file " + dir.toRealPath().resolve("users.txt") + " has 1 person who"
                            + " is not a bench client (alice). A run registers 2 clients with the public password")
                    .contains("--allow-real-data");
            assertThat(server.registeredUsers()).isEqualTo(1);
        }
    }

    @Test
    void benchClientsAloneAreNoRealPeople(@TempDir Path dir) throws Exception {
        try (ChatServer server = TestServer.start(dir)) {
            try (LineClient bench = new LineClient(server.port())) {
                bench.register("bench7", TestServer.PASSWORD);
            }
            assertThat(ServerData.people(ProcessHandle.current().pid(), "bench")).contains(
                    new ServerData.People(dir.toRealPath().resolve("users.txt"), List.of()));
        }
    }
}
