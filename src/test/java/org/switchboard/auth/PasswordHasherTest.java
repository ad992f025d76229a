package org.switchboard.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {
    private final PasswordHasher hasher = new PasswordHasher(1_000, 1);

    @Test
    void theRightPasswordVerifiesAndAWrongOneDoesNot() {
        String hash = hasher.hash("s3cret pass".toCharArray());
        assertThat(hasher.verify("s3cret pass".toCharArray(), hash)).isTrue();
        assertThat(hasher.verify("s3cret pasS".toCharArray(), hash)).isFalse();
    }

    @Test
    void eachHashHasItsOwnSaltAndNamesItsIterations() {
        String first = hasher.hash("same".toCharArray());
        String second = hasher.hash("same".toCharArray());
        assertThat(first).isNotEqualTo(second).startsWith("pbkdf2-sha256:1000:").doesNotContain("same");
        assertThat(PasswordHasher.isWellFormed(first)).isTrue();
    }

    @Test
    void aHashMadeWithOtherIterationsStillVerifies() {
        String old = new PasswordHasher(2_000, 1).hash("pw".toCharArray());
        assertThat(hasher.verify("pw".toCharArray(), old)).isTrue();
    }

    @Test
    void malformedHashesNeverVerify() {
        assertThat(hasher.verify("pw".toCharArray(), "plain")).isFalse();
        assertThat(hasher.verify("pw".toCharArray(), "pbkdf2-sha256:x:y:z")).isFalse();
        assertThat(PasswordHasher.isWellFormed("pbkdf2-sha256:10:AAAA:AAAA")).isFalse();
    }

    @Test
    void theDefaultIsOwaspsIterationCount() {
        assertThat(PasswordHasher.DEFAULT_ITERATIONS).isEqualTo(600_000);
    }

    @Test
    void tokensAreLongRandomAndStoredOnlyAsHashes() {
        String token = Tokens.newToken();
        assertThat(token).hasSize(43).isNotEqualTo(Tokens.newToken());
        assertThat(Tokens.hash(token)).startsWith("sha256:").doesNotContain(token);
        assertThat(Tokens.isWellFormedHash(Tokens.hash(token))).isTrue();
    }
}
