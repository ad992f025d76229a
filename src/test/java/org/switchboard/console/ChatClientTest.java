package org.switchboard.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jline.terminal.Size;
import org.jline.terminal.TerminalBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.switchboard.server.FloodLimits;
import org.switchboard.protocol.Protocol;
import org.switchboard.support.LineClient;
import org.switchboard.support.ServerFixture;
import org.switchboard.support.TestServer;

/** The console client against a real server, its keyboard a pipe and its screen a buffer. */
class ChatClientTest extends ServerFixture {
    /** Longer than any client here needs to end, shorter than a test of a hanging client should wait. */
    private static final Duration ENDS_WITHIN = Duration.ofSeconds(20);

    TokenFile tokens;

    @BeforeEach
    void start() {
        server = TestServer.start(dir);
        tokens = new TokenFile(dir.resolve("config/tokens"));
    }

    /** How a test's client gets its keyboard: from the reading end of the pipe it is typed into, and the screen. */
    private interface KeyboardOn {
        Keyboard of(InputStream keys, OutputStream screen) throws IOException;
    }

    /** The plain keyboard, as for input from a pipe. */
    private static final KeyboardOn PLAIN = (keys, screen) -> Keyboard.of(
            new BufferedReader(new InputStreamReader(keys, StandardCharsets.UTF_8)),
            new PrintWriter(screen, true, StandardCharsets.UTF_8));

    /** A JLine terminal on the pipe and the screen, as on a real terminal. */
    private static final KeyboardOn TERMINAL = (keys, screen) -> Keyboard.of(TerminalBuilder.builder()
            .system(false).streams(keys, screen).type("xterm").size(new Size(100, 24)).build());

    /**
     * A client running on a thread of its own, its keyboard a pipe that stays open, as a keyboard does,
     * until the test closes it.
     */
    private final class Running implements AutoCloseable {
        final ByteArrayOutputStream screen = new ByteArrayOutputStream();
        final PipedOutputStream typing = new PipedOutputStream();
        final CompletableFuture<Integer> exit;

        Running(int port, String name, String typed, KeyboardOn keyboard) throws IOException {
            this(port, name, typed, keyboard, null);
        }

        Running(int port, String name, String typed, KeyboardOn keyboard, ChatClient.Tls tls) throws IOException {
            PipedInputStream keys = new PipedInputStream(typing, 1 << 16);
            type(typed);
            ChatClient client = new ChatClient(new ChatClient.Options("127.0.0.1", port, name, true, tokens, tls),
                    keyboard.of(keys, screen));
            exit = CompletableFuture.supplyAsync(client::run, runnable -> Thread.ofVirtual().start(runnable));
        }

        void type(String text) {
            try {
                typing.write(text.getBytes(StandardCharsets.UTF_8));
                typing.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String screen() {
            return screen.toString(StandardCharsets.UTF_8);
        }

        /** The screen's lines, each clock time ({@code [12:04]}) written {@code [HH:MM]}. */
        List<String> lines() {
            return screen().lines().map(l -> l.replaceFirst("^\\[\\d\\d:\\d\\d]", "[HH:MM]")).toList();
        }

        /** Incoming lines are printed by the client's reader thread: waits until every expected text is shown. */
        void awaitScreen(String... expected) {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(screen()).contains(expected));
        }

        /** Waits for the client to end by itself, its keyboard still open (fails if it does not); its exit code. */
        int awaitExit() {
            assertThat(exit).as("the client ends by itself; its screen: %s", screen).succeedsWithin(ENDS_WITHIN);
            return exit.join();
        }

        /** Ends the input, as the end of a pipe does. */
        @Override
        public void close() throws IOException {
            typing.close();
        }
    }

    private Running start(String name, String typed) throws IOException {
        return new Running(server.port(), name, typed, PLAIN);
    }

    /** Runs the client with {@code typed} on its keyboard until it ends by itself; returns it. */
    private Running run(String name, String typed, int port, int expectedCode) throws IOException {
        try (Running client = new Running(port, name, typed, PLAIN)) {
            assertThat(client.awaitExit()).as(client.screen()).isEqualTo(expectedCode);
            return client;
        }
    }

    private String runClient(String name, String typed) throws IOException {
        return run(name, typed, server.port(), 0).screen();
    }

