package org.switchboard.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.switchboard.server.ChatServer;
import org.switchboard.support.TestServer;

class IdentityFileHardeningTest {
    static final String HASH = new PasswordHasher(1, 1).hash("secret".toCharArray());

    @TempDir
    Path dir;

    @Test
    void aMalformedFileNamesTheFileTheLineAndTheProblem() throws Exception {
        Path file = dir.resolve("users.txt");
        Files.writeString(file, "# comment\nalice " + HASH + " -\nbob not-a-hash -\n");
        assertThatThrownBy(() -> IdentityStore.open(file))
                .isInstanceOf(IdentityFileException.class)
                .hasMessage(file + ":3: the password hash is not of the form pbkdf2-sha256:ITERATIONS:SALT:HASH");
    }

    @Test
    void aServerThatCannotReadTheIdentityFileDoesNotStartAndLeavesTheFileAsItWas() throws Exception {
        Path file = dir.resolve("users.txt");
        byte[] malformed = ("alice " + HASH + " -\nalice " + HASH + " -\ntorn line without\u0000").getBytes();
        Files.write(file, malformed);
        ChatServer server = new ChatServer(TestServer.config(dir).build());
        try {
            assertThatThrownBy(server::start).isInstanceOf(IdentityFileException.class)
                    .hasMessageContaining("users.txt:2: the name 'alice' is there twice");
            assertThatThrownBy(() -> server.accountAdmin().clear()).isInstanceOf(IdentityFileException.class);
            assertThatThrownBy(server::start).isInstanceOf(IdentityFileException.class);
        } finally {
            server.close();
        }
        assertThat(Files.readAllBytes(file)).isEqualTo(malformed);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).doesNotContain("users.txt.tmp")
                    .noneMatch(n -> n.startsWith("users.txt."));
        }
    }

    @Test
    void theFileIsOwnerOnlyAndRewrittenWhole() throws Exception {
        Path file = dir.resolve("users.txt");
        IdentityStore store = IdentityStore.open(file);
        assertThat(store.register("alice", HASH)).isTrue();
        assertThat(store.register("bob", HASH)).isTrue();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(IdentityStore.open(file).find("BOB")).isPresent();
    }

    @Test
    void manyThreadsRegisteringOneNameAtOnceLeaveExactlyOneWinner() throws Exception {
        Path file = dir.resolve("users.txt");
        IdentityStore store = IdentityStore.open(file);
        int threads = 32;
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (int i = 0; i < threads; i++) {
                String spelling = i % 2 == 0 ? "alice" : "ALICE";
                results.add(pool.submit(() -> {
                    go.await();
                    return store.register(spelling, HASH);
                }));
            }
            go.countDown();
            int winners = 0;
            for (Future<Boolean> result : results) {
                winners += result.get() ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
        }
        assertThat(IdentityStore.open(file).size()).isEqualTo(1);
        assertThat(Files.readAllLines(file).stream().filter(l -> !l.startsWith("#"))).hasSize(1);
    }
}
