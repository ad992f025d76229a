package org.switchboard.app;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Field;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.switchboard.server.ServerConfig;
import org.switchboard.server.Setting;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** The server's options take their defaults and ranges from ServerConfig: nothing is written twice. */
class ServerOptionsTest {
    /** Every option that takes a whole number, and the setting it is. */
    static final Map<String, Setting> SETTINGS = Map.ofEntries(
            entry("--port", ServerConfig.PORT),
            entry("--hash-iterations", ServerConfig.HASH_ITERATIONS),
            entry("--min-password-length", ServerConfig.MIN_PASSWORD_LENGTH),
            entry("--history-replay", ServerConfig.HISTORY_REPLAY),
            entry("--history-limit", ServerConfig.HISTORY_LIMIT),
            entry("--max-line-bytes", ServerConfig.MAX_LINE_BYTES),
            entry("--outbox-limit", ServerConfig.OUTBOX_LIMIT_BYTES),
            entry("--max-clients", ServerConfig.MAX_CLIENTS),
            entry("--max-per-address", ServerConfig.MAX_CLIENTS_PER_ADDRESS),
            entry("--sign-in-timeout", ServerConfig.SIGN_IN_TIMEOUT_SECONDS),
            entry("--login-failures", ServerConfig.LOGIN_FAILURES),
            entry("--login-window", ServerConfig.LOGIN_WINDOW_SECONDS),
            entry("--login-lockout", ServerConfig.LOGIN_LOCKOUT_SECONDS),
            entry("--flood-rate", ServerConfig.FLOOD_RATE),
            entry("--flood-burst", ServerConfig.FLOOD_BURST),
            entry("--flood-warn", ServerConfig.FLOOD_WARN),
            entry("--flood-disconnect", ServerConfig.FLOOD_DISCONNECT),
            entry("--keepalive", ServerConfig.KEEP_ALIVE_SECONDS),
            entry("--idle-timeout", ServerConfig.IDLE_TIMEOUT_SECONDS),
            entry("--write-coalesce-ms", ServerConfig.WRITE_COALESCE_MILLIS),
            entry("--write-budget", ServerConfig.WRITE_BUDGET));

    private static ServerOptions parse(String... args) {
        ServeCommand serve = new ServeCommand();
        new CommandLine(serve).parseArgs(args);
        return serve.server;
    }

    private static CommandSpec serveSpec() {
        return new CommandLine(new ServeCommand()).getCommandSpec();
    }

    @Test
    void withoutOptionsTheConfigurationIsServerConfigsDefault() {
        assertThat(parse().toConfig()).isEqualTo(ServerConfig.builder().build());
    }

    @Test
    void everyWholeNumberOptionIsASettingOfServerConfig() {
        for (OptionSpec option : serveSpec().options()) {
            if (option.userObject() instanceof Field field && field.getDeclaringClass() == ServerOptions.class
                    && (field.getType() == int.class || field.getType() == long.class)) {
                assertThat(SETTINGS).as(option.longestName()).containsKey(option.longestName());
            }
        }
    }

    @Test
    void helpShowsServerConfigsDefaultOfEveryOption() {
        CommandSpec spec = serveSpec();
        SETTINGS.forEach((name, setting) -> {
            OptionSpec option = spec.findOption(name);
            assertThat(option.defaultValueString()).as(name).isEqualTo(String.valueOf(setting.defaultValue()));
            assertThat(String.join(" ", option.description())).as(name)
                    .contains("default: " + setting.defaultValue());
        });
        // the two whose default is a word rather than ${DEFAULT-VALUE}
        assertThat(String.join(" ", spec.findOption("--mode").description()))
                .contains("(default: " + ServerConfig.DEFAULT_MODE.name().toLowerCase(Locale.ROOT) + ")");
        assertThat(String.join(" ", spec.findOption("--threads").description()))
                .contains("(default: " + ServerConfig.DEFAULT_THREADS.name().toLowerCase(Locale.ROOT) + ")");
    }

    @Test
    void eachOptionTakesExactlyItsSettingsRange() {
        SETTINGS.forEach((name, setting) -> {
            assertThatCode(() -> parse(name + "=" + setting.min()).toConfig()).as(name).doesNotThrowAnyException();
            assertThatCode(() -> parse(name + "=" + setting.max()).toConfig()).as(name).doesNotThrowAnyException();
            assertThatThrownBy(() -> parse(name + "=" + (setting.min() - 1L)).toConfig()).as(name)
                    .hasMessageStartingWith(setting.what() + " must be between " + setting.min() + " and "
                            + setting.max());
            // past the largest int, picocli itself refuses an int option
            assertThatThrownBy(() -> parse(name + "=" + (setting.max() + 1L)).toConfig()).as(name)
                    .isInstanceOfAny(IllegalArgumentException.class, CommandLine.ParameterException.class);
        });
    }