    @Test
    void registersChatsAndIsSignedInByTokenNextTime() throws Exception {
        try (LineClient bob = new LineClient(server.port()).register("bob", TestServer.PASSWORD)) {
            String pw = TestServer.PASSWORD;
            String screen = runClient(null, "alice\n" + pw + "\n" + pw + "\nhello bob\n/quit\n");
            assertThat(screen).contains("Name: ", "Welcome, alice!", "* Goodbye, alice.");
            assertThat(screen).doesNotContain(pw);
            assertThat(bob.awaitContaining("alice:")).endsWith("alice: hello bob");
            bob.awaitContaining("* alice left");
            String server = "127.0.0.1:" + this.server.port();
            assertThat(tokens.find(server)).isPresent();
            String firstToken = tokens.find(server).orElseThrow().token();

            String second = runClient(null, "back again\n/quit\n");
            assertThat(second).contains("Welcome, alice!", "Goodbye");
            assertThat(second).doesNotContain("Password: ");
            assertThat(bob.awaitContaining("alice:")).endsWith("alice: back again");
            assertThat(tokens.find(server).orElseThrow().token()).isNotEqualTo(firstToken);
        }
    }

    @Test
    void withAGivenNameOnlyThePasswordIsAsked() throws Exception {
        new LineClient(server.port()).register("carol", TestServer.PASSWORD).close();
        String screen = runClient("carol", TestServer.PASSWORD + "\n/quit\n");
        assertThat(screen).contains("Password: ", "Welcome, carol!", "Goodbye");
        assertThat(screen).doesNotContain("Name: ");
    }

    @Test
    void passwdOnATerminalAsksEachPasswordMaskedAndChangesIt() throws Exception {
        new LineClient(server.port()).register("carol", TestServer.PASSWORD).close();
        String fresh = "battery staple";
        try (Running client = new Running(server.port(), "carol", TestServer.PASSWORD + "\n", TERMINAL)) {
            client.awaitScreen("Welcome, carol!");
            client.type("/passwd\n");
            client.awaitScreen("Old password: ");
            client.type(TestServer.PASSWORD + "\n");
            client.awaitScreen("Choose a password: ");
            client.type(fresh + "\n");
            client.awaitScreen("Repeat the password: ");
            client.type(fresh + "\n");
            client.awaitScreen(Protocol.PASSWORD_CHANGED);
            client.type("/quit\n");
            client.awaitExit();
            // (the sign-in's password was typed ahead, before the client ran, so the terminal shows it once)
            String passwd = client.screen().substring(client.screen().indexOf("Changing your password"));
            assertThat(passwd).doesNotContain(fresh).doesNotContain(TestServer.PASSWORD).contains("Old password: ****");
        }
        new LineClient(server.port()).signIn("carol", fresh).close();
    }

    @Test
    void aRoomLineThatLooksLikeTheEndOfPasswdDoesNotUnmaskTheNextOne() throws Exception {
        new LineClient(server.port()).register("carol", TestServer.PASSWORD).close();
        try (LineClient mallory = new LineClient(server.port()).register("mallory", TestServer.PASSWORD);
                Running client = new Running(server.port(), "carol", TestServer.PASSWORD + "\n", TERMINAL)) {
            client.awaitScreen("Welcome, carol!");
            mallory.send("* " + Protocol.PASSWORD_NOT_CHANGED);
            client.awaitScreen("mallory: * " + Protocol.PASSWORD_NOT_CHANGED);
            client.type("/passwd\n");
            client.awaitScreen("Old password: ");
            client.type(TestServer.PASSWORD + "\n");
            client.awaitScreen("Choose a password: ");
            client.type("battery staple\n");
            client.awaitScreen("Repeat the password: ");
            client.type("battery staple\n");
            client.awaitScreen(Protocol.PASSWORD_CHANGED);
            client.type("/quit\n");
            client.awaitExit();
            String passwd = client.screen().substring(client.screen().indexOf("Changing your password"));
            assertThat(passwd).doesNotContain(TestServer.PASSWORD).doesNotContain("battery staple")
                    .contains("Old password: ****");
        }
    }

    @Test
    void aDeadTokenFallsBackToThePassword() throws Exception {
        new LineClient(server.port()).register("dave", TestServer.PASSWORD).close();
        tokens.save("127.0.0.1:" + server.port(), "dave", "not-a-real-token");
        assertThat(runClient(null, "dave\n" + TestServer.PASSWORD + "\n/quit\n"))
                .contains("! That token is not valid", "Welcome, dave!");
    }

    @Test
    void noServerIsAClearError() throws Exception {
        int port = server.port();
        server.close();
        assertThat(run(null, "", port, 1).screen()).contains("Nothing is listening on 127.0.0.1:" + port);
    }

