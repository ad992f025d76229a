package org.switchboard.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdentityStoreTest {
    @TempDir
    Path dir;

    private final PasswordHasher hasher = new PasswordHasher(1_000, 2);

    @Test
    void aMissingFileIsAnEmptyStoreAndTheFirstChangeCreatesItOwnerOnly() throws Exception {
        Path file = dir.resolve("users.txt");
        IdentityStore store = IdentityStore.open(file);
        assertThat(store.size()).isZero();
        assertThat(store.register("alice", hasher.hash("pw".toCharArray()))).isTrue();
        assertThat(Files.readString(file)).startsWith("# Switchboard identity file").contains("\nalice pbkdf2-sha256:");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void whatIsWrittenIsReadBack() throws Exception {
        Path file = dir.resolve("users.txt");
        IdentityStore store = IdentityStore.open(file);
        store.register("alice", hasher.hash("one".toCharArray()));
        store.register("Bob", hasher.hash("two".toCharArray()));
        store.addToken("bob", Tokens.hash("t1"));
        IdentityStore again = IdentityStore.open(file);
        assertThat(again.size()).isEqualTo(2);
        assertThat(again.find("BOB").orElseThrow().name()).isEqualTo("Bob");
        assertThat(again.find("bob").orElseThrow().tokenHashes()).containsExactly(Tokens.hash("t1"));
        assertThat(hasher.verify("one".toCharArray(), again.find("alice").orElseThrow().passwordHash())).isTrue();
    }

    @Test
    void namesAreUniqueRegardlessOfCase() throws Exception {
        IdentityStore store = IdentityStore.open(dir.resolve("users.txt"));
        assertThat(store.register("Alice", hasher.hash("a".toCharArray()))).isTrue();
        assertThat(store.register("aLICE", hasher.hash("b".toCharArray()))).isFalse();
    }

    @Test
    void ofManyConcurrentRegistrationsOfOneNameExactlyOneWins() throws Exception {
        IdentityStore store = IdentityStore.open(dir.resolve("users.txt"));
        String hash = hasher.hash("pw".toCharArray());
        List<Callable<Boolean>> attempts = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            String name = i % 2 == 0 ? "carol" : "CAROL";
            attempts.add(() -> store.register(name, hash));
        }
        int wins = 0;
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (Future<Boolean> result : pool.invokeAll(attempts)) {
                wins += result.get() ? 1 : 0;
            }
        }
        assertThat(wins).isEqualTo(1);
        assertThat(IdentityStore.open(dir.resolve("users.txt")).size()).isEqualTo(1);
    }

    @Test
    void aTokenRedeemsOnceAndOnlyTheNewestAreKept() throws Exception {
        IdentityStore store = IdentityStore.open(dir.resolve("users.txt"));
        store.register("alice", hasher.hash("pw".toCharArray()));
        for (int i = 0; i < IdentityStore.MAX_TOKENS + 2; i++) {
            store.addToken("alice", Tokens.hash("token" + i));
        }
        assertThat(store.find("alice").orElseThrow().tokenHashes()).hasSize(IdentityStore.MAX_TOKENS);
        assertThat(store.redeemToken("alice", Tokens.hash("token0"))).isFalse();
        assertThat(store.redeemToken("alice", Tokens.hash("token9"))).isTrue();
        assertThat(store.redeemToken("alice", Tokens.hash("token9"))).isFalse();
    }

    @Test
    void clearRemovesEveryoneAndKeepsTheExplainingHeader() throws Exception {
        Path file = dir.resolve("users.txt");
        IdentityStore store = IdentityStore.open(file);
        store.register("alice", hasher.hash("pw".toCharArray()));
        store.register("bob", hasher.hash("pw".toCharArray()));
        assertThat(store.clear()).isEqualTo(2);
        assertThat(Files.readString(file)).isEqualTo(IdentityFile.HEADER);
        assertThat(IdentityStore.open(file).size()).isZero();
    }

    @Test
    void aMalformedFileIsRefusedWithFileLineAndProblemAndLeftUntouched() throws Exception {
        Path file = dir.resolve("users.txt");
        String content = "# comment\nalice notahash -\n";
        Files.writeString(file, content);
        assertThatThrownBy(() -> IdentityStore.open(file)).isInstanceOf(IdentityFileException.class)
                .hasMessage(file + ":2: the password hash is not of the form pbkdf2-sha256:ITERATIONS:SALT:HASH");
        assertThat(Files.readString(file)).isEqualTo(content);
    }

    @Test
    void wrongFieldCountsAndDuplicatesAreReportedByLine() throws Exception {
        Path file = dir.resolve("users.txt");
        String hash = hasher.hash("pw".toCharArray());
        Files.writeString(file, "alice " + hash + "\n");
        assertThatThrownBy(() -> IdentityStore.open(file)).hasMessageContaining(":1: expected 5 fields");
        Files.writeString(file, "alice " + hash + " -\nALICE " + hash + " -\n");
        assertThatThrownBy(() -> IdentityStore.open(file)).hasMessageContaining(":2: the name 'ALICE' is there twice");
    }

    @Test
    void aReservedNameWrittenIntoTheFileIsReadWhileAMalformedOneIsRefused() throws Exception {
        Path file = dir.resolve("users.txt");
        String hash = hasher.hash("pw".toCharArray());
        Files.writeString(file, "admin " + hash + " -\n");
        assertThat(IdentityStore.open(file).find("admin")).isPresent();
        Files.writeString(file, "reserved:admin " + hash + " -\n");
        assertThatThrownBy(() -> IdentityStore.open(file)).hasMessage(file
                + ":1: bad name 'reserved:admin': A name uses only letters, digits, _ - and . (no spaces).");
    }

    @Test
    void noTemporaryFilesAreLeftBehind() throws Exception {
        IdentityStore store = IdentityStore.open(dir.resolve("users.txt"));
        store.register("alice", hasher.hash("pw".toCharArray()));
        store.addToken("alice", Tokens.hash("x"));
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("users.txt");
        }
    }

    @Test
    void aChangeThatCannotBeWrittenFailsAndIsUndoneWhileLaterChangesStillWork() throws Exception {
        Path file = dir.resolve("users.txt");
        IdentityStore store = IdentityStore.open(file);
        store.register("alice", hasher.hash("pw".toCharArray()));
        String before = Files.readString(file);
        // A non-empty folder where the file should be: the atomic rename over it fails.
        Files.delete(file);
        Files.createDirectories(file.resolve("blocker"));
        assertThatThrownBy(() -> store.register("bob", hasher.hash("pw".toCharArray())))
                .isInstanceOf(java.io.UncheckedIOException.class).hasMessageContaining("identity file");
        assertThat(store.find("bob")).isEmpty();
        assertThat(store.find("alice")).isPresent();
        Files.delete(file.resolve("blocker"));
        Files.delete(file);
        assertThat(store.register("carol", hasher.hash("pw".toCharArray()))).isTrue();
        IdentityStore reread = IdentityStore.open(file);
        assertThat(reread.find("alice")).isPresent();
        assertThat(reread.find("carol")).isPresent();
        assertThat(reread.find("bob")).isEmpty();
        assertThat(before).contains("alice");
    }

    @Test
    void aRegistrationStormIsDurableAndCostsFewerWritesThanRegistrations() throws Exception {
        Path file = dir.resolve("users.txt");
        IdentityStore store = IdentityStore.open(file);
        String hash = hasher.hash("pw".toCharArray());
        int users = 400;
        List<Callable<Boolean>> registrations = new ArrayList<>();
        for (int i = 0; i < users; i++) {
            String name = "user" + i;
            registrations.add(() -> store.register(name, hash));
        }
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Future<Boolean> result : pool.invokeAll(registrations)) {
                assertThat(result.get()).isTrue();
            }
        }
        assertThat(IdentityStore.open(file).size()).isEqualTo(users);
        assertThat(store.writes()).isLessThan(users);
    }

    @Test
    void aFileInTheThreeFieldFormatIsReadAsItIsAndWrittenInTheNewFormatAtTheNextChange() throws Exception {
        Path file = dir.resolve("users.txt");
        String alice = hasher.hash("one".toCharArray());
        String bob = hasher.hash("two".toCharArray());
        Files.writeString(file, "# an identity file of an older server\nalice " + alice + " -\nBob " + bob + " "
                + Tokens.hash("t1") + "\n");
        IdentityStore store = IdentityStore.open(file);
        UserRecord old = store.find("alice").orElseThrow();
        assertThat(old.registered()).isNull();
        assertThat(old.lastSeen()).isNull();
        assertThat(store.redeemToken("bob", Tokens.hash("t1"))).isTrue();
        List<String> lines = Files.readAllLines(file).stream().filter(l -> !l.startsWith("#")).toList();
        assertThat(lines).containsExactly("alice " + alice + " - - -", "Bob " + bob + " - - -");
        IdentityStore again = IdentityStore.open(file);
        assertThat(hasher.verify("one".toCharArray(), again.find("alice").orElseThrow().passwordHash())).isTrue();
        assertThat(hasher.verify("two".toCharArray(), again.find("bob").orElseThrow().passwordHash())).isTrue();
    }

    @Test
    void registrationAndLastSeenTimesAndTheOneTimeMarkAreWrittenAndReadBack() throws Exception {
        Path file = dir.resolve("users.txt");
        java.time.Instant registered = java.time.Instant.parse("2026-12-01T23:59:59Z");
        IdentityStore store = IdentityStore.open(file, java.time.Clock.fixed(registered, java.time.ZoneOffset.UTC));
        store.register("alice", hasher.hash("one".toCharArray()));
        store.seen("alice", registered.plusSeconds(90).plusMillis(500));
        store.setPassword("alice", hasher.hash("once".toCharArray()), true);
        assertThat(Files.readString(file)).contains(" once:pbkdf2-sha256:", " - 2026-12-01T23:59:59Z 2026-12-02T00:01:29Z\n");
        UserRecord read = IdentityStore.open(file).find("alice").orElseThrow();
        assertThat(read.registered()).isEqualTo(registered);
        assertThat(read.lastSeen()).isEqualTo(registered.plusSeconds(90));
        assertThat(read.oneTimePassword()).isTrue();
        assertThat(hasher.verify("once".toCharArray(), read.passwordHash())).isTrue();
    }

    @Test
    void lastSeenWritesNothingUntilTheNextChangeOrFlushCarriesIt() throws Exception {
        Path file = dir.resolve("users.txt");
        IdentityStore store = IdentityStore.open(file);
        store.register("alice", hasher.hash("one".toCharArray()));
        long writes = store.writes();
        for (int i = 0; i < 100; i++) {
            store.seen("alice", java.time.Instant.parse("2026-12-02T00:00:00Z").plusSeconds(i));
        }
        assertThat(store.writes()).isEqualTo(writes);
        assertThat(IdentityStore.open(file).find("alice").orElseThrow().lastSeen()).isNull();
        store.flush();
        assertThat(store.writes()).isEqualTo(writes + 1);
        assertThat(IdentityStore.open(file).find("alice").orElseThrow().lastSeen())
                .isEqualTo(java.time.Instant.parse("2026-12-02T00:01:39Z"));
        store.flush();
        assertThat(store.writes()).as("nothing new to write").isEqualTo(writes + 1);
    }

    @Test
    void aBadTimeIsReportedByLine() throws Exception {
        Path file = dir.resolve("users.txt");
        Files.writeString(file, "alice " + hasher.hash("pw".toCharArray()) + " - yesterday -\n");
        assertThatThrownBy(() -> IdentityStore.open(file)).hasMessageContaining(":1: a time is not of the form");
    }

    @Test
    void aClearNeverReplacesAnExistingBackupAndThenClearsNothing() throws Exception {
        IdentityStore store = IdentityStore.open(dir.resolve("users.txt"));
        store.register("alice", "hash");
        Path backup = Files.writeString(dir.resolve("users.txt.bak"), "older backup\n");
        assertThatThrownBy(() -> store.clear(backup)).isInstanceOf(java.nio.file.FileAlreadyExistsException.class);
        assertThat(Files.readString(backup)).isEqualTo("older backup\n");
        assertThat(store.find("alice")).isPresent();
    }

    @Test
    void aPasswordIsReplacedOnlyWhileTheRecordStillHoldsTheHashThatWasChecked() throws Exception {
        IdentityStore store = IdentityStore.open(dir.resolve("users.txt"));
        store.register("bob", "own-hash");
        assertThat(store.replacePassword("bob", "own-hash", "own-new")).as("the user's own, still there").isTrue();
        assertThat(store.replacePassword("bob", "own-hash", "other")).as("changed since").isFalse();
        assertThat(store.find("bob").orElseThrow().passwordHash()).isEqualTo("own-new");
        store.setPassword("bob", "first-reset", true);
        assertThat(store.replacePassword("bob", "own-new", "other")).as("reset since /passwd checked").isFalse();
        store.setPassword("bob", "second-reset", true);
        assertThat(store.replacePassword("bob", "first-reset", "new")).as("reset again since").isFalse();
        store.delete("bob");
        store.register("bob", "carols-hash");
        assertThat(store.replacePassword("bob", "second-reset", "new")).as("registered afresh").isFalse();
        assertThat(store.find("bob").orElseThrow().passwordHash()).isEqualTo("carols-hash");
        store.setPassword("bob", "third-reset", true);
        assertThat(store.replacePassword("BOB", "third-reset", "new")).isTrue();
        assertThat(store.find("bob").orElseThrow()).extracting(UserRecord::passwordHash, UserRecord::oneTimePassword)
                .containsExactly("new", false);
        assertThat(store.replacePassword("bob", "third-reset", "newer")).as("used up").isFalse();
    }
}
