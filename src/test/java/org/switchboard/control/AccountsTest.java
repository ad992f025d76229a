package org.switchboard.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.switchboard.log.LogEntry;
import org.switchboard.protocol.Protocol;
import org.switchboard.server.AccountInfo;
import org.switchboard.support.IrcClient;
import org.switchboard.support.LineClient;
import org.switchboard.support.ServerFixture;
import org.switchboard.support.TestServer;

/** The account commands through the operator, met by real clients on the line and IRC ports. */
class AccountsTest extends ServerFixture {
    static final String PASSWORD = TestServer.PASSWORD;
    static final String NEW_PASSWORD = "battery staple";

    Operator operator;

    @BeforeEach
    void start() {
        server = TestServer.start(dir);
        operator = new Operator(server);
    }

    private void register(String name, String password) {
        try (LineClient client = new LineClient(server.port()).register(name, password)) {
            client.send("/quit");
            client.readToEnd();
        }
    }

    /** An IRC client that has given NICK, USER and NickServ IDENTIFY with a one-time password, and was told so. */
    private IrcClient identifiedWithOneTimePassword(String name, String oneTime) {
        IrcClient client = new IrcClient(server.ircPort().orElseThrow());
        try {
            client.send("NICK " + name).send("USER u 0 * :" + name);
            client.awaitContaining("You are not signed in");
            client.send("PRIVMSG NickServ :IDENTIFY " + oneTime);
            assertThat(client.awaitContaining("NOTICE")).contains("Your password was reset by the operator.");
            return client;
        } catch (RuntimeException | AssertionError e) {
            client.close();
            throw e;
        }
    }

    /** The name prompt, the name, the password: what the server answers first. */
    private static String tryPassword(LineClient client, String name, String password) {
        client.expectPrompt(Protocol.PROMPT_NAME);
        client.send(name);
        client.expectPrompt(Protocol.PROMPT_PASSWORD);
        client.send(password);
        return client.await(line -> !line.isEmpty());
    }

    private static String oneTimePassword(Reply reply) {
        return reply.lines().stream().filter(l -> l.startsWith(Accounts.ONE_TIME_PREFIX)).findFirst().orElseThrow()
                .substring(Accounts.ONE_TIME_PREFIX.length());
    }

    private List<String> logged() {
        return server.log().tail(200).stream().map(LogEntry::message).toList();
    }

    @Test
    void deleteUserDisconnectsAnOnlineUserAndTheNameCanBeRegisteredAgain() {
        String token;
        try (LineClient alice = new LineClient(server.port()).register("alice", PASSWORD)) {
            alice.send("/token");
            token = alice.awaitContaining(Protocol.TOKEN_PREFIX).substring(Protocol.TOKEN_PREFIX.length());
            Reply reply = operator.execute("delete-user ALICE spam");
            assertThat(reply.ok()).isTrue();
            assertThat(reply.text()).isEqualTo("Deleted the account alice; they were online and are disconnected."
                    + " The name is free to register again.");
            assertThat(alice.readToEnd()).contains("! Your account was deleted by the operator: spam.");
        }
        assertThat(server.accounts()).isEmpty();
        assertThat(logged()).contains("Account deleted by the operator: alice (was online, disconnected): spam");
        try (LineClient again = new LineClient(server.port())) {
            again.expectPrompt(Protocol.PROMPT_NAME);
            again.send("alice");
            assertThat(again.next()).contains("'alice' is a new name");
        }
        register("alice", NEW_PASSWORD);
        assertThat(server.accounts()).extracting(AccountInfo::name).containsExactly("alice");
        assertThat(tokenSignIn("alice", token)).startsWith("! That token is not valid");
    }

    private String tokenSignIn(String name, String token) {
        try (LineClient client = new LineClient(server.port())) {
            client.expectPrompt(Protocol.PROMPT_NAME);
            client.send(Protocol.TOKEN_LOGIN + " " + name + " " + token);
            return client.await(line -> line.startsWith("!") || line.startsWith(Protocol.WELCOME_PREFIX));
        }
    }

