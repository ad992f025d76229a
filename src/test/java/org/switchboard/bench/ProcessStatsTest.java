package org.switchboard.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProcessStatsTest {
    // utime 250 and stime 130 ticks (fields 14 and 15); the command name holds a space and a ')'
    private static final String STAT = "4242 (java) x) S 1 4242 4242 0 -1 4194560 12345 0 0 0 250 130 0 0 20 0 "
            + "31 0 1000 9000000000 80000 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0";
    private static final String STATUS = "Name:\tjava\nVmPeak:\t 9000000 kB\nVmHWM:\t  204800 kB\n"
            + "VmRSS:\t  102400 kB\nThreads:\t31\n";

    @Test
    void readsCpuTimeFromUserAndSystemTicks() {
        assertThat(ProcessStats.parse(STAT, STATUS).cpuSeconds()).isEqualTo(3.8);
    }

    @Test
    void readsResidentAndPeakMemory() {
        ProcessStats stats = ProcessStats.parse(STAT, STATUS);
        assertThat(stats.rssBytes()).isEqualTo(100L * 1024 * 1024);
        assertThat(stats.peakRssBytes()).isEqualTo(200L * 1024 * 1024);
    }

    @Test
    void refusesTextThatIsNotAStatLine() {
        assertThatThrownBy(() -> ProcessStats.parse("hello", STATUS)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readsThisVeryProcess() {
        ProcessStats self = ProcessStats.read(ProcessHandle.current().pid()).orElseThrow();
        assertThat(self.rssBytes()).isPositive();
        assertThat(self.cpuSeconds()).isPositive();
    }

    @Test
    void isEmptyForAProcessThatDoesNotExist() {
        assertThat(ProcessStats.read(Long.MAX_VALUE)).isEmpty();
    }
}