    @Test
    void aKeepAliveLongerThanTheKernelTakesIsRefused() {
        assertThatThrownBy(() -> parse("--keepalive", "86400").toConfig())
                .hasMessage("keep-alive must be between 0 and 32767 s, not 86400 s");
    }

    @Test
    void ircPortTakesOffOrANumberInItsSettingsRange() {
        assertThat(parse().toConfig().ircPort()).isEqualTo(ServerConfig.IRC_PORT.defaultValue());
        assertThat(parse("--irc-port", "off").toConfig().ircPort()).isEqualTo(ServerConfig.IRC_OFF);
        assertThat(parse("--irc-port", "0").toConfig().ircPort()).isZero();
        assertThat(parse("--irc-port", "65535").toConfig().ircPort()).isEqualTo(65535);
        assertThatThrownBy(() -> parse("--irc-port", "-1").toConfig()).hasMessageStartingWith("IRC port must be between");
        assertThatThrownBy(() -> parse("--irc-port", "65536").toConfig()).hasMessageStartingWith("IRC port must be between");
        assertThatThrownBy(() -> parse("--irc-port", "many").toConfig()).hasMessageContaining("a port number or off");
        assertThat(String.join(" ", serveSpec().findOption("--irc-port").description()))
                .contains("(default: " + ServerConfig.IRC_PORT.defaultValue() + ")");
    }

    @Test
    void theTlsPortsTakeOffOrANumberInTheirSettingsRange() {
        assertThat(parse().toConfig().ircTlsPort()).isEqualTo(ServerConfig.IRC_TLS_PORT.defaultValue()).isEqualTo(6697);
        assertThat(parse("--irc-tls-port", "off").toConfig().ircTlsPort()).isEqualTo(ServerConfig.OFF);
        assertThat(parse("--irc-tls-port", "0").toConfig().ircTlsPort()).isZero();
        assertThat(parse("--irc-tls-port", "7000").toConfig().ircTlsPort()).isEqualTo(7000);
        // -1 is what off is stored as: typed, it is out of range, not off
        assertThatThrownBy(() -> parse("--irc-tls-port", "-1").toConfig())
                .hasMessage("IRC TLS port must be between 0 and 65535, not -1");
        assertThatThrownBy(() -> parse("--tls-port", "-1").toConfig())
                .hasMessage("TLS port must be between 0 and 65535, not -1");
        assertThatThrownBy(() -> parse("--irc-tls-port", "65536").toConfig())
                .hasMessageStartingWith("IRC TLS port must be between");
        assertThatThrownBy(() -> parse("--irc-tls-port", "many").toConfig())
                .hasMessage("--irc-tls-port takes a port number (0 for any free one) or off, not 'many'");
        assertThat(String.join(" ", serveSpec().findOption("--irc-tls-port").description()))
                .contains("(default: 6697)");
    }

    @Test
    void plainTakesOnOrOff() {
        assertThat(parse().toConfig().plain()).isTrue();
        assertThat(parse("--plain", "on").toConfig().plain()).isTrue();
        ServerConfig tlsOnly = parse("--plain", "OFF").toConfig();
        assertThat(tlsOnly.plain()).isFalse();
        assertThat(tlsOnly.ircEnabled()).as("no plain IRC port either").isFalse();
        assertThat(tlsOnly.tlsOn()).isTrue();
        assertThat(tlsOnly.ircTlsEnabled()).isTrue();
        assertThatThrownBy(() -> parse("--plain", "no").toConfig()).hasMessage("--plain takes on or off, not 'no'");
    }

    @Test
    void everyPortOffIsRefusedWithTheOptionsThatDidIt() {
        assertThatThrownBy(() -> parse("--plain", "off", "--tls-port", "off", "--irc-tls-port", "off").toConfig())
                .hasMessage("every port is off: --plain off leaves only the TLS ports, and --tls-port and"
                        + " --irc-tls-port are off too");
        assertThatThrownBy(() -> parse("--plain", "off", "--tls-port", "off", "--mode", "ECHO").toConfig())
                .hasMessage("every port is off: --plain off leaves only the TLS ports, and --tls-port is off too"
                        + " (echo mode has no IRC)");
        assertThat(parse("--plain", "off", "--tls-port", "off").toConfig().ircTlsEnabled()).isTrue();
        assertThat(parse("--plain", "off", "--irc-tls-port", "off").toConfig().tlsOn()).isTrue();
    }

    @Test
    void ircChannelIsChecked() {
        assertThat(parse("--irc-channel", "#чат").toConfig().ircChannel()).isEqualTo("#чат");
        assertThatThrownBy(() -> parse("--irc-channel", "no-hash").toConfig()).hasMessageContaining("IRC channel");
        assertThatThrownBy(() -> parse("--irc-channel", "#a,b").toConfig()).hasMessageContaining("IRC channel");
    }
}
