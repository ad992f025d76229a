package org.switchboard.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A server process's CPU time and memory from Linux's {@code /proc/PID/stat} and {@code /proc/PID/status}.
 *
 * @param cpuSeconds user + system CPU time so far
 * @param rssBytes resident memory now
 * @param peakRssBytes the most resident memory so far (VmHWM)
 */
record ProcessStats(double cpuSeconds, long rssBytes, long peakRssBytes) {
    /** Clock ticks per second of the times in /proc/PID/stat: USER_HZ, 100 on every Linux build in use. */
    static final int TICKS_PER_SECOND = 100;

    /** Reads the figures of process {@code pid}; empty when it is gone or this is not Linux. */
    static Optional<ProcessStats> read(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String status = Files.readString(Path.of("/proc", Long.toString(pid), "status"));
            return Optional.of(parse(stat, status));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Parses the two files' text. */
    static ProcessStats parse(String stat, String status) {
        // The command name (field 2) is in parentheses and may hold spaces and ')': fields count from the last ')'.
        int close = stat.lastIndexOf(')');
        if (close < 0) {
            throw new IllegalArgumentException("not a /proc/PID/stat line");
        }
        String[] fields = stat.substring(close + 2).trim().split(" +");
        // fields[0] is field 3 (state); utime and stime are fields 14 and 15
        if (fields.length < 13) {
            throw new IllegalArgumentException("a /proc/PID/stat line with too few fields");
        }
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return new ProcessStats((double) ticks / TICKS_PER_SECOND, kib(status, "VmRSS:") * 1024,
                kib(status, "VmHWM:") * 1024);
    }

    private static long kib(String status, String key) {
        for (String line : status.split("\n")) {
            if (line.startsWith(key)) {
                String value = line.substring(key.length()).trim();
                int space = value.indexOf(' ');
                return Long.parseLong(space < 0 ? value : value.substring(0, space));
            }
        }
        return 0;
    }
}
