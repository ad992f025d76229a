package org.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.switchboard.control.Operator;
import org.switchboard.log.LogEntry;
import org.switchboard.protocol.Protocol;
import org.switchboard.support.LineClient;
import org.switchboard.support.ServerFixture;
import org.switchboard.support.TestServer;

/** The data folder: one server at a time, checked at start, and a disk that fails later loses nothing. */
class DataFolderTest extends ServerFixture {

    @Test
    void aSecondServerOnTheSameFolderIsRefusedAndTheFirstKeepsItsAccounts() throws Exception {
        server = TestServer.start(dir);
        try (ChatServer second = new ChatServer(TestServer.config(dir).build())) {
            assertThatThrownBy(second::start).isInstanceOf(DataFolderException.class)
                    .hasMessageContaining(dir.toRealPath().toString()).hasMessageContaining("in use");
            assertThat(second.state()).isEqualTo(ServerState.STOPPED);
        }
        try (LineClient alpha = new LineClient(server.port())) {
            alpha.register("alpha", TestServer.PASSWORD);
        }
        assertThat(Files.readString(dir.resolve("users.txt"))).contains("alpha ");
    }

    @Test
    void theFolderOfABansFileGivenApartIsLockedAsTheDataFolderIs() throws Exception {
        Path shared = Files.createDirectories(dir.resolve("shared"));
        server = TestServer.start(dir.resolve("first"), c -> c.bansFile(shared.resolve("bans.txt")));
        try (ChatServer second = new ChatServer(TestServer.config(dir.resolve("second"))
                .bansFile(shared.resolve("bans.txt")).build())) {
            assertThatThrownBy(second::start).isInstanceOf(DataFolderException.class)
                    .hasMessageContaining(shared.toRealPath().toString()).hasMessageContaining("in use");
        }
    }

    @Test
    void aMalformedBansFileStopsTheStartNamingItsLineAndIsLeftAsItIs() throws Exception {
        Path bans = Files.writeString(dir.resolve("bans.txt"), "ban dina 2026-12-01T12:00:00Z\n");
        try (ChatServer refused = new ChatServer(TestServer.config(dir).build())) {
            assertThatThrownBy(refused::start).isInstanceOf(DataFolderException.class)
                    .hasMessage("The bans file cannot be read, so the server did not start (the file was left as it is): "
                            + bans + ":1: expected KIND TARGET SINCE UNTIL [REASON], found 3 field(s)");
            assertThat(new Operator(refused).start().text()).endsWith(bans + ":1: expected KIND TARGET SINCE UNTIL"
                    + " [REASON], found 3 field(s)");
        }
        assertThat(Files.readString(bans)).isEqualTo("ban dina 2026-12-01T12:00:00Z\n");
    }

    @Test
    void theOperatorAndThePanelAreToldWhyASecondServerCannotStart() throws Exception {
        server = TestServer.start(dir);
        try (ChatServer second = new ChatServer(TestServer.config(dir).build())) {
            var reply = new Operator(second).start();
            assertThat(reply.ok()).isFalse();
            assertThat(reply.text()).startsWith("The data folder " + dir.toRealPath()).contains("in use");
        }
    }

    @Test
    void aSecondServerCannotClearTheFirstOnesLog() throws Exception {
        server = TestServer.start(dir);
        String before = Files.readString(dir.resolve("server.log"));
        try (ChatServer second = new ChatServer(TestServer.config(dir).build())) {
            var reply = new Operator(second).clearLogs();
            assertThat(reply.ok()).isFalse();
            assertThat(reply.text()).startsWith("Cannot clear the logs: The data folder " + dir.toRealPath())
                    .contains("in use");
        }
        assertThat(Files.readString(dir.resolve("server.log"))).startsWith(before).contains("Listening on port");
    }

    @Test
    void theFolderIsFreeAgainOnceTheServerIsClosed() throws Exception {
        TestServer.start(dir).close();
        server = TestServer.start(dir);
        assertThat(server.state()).isEqualTo(ServerState.LISTENING);
        assertThat(Files.readString(dir.resolve(DataFolders.LOCK_FILE)).strip())
                .isEqualTo(String.valueOf(ProcessHandle.current().pid()));
    }

    @Test
    void aLockFileNobodyHoldsDoesNotBlockAStart() throws Exception {
        // what a crashed server leaves: the file, with its process id, but no lock (the OS dropped it)
        Files.writeString(dir.resolve(DataFolders.LOCK_FILE), "999999999\n");
        server = TestServer.start(dir);
        assertThat(server.state()).isEqualTo(ServerState.LISTENING);
    }

    @Test
    void aMissingFolderIsCreatedAndTheLogSaysSoWithItsStartLines() throws Exception {
        Path folder = dir.resolve("new/chat");
        server = TestServer.start(folder);
        assertThat(folder).isDirectory();
        assertThat(Files.readString(folder.resolve("server.log")))
                .contains("Created the data folder " + folder.toAbsolutePath())
                .contains("Server started").contains("Listening on port " + server.port());
    }

