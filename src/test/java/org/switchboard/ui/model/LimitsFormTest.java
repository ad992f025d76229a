package org.switchboard.ui.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.switchboard.auth.LoginThrottle;
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
    void theIrcSettingsAreShownReadOnlyWithWhy() {
        ServerConfig irc = defaults.toBuilder().ircPort(6697).ircChannel("#lobby").build();
        assertThat(LimitsForm.fixed(irc)).extracting(LimitsForm.Fixed::label, LimitsForm.Fixed::value)
                .containsExactly(tuple("IRC port", "6697"),
                        tuple("IRC channel", "#lobby"));
        assertThat(LimitsForm.fixed(irc))
                .allSatisfy(f -> assertThat(f.why()).contains("--irc-port", "--irc-channel"));
        assertThat(LimitsForm.fixed(irc.toBuilder().ircPort(ServerConfig.IRC_OFF).build()).getFirst().value())
                .isEqualTo("off");
        assertThat(LimitsForm.fixed(irc.toBuilder().ircPort(0).build()).getFirst().value())
                .isEqualTo("any free port (0)");
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

    /** Each field set straight on the builder, past the form: what ServerConfig itself takes. */
    static final Map<LimitsForm.Field, BiFunction<ServerConfig.Builder, Integer, ServerConfig.Builder>> DIRECT =
            Map.ofEntries(
                    Map.entry(LimitsForm.LINE_BYTES, ServerConfig.Builder::maxLineBytes),
                    Map.entry(LimitsForm.SIGN_IN_SECONDS, (b, v) -> b.signInTimeout(Duration.ofSeconds(v))),
                    Map.entry(LimitsForm.MIN_PASSWORD, ServerConfig.Builder::minPasswordLength),
                    Map.entry(LimitsForm.LOGIN_FAILURES, (b, v) -> b.login(new LoginThrottle.Policy(v,
                            Duration.ofMinutes(10), Duration.ofMinutes(10)))),
                    Map.entry(LimitsForm.LOGIN_WINDOW, (b, v) -> b.login(new LoginThrottle.Policy(5,
                            Duration.ofSeconds(v), Duration.ofMinutes(10)))),
                    Map.entry(LimitsForm.LOGIN_LOCKOUT, (b, v) -> b.login(new LoginThrottle.Policy(5,
                            Duration.ofMinutes(10), Duration.ofSeconds(v)))),
                    Map.entry(LimitsForm.FLOOD_BURST, (b, v) -> b.flood(new FloodLimits(v, 5, 10, 50))),
                    Map.entry(LimitsForm.FLOOD_RATE, (b, v) -> b.flood(new FloodLimits(10, v, 10, 50))),
                    Map.entry(LimitsForm.FLOOD_WARN, (b, v) -> b.flood(new FloodLimits(10, 5, v, 50))),
                    Map.entry(LimitsForm.FLOOD_DISCONNECT, (b, v) -> b.flood(new FloodLimits(10, 5, 10, v))),
                    Map.entry(LimitsForm.PER_ADDRESS, ServerConfig.Builder::maxClientsPerAddress),
                    Map.entry(LimitsForm.CLIENTS, ServerConfig.Builder::maxClients),
                    Map.entry(LimitsForm.OUTBOX_KIB, (b, v) -> b.outboxLimitBytes(Math.toIntExact(v * 1024L))),
                    Map.entry(LimitsForm.IDLE_SECONDS, (b, v) -> b.idleTimeout(Duration.ofSeconds(v))),
                    Map.entry(LimitsForm.KEEP_ALIVE_SECONDS, (b, v) -> b.keepAlive(Duration.ofSeconds(v))));

    @Test
    void eachFieldRefusesExactlyWhatServerConfigRefuses() {
        assertThat(DIRECT).containsOnlyKeys(LimitsForm.FIELDS);
        for (LimitsForm.Field field : LimitsForm.FIELDS) {
            assertThat(formTakes(field, field.min())).as(field.key()).isTrue();
            assertThat(formTakes(field, field.max())).as(field.key()).isTrue();
            assertThat(formTakes(field, field.min() - 1)).as(field.key()).isFalse();
            assertThat(formTakes(field, field.max() + 1)).as(field.key()).isFalse();
            for (int value : new int[] {field.min() - 1, field.min(), field.max(), field.max() + 1}) {
                assertThat(formTakes(field, value)).as(field.key() + " = " + value)
                        .isEqualTo(configTakes(field, value));
            }
        }
    }

    private boolean formTakes(LimitsForm.Field field, int value) {
        Map<LimitsForm.Field, Integer> values = LimitsForm.read(defaults);
        values.put(field, value);
        try {
            LimitsForm.apply(defaults, values);
            return true;
        } catch (IllegalArgumentException e) {
            assertThat(e).hasMessageStartingWith(field.label() + " must be between ");
            return false;
        }
    }

    private boolean configTakes(LimitsForm.Field field, int value) {
        try {
            DIRECT.get(field).apply(defaults.toBuilder(), value).build();
            return true;
        } catch (IllegalArgumentException | ArithmeticException e) {
            return false;
        }
    }
}