    @Test
    void deleteUserOfAnUnknownNameOrWithoutOneSaysSo() {
        assertThat(operator.execute("delete-user nobody").text()).isEqualTo(
                "No account called 'nobody'. Type 'accounts' for the list.");
        assertThat(operator.execute("delete-user").text()).isEqualTo("Usage: delete-user NAME [REASON]");
        assertThat(operator.execute("reset-password").text()).isEqualTo("Usage: reset-password NAME [REASON]");
        assertThat(operator.execute("reset-password nobody").ok()).isFalse();
    }

    @Test
    void resetPasswordRefusesTheOldPasswordAtOnceAndDisconnects() {
        register("bob", PASSWORD);
        String token;
        try (LineClient bob = new LineClient(server.port()).signIn("bob", PASSWORD)) {
            bob.send("/token");
            token = bob.awaitContaining(Protocol.TOKEN_PREFIX).substring(Protocol.TOKEN_PREFIX.length());
            Reply reply = operator.execute("reset-password bob forgot it");
            assertThat(reply.ok()).isTrue();
            assertThat(reply.lines().get(0)).isEqualTo("Password of bob reset; they were online and are disconnected."
                    + " Their old password and saved tokens no longer work.");
            assertThat(oneTimePassword(reply)).matches("[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}");
            assertThat(bob.readToEnd()).anySatisfy(l -> assertThat(l).startsWith(
                    "! Your password was reset by the operator: forgot it."));
        }
        try (LineClient old = new LineClient(server.port())) {
            assertThat(tryPassword(old, "bob", PASSWORD)).startsWith("! Wrong password.");
        }
        assertThat(tokenSignIn("bob", token)).startsWith("! That token is not valid");
    }

    @Test
    void theOneTimePasswordAsksForANewPasswordTwiceAndThenTheNewOneWorks() {
        register("bob", PASSWORD);
        String oneTime = oneTimePassword(operator.execute("reset-password bob"));
        try (LineClient bob = new LineClient(server.port())) {
            assertThat(tryPassword(bob, "bob", oneTime)).startsWith("* Your password was reset by the operator."
                    + " Choose a new one to sign in");
            bob.expectPrompt(Protocol.PROMPT_NEW_PASSWORD);
            bob.send(NEW_PASSWORD);
            bob.expectPrompt(Protocol.PROMPT_REPEAT_PASSWORD);
            bob.send("not the same");
            assertThat(bob.awaitContaining("!")).isEqualTo("! The passwords do not match. Choose a password again.");
            bob.expectPrompt(Protocol.PROMPT_NEW_PASSWORD);
            bob.send(NEW_PASSWORD);
            bob.expectPrompt(Protocol.PROMPT_REPEAT_PASSWORD);
            bob.send(NEW_PASSWORD);
            assertThat(bob.next()).isEqualTo("Welcome, bob!");
        }
        try (LineClient once = new LineClient(server.port())) {
            assertThat(tryPassword(once, "bob", oneTime)).startsWith("! Wrong password.");
        }
        new LineClient(server.port()).signIn("bob", NEW_PASSWORD).close();
        assertThat(String.join("\n", logged())).contains("Password reset by the operator: bob (one-time password"
                + " issued, tokens revoked)", "New password chosen after a reset: bob from ").doesNotContain(oneTime);
    }