    @Test
    void pipedOutputIsTheServersLinesOneALineWithoutTheChatPrompt() throws Exception {
        try (LineClient dina = new LineClient(server.port()).register("dina", TestServer.PASSWORD)) {
            dina.send("hello erin");
            await().atMost(Duration.ofSeconds(10)).until(() -> server.recentHistory(1).size() == 1);
            // the first run registers erin and keeps a token; the second is the one of the report
            runClient(null, "erin\n" + TestServer.PASSWORD + "\n" + TestServer.PASSWORD + "\n/quit\n");
            assertThat(run(null, "hi\n/users\n/quit\n", server.port(), 0).lines()).containsExactly(
                    "Switchboard chat. Sign in with your name and password, or choose a new name to register.",
                    "* This connection is not encrypted: anyone on the way can read your password. Use TLS on port "
                            + server.tlsPort() + " (switchboard client --tls).",
                    "Welcome, erin!",
                    "[HH:MM] dina: hello erin",
                    "* Online now: dina, erin. Type /help for commands.",
                    "* 2 online: dina, erin",
                    "* Goodbye, erin.");
            assertThat(dina.awaitContaining("erin:")).endsWith("erin: hi");
        }
    }

    @Test
    void pipedSignInShowsEachPromptOnALineOfItsOwn() throws Exception {
        assertThat(run(null, "erin\n" + TestServer.PASSWORD + "\n" + TestServer.PASSWORD + "\n/quit\n",
                server.port(), 0).lines()).containsExactly(
                "Switchboard chat. Sign in with your name and password, or choose a new name to register.",
                "* This connection is not encrypted: anyone on the way can read your password. Use TLS on port "
                        + server.tlsPort() + " (switchboard client --tls).",
                "Name: ",
                "* 'erin' is a new name. Choose a password to register it (at least 8 characters; "
                        + "an empty line picks another name).",
                "Choose a password: ",
                "Repeat the password: ",
                "Welcome, erin!",
                "* Online now: erin. Type /help for commands.",
                "* Goodbye, erin.");
    }

