package org.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.switchboard.auth.Authenticator;
import org.switchboard.auth.IdentityFileException;
import org.switchboard.auth.IdentityStore;
import org.switchboard.auth.LoginThrottle;
import org.switchboard.auth.PasswordHasher;
import org.switchboard.log.ActivityLog;
import org.switchboard.protocol.ChatCommand;
import org.switchboard.protocol.LineReader;
import org.switchboard.protocol.LineTooLongException;
import org.switchboard.protocol.Names;
import org.switchboard.protocol.Sanitizer;

/**
 * The sign-in state machine, then the session's command parser, fed arbitrary bytes through the line
 * codec exactly as a connection feeds them. Without JAZZER_FUZZ=1 this replays the saved inputs in
 * SignInFuzzTestInputs/ (and an empty one) as a regression test; with it, Jazzer searches for new ones.
 */
class SignInFuzzTest {
    private static final Path DIR;
    private static final AtomicInteger RUN = new AtomicInteger();
    private static final PasswordHasher HASHER = new PasswordHasher(1, 1);

    static {
        try {
            DIR = Files.createTempDirectory("signin-fuzz");
            DIR.toFile().deleteOnExit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Collects what the sign-in says, as a connection would send it. */
    static final class Transcript implements SignIn.Peer {
        final List<String> lines = new ArrayList<>();

        @Override
        public void line(String text) {
            lines.add(text);
        }

        @Override
        public void prompt(String prompt) {
            lines.add(prompt);
        }

        @Override
        public String address() {
            return "127.0.0.1:1";
        }
    }

    @FuzzTest(maxDuration = "60s")
    void signInAndSessionSurviveAnyBytes(byte[] input) throws IOException, IdentityFileException {
        Path users = DIR.resolve("users-" + RUN.incrementAndGet() + ".txt");
        Files.writeString(users, "alice " + HASHER.hash("correct horse".toCharArray()) + " -\n");
        IdentityStore store = IdentityStore.open(users);
        Authenticator auth = new Authenticator(store, HASHER,
                new LoginThrottle(ServerConfig.DEFAULT_LOGIN, Clock.systemUTC()));
        Transcript peer = new Transcript();
        try (ActivityLog log = new ActivityLog(DIR.resolve("server.log"), 100, Clock.systemUTC())) {
            SignIn signIn = new SignIn(auth, log, 8, peer);
            signIn.begin();
            LineReader reader = new LineReader(new ByteArrayInputStream(input), 256);
            SignIn.Outcome outcome = new SignIn.Outcome.Pending();
            String line;
            while ((line = nextLine(reader)) != null) {
                String clean = Sanitizer.clean(line);
                if (outcome instanceof SignIn.Outcome.Pending) {
                    outcome = signIn.onLine(clean);
                } else {
                    // signed in (or rejected): the rest goes to the session's parser, which never throws
                    assertThat(ChatCommand.parse(clean)).isNotNull();
                }
            }
            if (outcome instanceof SignIn.Outcome.SignedIn signedIn) {
                assertThat(Names.problem(signedIn.name())).isEmpty();
                assertThat(store.find(signedIn.name())).isPresent();
            }
        } finally {
            Files.deleteIfExists(users);
        }
        // Whatever a client sent, the server's answers carry no control characters back to it.
        for (String said : peer.lines) {
            assertThat(Sanitizer.clean(said)).isEqualTo(said);
        }
        // and the identity file is still one the server can read
        assertThat(IdentityStore.open(users).size()).isLessThanOrEqualTo(2);
    }

    private static String nextLine(LineReader reader) throws IOException {
        while (true) {
            try {
                return reader.readLine();
            } catch (LineTooLongException e) {
                // refused by the connection; the codec already skipped it
            }
        }
    }
}