    @Test
    void anIrcClientSignsInWithTheOneTimePasswordOnlyToSetANewOne() {
        register("carol", PASSWORD);
        String oneTime = oneTimePassword(operator.execute("reset-password carol"));
        try (IrcClient carol = new IrcClient(server.ircPort().orElseThrow())) {
            carol.send("CAP LS 302").send("NICK carol").send("USER u 0 * :Carol");
            carol.awaitContaining(" CAP * LS ");
            carol.send("CAP REQ :sasl");
            carol.awaitContaining(" ACK ");
            carol.send("AUTHENTICATE PLAIN");
            carol.awaitContaining("AUTHENTICATE +");
            carol.send("AUTHENTICATE " + IrcClient.plain("carol", oneTime));
            carol.awaitNumeric("903");
            carol.send("CAP END");
            carol.awaitNumeric("001");
            assertThat(carol.awaitContaining("NOTICE")).isEqualTo(":NickServ!NickServ@switchboard NOTICE carol"
                    + " :Your password was reset by the operator. Choose a new one: /msg NickServ SET PASSWORD"
                    + " newpassword (at least 8 characters). Until then you cannot chat.");
            carol.send("PRIVMSG #switchboard :hello");
            assertThat(carol.awaitNumeric("451")).endsWith(
                    ":Choose a new password first: /msg NickServ SET PASSWORD newpassword");
            assertThat(server.users()).isEmpty();
            carol.send("PRIVMSG NickServ :SET PASSWORD " + NEW_PASSWORD);
            assertThat(carol.awaitContaining("NOTICE")).endsWith(
                    ":Your new password is set, and you are signed in as carol.");
            assertThat(carol.awaitContaining(" JOIN ")).isEqualTo(":carol!carol@switchboard JOIN #switchboard");
        }
        try (IrcClient again = new IrcClient(server.ircPort().orElseThrow())) {
            again.signIn("carol", NEW_PASSWORD);
        }
    }

    @Test
    void anIrcClientIdentifyingWithTheOneTimePasswordIsNotLetIntoTheChannel() {
        register("dave", PASSWORD);
        String oneTime = oneTimePassword(operator.execute("reset-password dave"));
        try (IrcClient dave = identifiedWithOneTimePassword("dave", oneTime)) {
            dave.send("JOIN #switchboard");
            assertThat(dave.awaitNumeric("451")).contains("SET PASSWORD");
            dave.send("PRIVMSG NickServ :SET PASSWORD short");
            assertThat(dave.awaitContaining("NOTICE")).endsWith(":A password needs at least 8 characters.");
            dave.send("PRIVMSG NickServ :SET PASSWORD " + NEW_PASSWORD);
            dave.awaitContaining(" JOIN ");
        }
    }

    static final String ONE_TIME_GONE = "! Your one-time password no longer works: the account was deleted or its"
            + " password reset again meanwhile. Goodbye.";
    static final String CAROLS_PASSWORD = "carol's own secret";

    @Test
    void aOneTimePasswordWaitingWhileTheNameIsDeletedAndRegisteredAgainCannotTakeTheNewAccount() {
        register("bob", PASSWORD);
        String oneTime = oneTimePassword(operator.execute("reset-password bob"));
        try (LineClient waiting = new LineClient(server.port())) {
            assertThat(tryPassword(waiting, "bob", oneTime)).startsWith("* Your password was reset");
            waiting.expectPrompt(Protocol.PROMPT_NEW_PASSWORD);
            assertThat(operator.execute("delete-user bob").ok()).isTrue();
            register("bob", CAROLS_PASSWORD); // Carol takes the free name
            waiting.send(NEW_PASSWORD);
            waiting.expectPrompt(Protocol.PROMPT_REPEAT_PASSWORD);
            waiting.send(NEW_PASSWORD);
            assertThat(waiting.readToEnd()).contains(ONE_TIME_GONE).doesNotContain("Welcome, bob!");
        }
        new LineClient(server.port()).signIn("bob", CAROLS_PASSWORD).close();
        try (LineClient late = new LineClient(server.port())) {
            assertThat(tryPassword(late, "bob", NEW_PASSWORD)).startsWith("! Wrong password.");
        }
        assertThat(logged()).anySatisfy(l -> assertThat(l).startsWith("New password after a reset refused: bob"));
    }

    @Test
    void anIrcOneTimePasswordWaitingWhileTheNameIsDeletedAndRegisteredAgainCannotTakeTheNewAccount() {
        register("dave", PASSWORD);
        String oneTime = oneTimePassword(operator.execute("reset-password dave"));
        try (IrcClient dave = identifiedWithOneTimePassword("dave", oneTime)) {
            assertThat(operator.execute("delete-user dave").ok()).isTrue();
            register("dave", CAROLS_PASSWORD);
            dave.send("PRIVMSG NickServ :SET PASSWORD " + NEW_PASSWORD);
            List<String> rest = dave.readToEnd();
            assertThat(rest).anySatisfy(l -> assertThat(l).contains(" NOTICE dave :Your one-time password no"
                    + " longer works"));
            assertThat(rest.get(rest.size() - 1)).startsWith("ERROR :Closing link:");
            assertThat(rest).noneMatch(l -> l.contains(" JOIN "));
        }
        new LineClient(server.port()).signIn("dave", CAROLS_PASSWORD).close();
    }

