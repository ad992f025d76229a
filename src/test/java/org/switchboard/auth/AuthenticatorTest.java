package org.switchboard.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.switchboard.auth.Authenticator.PasswordCheck;

/** A password change ({@code /passwd}) replaces only the password it checked. */
class AuthenticatorTest {
    @TempDir
    Path dir;

    private Authenticator open() throws Exception {
        return new Authenticator(IdentityStore.open(dir.resolve("users.txt")), new PasswordHasher(1, 1));
    }

    @Test
    void aChangeCheckedBeforeAResetDoesNotOverwriteTheOneTimePassword() throws Exception {
        Authenticator auth = open();
        auth.register("alice", "first-pass".toCharArray());
        PasswordCheck check = auth.signIn("alice", "first-pass".toCharArray());
        assertThat(check).isInstanceOf(PasswordCheck.Accepted.class);

        String oneTime = auth.resetPassword("alice").orElseThrow();
        assertThat(auth.changePassword("alice", (PasswordCheck.Accepted) check, "second-pass".toCharArray())).isFalse();
        assertThat(auth.signIn("alice", "second-pass".toCharArray())).isInstanceOf(PasswordCheck.Wrong.class);
        assertThat(auth.signIn("alice", oneTime.toCharArray())).isInstanceOf(PasswordCheck.Reset.class);
    }

    @Test
    void aChangeReplacesThePasswordItCheckedOnce() throws Exception {
        Authenticator auth = open();
        auth.register("bob", "first-pass".toCharArray());
        var check = (PasswordCheck.Accepted) auth.signIn("bob", "first-pass".toCharArray());

        assertThat(auth.changePassword("bob", check, "second-pass".toCharArray())).isTrue();
        assertThat(auth.signIn("bob", "second-pass".toCharArray())).isInstanceOf(PasswordCheck.Accepted.class);
        assertThat(auth.signIn("bob", "first-pass".toCharArray())).isInstanceOf(PasswordCheck.Wrong.class);
        // the same check again: the password it was made on is gone
        assertThat(auth.changePassword("bob", check, "third-pass".toCharArray())).isFalse();
        assertThat(auth.signIn("bob", "second-pass".toCharArray())).isInstanceOf(PasswordCheck.Accepted.class);
    }
}
