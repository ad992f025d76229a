package org.switchboard.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.switchboard.support.LineClient;
import org.switchboard.support.ServerFixture;
import org.switchboard.support.TestServer;

/** The console client against a real server, its keyboard a pipe and its screen a buffer. */
class ChatClientTest extends ServerFixture {
    TokenFile tokens;

    @BeforeEach
    void start() {
        server = TestServer.start(dir);
        tokens = new TokenFile(dir.resolve("config/tokens"));
    }

    /** Incoming lines are printed by the client's reader thread: waits until every expected text is shown. */
    private static String awaitScreen(ByteArrayOutputStream screen, String... expected) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(
                () -> assertThat(screen.toString(StandardCharsets.UTF_8)).contains(expected));
        return screen.toString(StandardCharsets.UTF_8);
    }

    private ByteArrayOutputStream runClient(String name, String typed) throws IOException {
        return runClient(name, typed, server.port(), 0);
    }

    /** Runs the client with a keyboard that is a pipe holding {@code typed}; returns the screen. */
    private ByteArrayOutputStream runClient(String name, String typed, int port, int expectedCode)
            throws IOException {
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        // A pipe, not a finished stream: like a keyboard, it stays open while the client runs.
        PipedOutputStream typing = new PipedOutputStream();
        BufferedReader keys = new BufferedReader(new InputStreamReader(
                new PipedInputStream(typing, 1 << 16), StandardCharsets.UTF_8));
        try (typing) {
            typing.write(typed.getBytes(StandardCharsets.UTF_8));
            typing.flush();
            Keyboard keyboard = Keyboard.of(keys, new PrintWriter(screen, true, StandardCharsets.UTF_8));
            int code = new ChatClient(new ChatClient.Options("127.0.0.1", port, name, true, tokens), keyboard).run();
            assertThat(code).as(screen.toString(StandardCharsets.UTF_8)).isEqualTo(expectedCode);
        }
        return screen;
    }

    @Test
    void registersChatsAndIsSignedInByTokenNextTime() throws Exception {
        try (LineClient bob = new LineClient(server.port()).register("bob", TestServer.PASSWORD)) {
            String pw = TestServer.PASSWORD;
            String screen = awaitScreen(runClient(null, "alice\n" + pw + "\n" + pw + "\nhello bob\n/quit\n"),
                    "Name: ", "Welcome, alice!", "* Goodbye, alice.");
            assertThat(screen).doesNotContain(pw);
            assertThat(bob.awaitContaining("alice:")).endsWith("alice: hello bob");
            bob.awaitContaining("* alice left");
            String server = "127.0.0.1:" + this.server.port();
            assertThat(tokens.find(server)).isPresent();
            String firstToken = tokens.find(server).orElseThrow().token();

            String second = awaitScreen(runClient(null, "back again\n/quit\n"), "Welcome, alice!", "Goodbye");
            assertThat(second).doesNotContain("Password: ");
            assertThat(bob.awaitContaining("alice:")).endsWith("alice: back again");
            assertThat(tokens.find(server).orElseThrow().token()).isNotEqualTo(firstToken);
        }
    }

    @Test
    void withAGivenNameOnlyThePasswordIsAsked() throws Exception {
        new LineClient(server.port()).register("carol", TestServer.PASSWORD).close();
        String screen = awaitScreen(runClient("carol", TestServer.PASSWORD + "\n/quit\n"),
                "Password: ", "Welcome, carol!", "Goodbye");
        assertThat(screen).doesNotContain("Name: ");
    }

    @Test
    void aDeadTokenFallsBackToThePassword() throws Exception {
        new LineClient(server.port()).register("dave", TestServer.PASSWORD).close();
        tokens.save("127.0.0.1:" + server.port(), "dave", "not-a-real-token");
        awaitScreen(runClient(null, "dave\n" + TestServer.PASSWORD + "\n/quit\n"),
                "! That token is not valid", "Welcome, dave!");
    }

    @Test
    void noServerIsAClearError() throws Exception {
        int port = server.port();
        server.close();
        awaitScreen(runClient(null, "", port, 1), "Nothing is listening on 127.0.0.1:" + port);
    }
}
