package org.switchboard.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.switchboard.support.ManualClock;

class LoginThrottleTest {
    final ManualClock clock = new ManualClock();
    /** The server's default rule (ServerConfig.DEFAULT_LOGIN), written out: auth sits below the server. */
    final LoginThrottle throttle = new LoginThrottle(
            new LoginThrottle.Policy(5, Duration.ofMinutes(10), Duration.ofMinutes(10)), clock);

    @Test
    void theFifthWrongPasswordWithinTenMinutesLocksTheNameForTenMinutes() {
        for (int i = 0; i < 4; i++) {
            assertThat(throttle.failed("alice")).isFalse();
            clock.advance(Duration.ofMinutes(2));
        }
        assertThat(throttle.lockedFor("alice")).isEmpty();
        assertThat(throttle.failed("ALICE")).isTrue();
        assertThat(throttle.lockedFor("alice")).contains(Duration.ofMinutes(10));
        clock.advance(Duration.ofMinutes(9));
        assertThat(throttle.lockedFor("Alice")).contains(Duration.ofMinutes(1));
        clock.advance(Duration.ofMinutes(1));
        assertThat(throttle.lockedFor("alice")).isEmpty();
    }

    @Test
    void failuresOlderThanTheWindowDoNotCount() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("alice");
        }
        clock.advance(Duration.ofMinutes(10));
        assertThat(throttle.failed("alice")).isFalse();
        assertThat(throttle.lockedFor("alice")).isEmpty();
    }

    @Test
    void aRightPasswordForgetsEarlierFailures() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("alice");
        }
        throttle.succeeded("alice");
        assertThat(throttle.failed("alice")).isFalse();
    }

    @Test
    void oneNameLockedLeavesOthersAlone() {
        for (int i = 0; i < 5; i++) {
            throttle.failed("alice");
        }
        assertThat(throttle.lockedFor("alice")).isPresent();
        assertThat(throttle.lockedFor("bob")).isEmpty();
    }

    @Test
    void zeroFailuresSwitchesTheThrottleOff() {
        LoginThrottle off = new LoginThrottle(LoginThrottle.Policy.OFF, clock);
        for (int i = 0; i < 100; i++) {
            assertThat(off.failed("alice")).isFalse();
        }
        assertThat(off.lockedFor("alice")).isEmpty();
    }

    @Test
    void aPolicyWithoutAWindowIsRefused() {
        assertThatThrownBy(() -> new LoginThrottle.Policy(5, Duration.ZERO, Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
        assertThatThrownBy(() -> new LoginThrottle.Policy(-1, Duration.ofMinutes(1), Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
