package org.switchboard.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BenchConfigTest {
    static BenchConfig config(int clients, int senders, double rate, double warmupSeconds, double seconds) {
        return new BenchConfig("127.0.0.1", 5050, BenchProtocol.CHAT, clients, 1000, senders, rate,
                Duration.ofMillis(Math.round(warmupSeconds * 1000)), Duration.ofMillis(Math.round(seconds * 1000)),
                Duration.ofSeconds(5), Duration.ofSeconds(60), 10, "bench", "bench-password", "#bench", 2, 0, false, false);
    }

    @Test
    void schedulesLinesEvenlyAtTheRate() {
        BenchConfig config = config(10, 2, 2000, 1, 2);
        assertThat(config.offsetNanos(0)).isZero();
        assertThat(config.offsetNanos(1)).isEqualTo(500_000);
        assertThat(config.offsetNanos(2000)).isEqualTo(1_000_000_000);
        assertThat(config.plannedLines()).isEqualTo(6000);
    }

    @Test
    void countsOnlyLinesAfterTheWarmUp() {
        BenchConfig config = config(10, 2, 100, 1, 2);
        assertThat(config.measured(99)).isFalse();
        assertThat(config.measured(100)).isTrue();
        assertThat(config.measured(299)).isTrue();
    }

    @Test
    void refusesMoreSendersThanClients() {
        assertThatThrownBy(() -> config(10, 11, 100, 1, 2)).hasMessageContaining("senders");
    }

    @Test
    void refusesANonPositiveRateOrDuration() {
        assertThatThrownBy(() -> config(10, 2, 0, 1, 2)).hasMessageContaining("rate");
        assertThatThrownBy(() -> config(10, 2, 100, 1, 0)).hasMessageContaining("duration");
    }

    @Test
    void refusesMoreClientsThanTheLoopbackAddressesHold() {
        assertThatThrownBy(() -> new BenchConfig("127.0.0.1", 5050, BenchProtocol.CHAT, 200_000, 1000, 1, 1,
                Duration.ZERO, Duration.ofSeconds(1), Duration.ZERO, Duration.ofSeconds(1), 1, "bench", "pw",
                "#bench", 2, 0, false, false)).hasMessageContaining("--per-address");
    }
}
