package org.switchboard.ui.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.switchboard.server.FloodLimits;
import org.switchboard.server.ServerConfig;

class LimitsFormTest {
    private final ServerConfig defaults = ServerConfig.builder().dataDir(Path.of("data")).build();

    @Test
    void readingAndApplyingUnchangedValuesGivesTheSameLimits() {
        ServerConfig again = LimitsForm.apply(defaults, LimitsForm.read(defaults));
        assertThat(again).isEqualTo(defaults);
    }

    @Test
    void everyFieldReachesItsSetting() {
        Map<LimitsForm.Field, Integer> values = LimitsForm.read(defaults);
        values.put(LimitsForm.LINE_BYTES, 100);
        values.put(LimitsForm.FLOOD_RATE, 0);
        values.put(LimitsForm.LOGIN_FAILURES, 3);
        values.put(LimitsForm.LOGIN_LOCKOUT, 30);
        values.put(LimitsForm.PER_ADDRESS, 7);
        values.put(LimitsForm.OUTBOX_KIB, 64);
        values.put(LimitsForm.IDLE_SECONDS, 300);
        ServerConfig changed = LimitsForm.apply(defaults, values);
        assertThat(changed.maxLineBytes()).isEqualTo(100);
        assertThat(changed.flood()).isEqualTo(new FloodLimits(10, 0, 10, 50));
        assertThat(changed.login().failures()).isEqualTo(3);
        assertThat(changed.login().lockout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(changed.maxClientsPerAddress()).isEqualTo(7);
        assertThat(changed.outboxLimitBytes()).isEqualTo(64 * 1024);
        assertThat(changed.idleTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(changed.usersFile()).isEqualTo(defaults.usersFile());
    }

    @Test
    void textThatIsNotAWholeNumberIsRefusedNamingTheField() {
        assertThat(LimitsForm.parse(LimitsForm.CLIENTS, " 250 ")).isEqualTo(250);
        assertThatThrownBy(() -> LimitsForm.parse(LimitsForm.CLIENTS, "lots"))
                .hasMessage("Connections in all must be a whole number between 1 and 1000000, not 'lots'");
        assertThatThrownBy(() -> LimitsForm.parse(LimitsForm.FLOOD_RATE, ""))
                .hasMessage("Flood: then lines a second (0: off) must be a whole number between 0 and 1000000, not empty");
        assertThatThrownBy(() -> LimitsForm.parse(LimitsForm.LINE_BYTES, "8"))
                .hasMessage("Longest line (bytes) must be between 16 and 1048576, not 8");
    }

    @Test
    void aValueOutOfRangeIsRefusedWithItsLabel() {
        Map<LimitsForm.Field, Integer> values = LimitsForm.read(defaults);
        values.put(LimitsForm.PER_ADDRESS, 0);
        assertThatThrownBy(() -> LimitsForm.apply(defaults, values))
                .hasMessage("Connections from one address must be between 1 and 1000000, not 0");
    }
}