    @Test
    void theEndOfPipedInputLeavesOnlyAfterTheServersLastAnswersAreShown() throws Exception {
        new LineClient(server.port()).register("erin", TestServer.PASSWORD).close();
        server.close();
        // one line a second: the server reads the last lines seconds after the client has sent them all
        server = TestServer.start(dir, config -> config.flood(new FloodLimits(1, 1, 0, 0)));
        try (Running erin = start("erin", TestServer.PASSWORD + "\none\ntwo\n/users\n")) {
            erin.close();
            assertThat(erin.awaitExit()).isZero();
            // no waiting here: the client has ended, so everything it was to show is shown
            assertThat(erin.lines()).endsWith("* 1 online: erin", "* Goodbye, erin.");
        }
        assertThat(server.recentHistory(5)).extracting(line -> line.text()).containsExactly("one", "two");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/quit", "/exit", "/bye", "/EXIT", "/bye for now"})
    void everyQuitTheServerTakesEndsTheClientAtOnce(String quit) throws Exception {
        new LineClient(server.port()).register("erin", TestServer.PASSWORD).close();
        // the keyboard stays open: the client must not wait for another line
        try (Running erin = start("erin", TestServer.PASSWORD + "\n" + quit + "\n")) {
            assertThat(erin.awaitExit()).isZero();
            assertThat(erin.screen()).contains("* Goodbye, erin.").doesNotContain("Connection closed");
        }
        // the goodbye is written before the reader thread takes erin out of the room
        await().atMost(Duration.ofSeconds(10)).until(() -> server.users().isEmpty());
    }

    @Test
    void aKickEndsTheClientWithoutWaitingForAKey() throws Exception {
        new LineClient(server.port()).register("erin", TestServer.PASSWORD).close();
        try (Running erin = start("erin", TestServer.PASSWORD + "\n")) {
            erin.awaitScreen("* Online now:");
            server.kick("erin", "enough");
            assertThat(erin.awaitExit()).isZero();
            assertThat(erin.lines()).endsWith("! You were disconnected by the operator: enough",
                    "* Connection closed by the server.");
        }
    }

    @Test
    void onATerminalAStopEndsTheClientWithoutWaitingForAKey() throws Exception {
        new LineClient(server.port()).register("erin", TestServer.PASSWORD).close();
        try (Running erin = new Running(server.port(), "erin", TestServer.PASSWORD + "\r", TERMINAL)) {
            erin.awaitScreen("* Online now:");
            server.close();
            assertThat(erin.awaitExit()).isZero();
            erin.awaitScreen("* The server is shutting down. Goodbye.", "* Connection closed by the server.");
        }
    }

    @Test
    void pipedInputThatEndsBeforeTheSignInIsSaidSo() throws Exception {
        try (Running client = start(null, "")) {
            client.close();
            assertThat(client.awaitExit()).isEqualTo(1);
            assertThat(client.lines()).endsWith("Name: ", "Not signed in: the input ended.");
        }
    }

    @Test
    void aSignInTimeoutAtAPromptEndsTheClientWithoutWaitingForAKey() throws Exception {
        server.close();
        server = TestServer.start(dir, config -> config.signInTimeout(Duration.ofSeconds(1)));
        // at the name prompt, nothing typed, the keyboard open
        try (Running client = start(null, "")) {
            assertThat(client.awaitExit()).isEqualTo(1);
            assertThat(client.lines()).endsWith("Name: ", "! Sign-in took too long. Goodbye.",
                    "The server closed the connection.");
        }
    }

    @Test
    void onATerminalAStopAtThePasswordPromptEndsTheClientWithoutWaitingForAKey() throws Exception {
        new LineClient(server.port()).register("erin", TestServer.PASSWORD).close();
        try (Running erin = new Running(server.port(), "erin", "", TERMINAL)) {
            erin.awaitScreen("Password: ");
            server.close();
            // Only the ending is checked: this stream-backed terminal shows nothing written after its
            // reader was interrupted (a real one does); the lines are checked with the plain keyboard.
            assertThat(erin.awaitExit()).isEqualTo(1);
        }
    }

    // ---- over TLS ----

    private static final String REGISTER_AND_QUIT = "erin\n" + TestServer.PASSWORD + "\n" + TestServer.PASSWORD
            + "\n/quit\n";

    private KnownServers known() {
        return new KnownServers(dir.resolve("config/known_servers"));
    }

    private Running overTls(String typed, KeyboardOn keyboard, String pinned) throws IOException {
        return new Running(server.tlsPort(), null, typed, keyboard, new ChatClient.Tls(pinned, known()));
    }

    @Test
    void aSelfSignedServerIsTrustedOnFirstUseWhenThePersonSaysYesAndRememberedForNextTime() throws Exception {
        try (Running client = overTls("yes\n" + REGISTER_AND_QUIT, TERMINAL, null)) {
            assertThat(client.awaitExit()).as(client.screen()).isZero();
            assertThat(client.screen()).contains("Its fingerprint is " + server.tlsFingerprint(),
                    "Trust it and remember it?", "Welcome, erin!");
        }
        assertThat(Files.readString(known().file()).strip())
                .isEqualTo("127.0.0.1:" + server.tlsPort() + " " + server.tlsFingerprint());
        try (Running again = overTls("/quit\n", PLAIN, null)) {
            assertThat(again.awaitExit()).as(again.screen()).isZero();
            // signed in by the token the first run kept, without a question
            assertThat(again.screen()).doesNotContain("fingerprint").contains("Welcome, erin!");
        }
    }

    @Test
    void sayingNoConnectsNotAndRemembersNothing() throws Exception {
        try (Running client = overTls("no\n", TERMINAL, null)) {
            assertThat(client.awaitExit()).isEqualTo(1);
            // a terminal's output reaches the screen through JLine's pump thread, a moment after the exit
            client.awaitScreen("Not trusted; not connected.");
        }
        assertThat(known().file()).doesNotExist();
    }

    @Test
    void aChangedFingerprintIsRefusedLoudlyNamingTheLineToDelete() throws Exception {
        Files.createDirectories(known().file().getParent());
        Files.writeString(known().file(), "example.org:5443 SHA256:AA\n127.0.0.1:" + server.tlsPort() + " SHA256:"
                + "00:".repeat(31) + "00\n");
        try (Running client = overTls("yes\n" + REGISTER_AND_QUIT, TERMINAL, null)) {
            assertThat(client.awaitExit()).isEqualTo(1);
            client.awaitScreen("HAS CHANGED", "Now:        " + server.tlsFingerprint(),
                    "delete line 2 of " + known().file());
            assertThat(client.screen()).doesNotContain("Trust it");
        }
    }

    @Test
    void withPipedInputAndNoPinTheClientRefusesInsteadOfAsking() throws Exception {
        try (Running client = overTls(REGISTER_AND_QUIT, PLAIN, null)) {
            assertThat(client.awaitExit()).isEqualTo(1);
            assertThat(client.screen()).contains("With input from a pipe nothing is asked", server.tlsFingerprint(),
                    "--fingerprint").doesNotContain("Trust it");
        }
        assertThat(known().file()).doesNotExist();
    }

    @Test
    void aPinnedFingerprintIsTrustedWithoutAskingAndAnotherIsRefused() throws Exception {
        try (Running client = overTls(REGISTER_AND_QUIT, PLAIN, server.tlsFingerprint())) {
            assertThat(client.awaitExit()).as(client.screen()).isZero();
            assertThat(client.screen()).contains("Welcome, erin!").doesNotContain("not encrypted");
        }
        String other = "SHA256:" + "AB:".repeat(31) + "AB";
        try (Running client = overTls(REGISTER_AND_QUIT, PLAIN, other)) {
            assertThat(client.awaitExit()).isEqualTo(1);
            assertThat(client.screen()).contains("not the one given with --fingerprint (" + other + ")");
        }
    }
}