    @Test
    void aFolderThatIsAFileIsRefused() throws Exception {
        Path file = Files.writeString(dir.resolve("notes"), "mine\n");
        try (ChatServer refused = new ChatServer(TestServer.config(file).build())) {
            assertThatThrownBy(refused::start).isInstanceOf(DataFolderException.class)
                    .hasMessage(file.toAbsolutePath() + " is a file, not a folder: give the data folder (--data-dir)"
                            + " a folder's name");
        }
        assertThat(Files.readString(file)).isEqualTo("mine\n");
    }

    @Test
    void aFolderThatCannotBeCreatedIsRefused() throws Exception {
        Path file = Files.writeString(dir.resolve("notes"), "mine\n");
        try (ChatServer refused = new ChatServer(TestServer.config(file.resolve("chat")).build())) {
            assertThatThrownBy(refused::start).isInstanceOf(DataFolderException.class)
                    .hasMessageStartingWith("Cannot create the data folder " + file.toAbsolutePath().resolve("chat"));
        }
    }

    @Test
    void aDataFileThatIsAFolderIsRefused() throws Exception {
        Files.createDirectory(dir.resolve("history.txt"));
        try (ChatServer refused = new ChatServer(TestServer.config(dir).build())) {
            assertThatThrownBy(refused::start).isInstanceOf(DataFolderException.class)
                    .hasMessageContaining(dir.resolve("history.txt").toAbsolutePath() + " is a folder");
        }
    }

    @Test
    void aFolderThatCannotBeWrittenIsRefused() throws Exception {
        assumeThat(System.getProperty("user.name")).as("root writes in any folder").isNotEqualTo("root");
        Path folder = Files.createDirectory(dir.resolve("readonly"));
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("r-xr-xr-x"));
        try (ChatServer refused = new ChatServer(TestServer.config(folder).build())) {
            assertThatThrownBy(refused::start).isInstanceOf(DataFolderException.class)
                    .hasMessageStartingWith("Cannot write in the data folder " + folder.toAbsolutePath()
                            + ": permission denied");
        } finally {
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void aRegistrationTheDiskRefusesIsToldToTheUserWarnedOnceAndLosesNothing() throws Exception {
        Path accounts = Files.createDirectory(dir.resolve("accounts"));
        Path users = accounts.resolve("users.txt");
        server = TestServer.start(dir, c -> c.usersFile(users));
        try (LineClient alpha = new LineClient(server.port())) {
            alpha.register("alpha", TestServer.PASSWORD);
        }
        String stored = Files.readString(users);
        // The disk fails: a non-empty folder where the file is replaced, so the atomic rename fails (as root too).
        Path aside = dir.resolve("users-aside.txt");
        Files.move(users, aside);
        Files.createDirectories(users.resolve("blocker"));
        int warningsBefore = warnings().size();
        try (LineClient bravo = new LineClient(server.port())) {
            bravo.expectPrompt(Protocol.PROMPT_NAME);
            bravo.send("bravo");
            bravo.expectPrompt(Protocol.PROMPT_NEW_PASSWORD);
            bravo.send(TestServer.PASSWORD);
            bravo.expectPrompt(Protocol.PROMPT_REPEAT_PASSWORD);
            bravo.send(TestServer.PASSWORD);
            assertThat(bravo.await(l -> l.startsWith(Protocol.ERROR_PREFIX)))
                    .isEqualTo(Protocol.ERROR_PREFIX + "The server cannot save new users right now, so 'bravo' was"
                            + " not registered. Try again later, or sign in with a name you registered before.");
            bravo.expectPrompt(Protocol.PROMPT_NAME);
            // the user can go on: the account stored before still signs in
            bravo.send("alpha");
            bravo.expectPrompt(Protocol.PROMPT_PASSWORD);
            bravo.send(TestServer.PASSWORD);
            bravo.await(l -> l.startsWith(Protocol.WELCOME_PREFIX));
        }
        List<LogEntry> added = warnings().subList(warningsBefore, warnings().size());
        assertThat(added).hasSize(1);
        assertThat(added.getFirst().message()).startsWith("Registration of bravo from ")
                .contains("not saved: cannot write the identity file " + users);
        assertThat(server.registeredUsers()).isEqualTo(1);

        // the disk is back: what was stored is all there, the failed name was never half-written
        Files.delete(users.resolve("blocker"));
        Files.delete(users);
        Files.move(aside, users);
        assertThat(Files.readString(users)).isEqualTo(stored);
        try (LineClient charlie = new LineClient(server.port())) {
            charlie.register("charlie", TestServer.PASSWORD);
        }
        assertThat(Files.readString(users)).contains("alpha ").contains("charlie ").doesNotContain("bravo");
    }

    private List<LogEntry> warnings() {
        return server.log().tail(1_000).stream().filter(e -> e.level() == org.switchboard.log.LogLevel.WARN).toList();
    }
}
