package org.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest extends CommandLineFixture {
    @Test
    void helpNamesTheSubcommands() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("serve", "client");
    }

    @Test
    void versionNamesTheProduct() {
        assertThat(run("--version")).isZero();
        assertThat(out.toString()).startsWith("Switchboard ");
    }

    @Test
    void versionNamesTheJavaRuntimeWithItsFolderAndTheJavaFxVersion() {
        assertThat(run("--version")).isZero();
        List<String> lines = out.toString().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(1)).isEqualTo("Java " + Runtime.version() + " (" + System.getProperty("java.vendor")
                + ", " + System.getProperty("java.home") + ")");
        assertThat(lines.get(2)).matches("JavaFX \\d+(\\.\\d+)*");
    }

    @Test
    void everySubcommandHasShortHelp() {
        assertThat(run("serve", "-h")).isZero();
        assertThat(out.toString()).contains("--port", "--mode", "--data-dir", "--users", "--log", "--history", "--bans",
                "--bind", "--threads");
        assertThat(run("client", "-h")).isZero();
        assertThat(out.toString()).contains("--host", "--name");
    }

    @Test
    void helpWrapsAtWordsWithinEightyColumns() {
        for (String[] args : List.of(new String[] {"--help"}, new String[] {"serve", "-h"},
                new String[] {"client", "-h"}, new String[] {"gui", "-h"}, new String[] {"bench", "-h"})) {
            out.getBuffer().setLength(0);
            assertThat(run(args)).isZero();
            assertThat(out.toString().lines()).as(String.join(" ", args)).allSatisfy(
                    line -> assertThat(line.length()).isLessThanOrEqualTo(80));
        }
        assertThat(out.toString()).isNotEmpty();
        run("client", "-h");
        assertThat(out.toString().lines()).anyMatch(line -> line.contains("~/.config/switchboard/tokens"));
    }

    @Test
    void theCommandListSumsUpServeWholeWithEveryOperatorCommand() {
        assertThat(run("--help")).isZero();
        String help = out.toString().replaceAll("\\s+", " ");
        assertThat(help).contains("serve Run the server without a screen and read operator commands from standard"
                + " input: help, status, users (or who), pause, resume, logs, clear-logs, accounts, delete-user,"
                + " reset-password, clear-users, restore-users, kick, say, msg, limits, and stop (or quit, exit), which stops the server and ends the program. client");
    }

    @Test
    void aBadOptionPrintsTheErrorAndWhereTheHelpIsNotTheWholeUsage() {
        assertThat(run("serve", "--bogus")).isEqualTo(2);
        assertThat(err.toString().lines()).containsExactly("switchboard serve: Unknown option: '--bogus'",
                "Try 'switchboard serve -h' for help.");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aBadOptionValueIsAClearErrorNotACrash() {
        assertThat(run("serve", "--port", "many")).isEqualTo(2);
        assertThat(err.toString()).contains("Invalid value for option '--port'");
        assertThat(run("serve", "--mode", "shout")).isEqualTo(2);
        assertThat(err.toString()).contains("--mode");
    }

    @Test
    void aMalformedIdentityFileStopsServeAndIsLeftAsItIs(@TempDir Path dir) throws Exception {
        Path users = dir.resolve("users.txt");
        Files.writeString(users, "alice broken\n");
        assertThat(run("serve", "--port", "0", "--tls-port", "0", "--irc-port", "0", "--irc-tls-port", "0", "--data-dir", dir.toString())).isEqualTo(1);
        assertThat(Files.readString(users)).isEqualTo("alice broken\n");
    }

    @Test
    void serveWithEveryPortOffIsAUsageErrorNotAServerNobodyCanReach(@TempDir Path dir) {
        assertThat(run("serve", "--plain", "off", "--tls-port", "off", "--irc-tls-port", "off",
                "--data-dir", dir.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("every port is off: --plain off leaves only the TLS ports");
    }

    @Test
    void anOutOfRangeSettingIsAUsageErrorOfEveryCommandThatTakesIt() {
        assertThat(run("serve", "--port", "70000")).isEqualTo(2);
        assertThat(err.toString()).contains("port must be between 0 and 65535, not 70000");
        assertThat(run("gui", "--max-line-bytes", "1")).isEqualTo(2);
        assertThat(err.toString()).contains("line length limit must be between 16");
        assertThat(run("--flood-burst", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("flood burst must be between 1");
    }
}
