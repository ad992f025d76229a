package org.switchboard.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BenchResultTest {
    private static BenchResult result(long expected, long received, long duplicates, double cpu) {
        return new BenchResult("chat", 100, 100, 100, 1.5, 10, 20, "", 10, 50, 4, 200, expected,
                received, duplicates, 0, 1_000, 2_000, 3_000, 4_000, cpu, 64L << 20, 80L << 20);
    }

    @Test
    void lostIsWhatWasExpectedAndNotReceived() {
        assertThat(result(19_800, 19_000, 0, 1).lost()).isEqualTo(800);
        assertThat(result(19_800, 19_800, 0, 1).lost()).isZero();
    }

    @Test
    void deliveriesPerSecondCountOverTheWindow() {
        assertThat(result(19_800, 19_800, 0, 1).deliveriesPerSecond()).isEqualTo(4_950);
    }

    @Test
    void cpuPerDeliveryIsInMicroseconds() {
        assertThat(result(20_000, 20_000, 0, 0.5).serverCpuMicrosPerDelivery()).isEqualTo(25);
        assertThat(result(20_000, 20_000, 0, -1).serverCpuMicrosPerDelivery()).isEqualTo(-1);
    }

    @Test
    void isCompleteOnlyWhenEveryDeliveryArrivedOnce() {
        assertThat(result(19_800, 19_800, 0, 1).complete()).isTrue();
        assertThat(result(19_800, 19_799, 0, 1).complete()).isFalse();
        assertThat(result(19_800, 19_800, 1, 1).complete()).isFalse();
    }

    @Test
    void jsonIsOneLineWithTheFigures() {
        String json = result(19_800, 19_000, 2, 0.5).json();
        assertThat(json).doesNotContain("\n").startsWith("{").endsWith("}")
                .contains("\"expected\":19800", "\"received\":19000", "\"lost\":800", "\"duplicates\":2",
                        "\"p99Us\":2000", "\"p999Us\":3000", "\"serverCpuSeconds\":0.50", "\"firstError\":\"\"");
    }

    @Test
    void jsonQuotesErrorTexts() {
        assertThat(BenchResult.quote("a \"b\" \\ \n")).isEqualTo("\"a \\\"b\\\" \\\\ \\u000a\"");
    }

    @Test
    void tableShowsLatencyInMilliseconds() {
        assertThat(result(19_800, 19_000, 0, 0.5).table())
                .contains("p50 1.00 ms, p99 2.00 ms, p99.9 3.00 ms, max 4.00 ms")
                .contains("19000 of 19800 expected (lost 800, duplicated 0)");
    }
}
