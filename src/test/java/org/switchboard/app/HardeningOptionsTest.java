package org.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.switchboard.auth.LoginThrottle;
import org.switchboard.server.FloodLimits;
import org.switchboard.server.ServerConfig;
import picocli.CommandLine;

class HardeningOptionsTest {
    private static ServerConfig parse(String... args) {
        ServeCommand serve = new ServeCommand();
        new CommandLine(serve).parseArgs(args);
        return serve.server.toConfig();
    }

    @Test
    void withoutOptionsEveryLimitHasItsDocumentedDefault() {
        ServerConfig config = parse();
        assertThat(config.flood()).isEqualTo(FloodLimits.DEFAULT).isEqualTo(new FloodLimits(10, 5, 10, 50));
        assertThat(config.login()).isEqualTo(ServerConfig.DEFAULT_LOGIN)
                .isEqualTo(new LoginThrottle.Policy(5, Duration.ofMinutes(10), Duration.ofMinutes(10)));
        assertThat(config.keepAlive()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.idleTimeout()).isZero();
        assertThat(config.signInTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.maxClientsPerAddress()).isEqualTo(20);
        assertThat(config.outboxLimitBytes()).isEqualTo(1 << 20);
        assertThat(config.maxLineBytes()).isEqualTo(4096);
    }

    @Test
    void benchmarksCanSwitchTheAbuseLimitsOff() {
        ServerConfig config = parse("--flood-rate", "0", "--login-failures", "0", "--keepalive", "0");
        assertThat(config.flood().enabled()).isFalse();
        assertThat(config.login().enabled()).isFalse();
        assertThat(config.keepAlive()).isZero();
    }

    @Test
    void eachLimitCanBeSet() {
        ServerConfig config = parse("--flood-burst", "3", "--flood-rate", "7", "--flood-warn", "4",
                "--flood-disconnect", "9", "--login-failures", "2", "--login-window", "30", "--login-lockout", "90",
                "--keepalive", "15", "--idle-timeout", "600");
        assertThat(config.flood()).isEqualTo(new FloodLimits(3, 7, 4, 9));
        assertThat(config.login()).isEqualTo(new LoginThrottle.Policy(2, Duration.ofSeconds(30), Duration.ofSeconds(90)));
        assertThat(config.keepAlive()).isEqualTo(Duration.ofSeconds(15));
        assertThat(config.idleTimeout()).isEqualTo(Duration.ofMinutes(10));
    }
}