    @Test
    void deleteUserDisconnectsAnIrcUserWhoLeftTheChannel() {
        register("erin", PASSWORD);
        try (IrcClient erin = new IrcClient(server.ircPort().orElseThrow()).signIn("erin", PASSWORD)) {
            erin.send("PART #switchboard");
            erin.awaitContaining(" PART #switchboard");
            await().atMost(Duration.ofSeconds(5)).until(() -> server.users().isEmpty());
            // out of the room but still signed in: online all the same
            assertThat(server.accounts()).singleElement().satisfies(a -> assertThat(a.online()).isTrue());
            assertThat(operator.execute("accounts").lines().get(0)).isEqualTo("1 account, 1 online:");
            Reply reply = operator.execute("delete-user erin");
            assertThat(reply.text()).contains("they were online and are disconnected");
            erin.send("JOIN #switchboard");
            List<String> rest = erin.readToEnd();
            assertThat(rest).anySatisfy(l -> assertThat(l).startsWith("ERROR :")
                    .contains("Your account was deleted by the operator."));
            assertThat(rest).noneMatch(l -> l.contains(" JOIN "));
        }
    }

    @Test
    void clearUsersKeepsAnOwnerOnlyBackupThatRestoreUsersPutsBack() throws Exception {
        register("alice", PASSWORD);
        register("bob", PASSWORD);
        Reply cleared = operator.execute("clear-users");
        assertThat(cleared.ok()).isTrue();
        assertThat(cleared.lines().get(0)).isEqualTo("Identity file cleared: 2 user(s) removed. Everyone registers"
                + " again.");
        Path backup;
        try (Stream<Path> files = Files.list(dir)) {
            backup = files.filter(p -> p.getFileName().toString().matches(
                    "users\\.txt\\.\\d{4}-\\d\\d-\\d\\dT\\d\\d-\\d\\d-\\d\\d\\.bak")).findFirst().orElseThrow();
        }
        assertThat(cleared.lines().get(1)).isEqualTo("Backup kept in " + backup.toAbsolutePath()
                + " (restore-users puts it back).");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(backup))).isEqualTo("rw-------");
        assertThat(Files.readString(backup)).contains("\nalice pbkdf2-sha256:", "\nbob pbkdf2-sha256:");
        assertThat(server.registeredUsers()).isZero();
        assertThat(logged()).contains("Identity file cleared: 2 user(s) removed; backup kept in "
                + backup.toAbsolutePath());

        Reply restored = operator.execute("restore-users");
        assertThat(restored.text()).isEqualTo("Identity file restored from " + backup.toAbsolutePath()
                + ": 2 user(s) back.");
        new LineClient(server.port()).signIn("alice", PASSWORD).close();
        new LineClient(server.port()).signIn("bob", PASSWORD).close();
    }

    @Test
    void aNameRegisteredBetweenClearAndRestoreKeepsItsNewPasswordAndIsReported() {
        register("alice", PASSWORD);
        register("bob", PASSWORD);
        operator.execute("clear-users");
        register("bob", NEW_PASSWORD);
        Reply restored = operator.execute("restore-users");
        assertThat(restored.lines()).hasSize(2);
        assertThat(restored.lines().get(0)).endsWith(": 1 user(s) back.");
        assertThat(restored.lines().get(1)).isEqualTo("Registered again since the clear, kept with their new"
                + " password: bob. Their backup record was not restored.");
        assertThat(server.accounts()).extracting(AccountInfo::name).containsExactly("alice", "bob");
        new LineClient(server.port()).signIn("bob", NEW_PASSWORD).close();
        new LineClient(server.port()).signIn("alice", PASSWORD).close();
        try (LineClient oldBob = new LineClient(server.port())) {
            assertThat(tryPassword(oldBob, "bob", PASSWORD)).startsWith("! Wrong password.");
        }
        assertThat(logged()).anySatisfy(l -> assertThat(l).endsWith(
                "1 user(s) back; registered since the clear, kept with their new password: bob"));
    }

    @Test
    void restoreUsersPutsTheNewestOfSeveralBackupsBack() {
        register("alice", PASSWORD);
        operator.execute("clear-users");
        register("bob", PASSWORD);
        operator.execute("clear-users"); // the same second, most likely: the second backup gets a number
        Reply restored = operator.execute("restore-users");
        assertThat(restored.text()).endsWith(": 1 user(s) back.");
        assertThat(server.accounts()).extracting(AccountInfo::name).containsExactly("bob");
    }

    @Test
    void clearUsersOnAnEmptyIdentityFileWritesNoBackupAndRestoreStillPutsTheUsersBack() throws Exception {
        register("alice", PASSWORD);
        operator.execute("clear-users");
        Reply again = operator.execute("clear-users");
        assertThat(again.ok()).isTrue();
        assertThat(again.text()).isEqualTo("The identity file is already empty: nothing to clear, and no backup"
                + " written (restore-users still puts back the newest one).");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.filter(p -> p.getFileName().toString().endsWith(".bak"))).hasSize(1);
        }
        assertThat(operator.execute("restore-users").text()).endsWith(": 1 user(s) back.");
        new LineClient(server.port()).signIn("alice", PASSWORD).close();
    }

    @Test
    void restoreUsersWithoutABackupSaysSo() {
        Reply reply = operator.execute("restore-users");
        assertThat(reply.ok()).isFalse();
        assertThat(reply.text()).isEqualTo("There is no backup of the identity file to restore (clear-users keeps"
                + " one).");
    }

    @Test
    void accountsListsTheNamesWithTheirTimesTokensAndWhoIsOnlineAndFilters() {
        register("alice", PASSWORD);
        register("bob", PASSWORD);
        try (LineClient bob = new LineClient(server.port()).signIn("bob", PASSWORD)) {
            bob.send("/token");
            bob.awaitContaining(Protocol.TOKEN_PREFIX);
            Reply all = operator.execute("accounts");
            assertThat(all.lines().get(0)).isEqualTo("2 accounts, 1 online:");
            assertThat(all.lines().get(1)).matches(" +NAME +REGISTERED +LAST SEEN +TOKENS +ONLINE +BANNED");
            assertThat(all.lines().get(2)).matches(" +alice +\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d +\\d{4}-\\d\\d-\\d\\d"
                    + " \\d\\d:\\d\\d +0 +no +no");
            assertThat(all.lines().get(3)).matches(" +bob +\\d{4}-\\S+ \\S+ +\\d{4}-\\S+ \\S+ +1 +yes +no");
            Reply filtered = operator.execute("accounts LI");
            assertThat(filtered.lines()).hasSize(3);
            assertThat(filtered.lines().get(0)).isEqualTo("1 account matching 'LI', 0 online:");
            assertThat(operator.execute("accounts zed").text()).isEqualTo("No account matches 'zed'.");
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> server.accounts().stream().noneMatch(AccountInfo::online));
    }

    @Test
    void accountsSaysWhoIsBannedAndUntilWhen() {
        register("alice", PASSWORD);
        register("carol", PASSWORD);
        operator.execute("ban ALICE spam");
        operator.execute("ban carol 2h");

        List<String> lines = operator.execute("accounts").lines();
        assertThat(lines.get(2)).matches(" +alice .* +no +yes, until the operator lifts it");
        assertThat(lines.get(3)).matches(" +carol .* +no +yes, until \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d \\S+");
        assertThat(server.accounts()).extracting(AccountInfo::name, AccountInfo::banned)
                .containsExactly(tuple("alice", true), tuple("carol", true));
        operator.execute("unban alice");
        assertThat(operator.execute("accounts alice").lines().get(2)).matches(" +alice .* +no +no");
    }

    @Test
    void helpListsTheAccountCommands() {
        assertThat(operator.execute("help").text()).contains("accounts [FILTER]", "delete-user NAME [REASON]",
                "reset-password NAME [REASON]", "restore-users", "keeping a backup");
    }
}
