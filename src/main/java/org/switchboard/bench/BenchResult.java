package org.switchboard.bench;

import java.util.Locale;

/**
 * What one bench run measured. Latencies are in microseconds, from each line's scheduled send time to
 * its arrival at a reader, so a stall on either side shows as latency instead of fewer samples.
 *
 * @param protocol what the clients spoke: {@code chat} or {@code irc}, with {@code +tls} over TLS
 * @param clients connections attempted
 * @param connected connections that were accepted
 * @param signedIn clients signed in (chat) or joined to the channel (IRC) when sending started
 * @param signInSeconds from the first connect to the last client signed in
 * @param signInP50Millis median time from connect to signed in
 * @param signInMaxMillis slowest time from connect to signed in
 * @param firstError the first problem a client met, or empty
 * @param senders clients that sent
 * @param rate lines per second asked for
 * @param seconds length of the counted window
 * @param linesSent counted lines written to the server
 * @param expected deliveries the counted lines should make: each reaches every signed-in client but its sender
 * @param received distinct counted deliveries that arrived
 * @param duplicates counted lines that arrived again at the same client, or at their own sender
 * @param disconnected clients that lost their connection after signing in
 * @param p50Micros latency median
 * @param p99Micros latency 99th percentile
 * @param p999Micros latency 99.9th percentile
 * @param maxMicros worst latency
 * @param serverCpuSeconds server CPU time in the counted window, or -1 without a server pid
 * @param serverRssBytes server resident memory at the end, or -1
 * @param serverPeakRssBytes server's peak resident memory, or -1
 */
public record BenchResult(
        String protocol,
        int clients,
        int connected,
        int signedIn,
        double signInSeconds,
        double signInP50Millis,
        double signInMaxMillis,
        String firstError,
        int senders,
        double rate,
        double seconds,
        long linesSent,
        long expected,
        long received,
        long duplicates,
        int disconnected,
        long p50Micros,
        long p99Micros,
        long p999Micros,
        long maxMicros,
        double serverCpuSeconds,
        long serverRssBytes,
        long serverPeakRssBytes) {

    /** Deliveries that should have arrived and did not. */
    public long lost() {
        return Math.max(0, expected - received);
    }

    public double deliveriesPerSecond() {
        return seconds > 0 ? received / seconds : 0;
    }

    /** Server CPU microseconds per delivery in the counted window, or -1 when unknown. */
    public double serverCpuMicrosPerDelivery() {
        return serverCpuSeconds < 0 || received == 0 ? -1 : serverCpuSeconds * 1e6 / received;
    }

    /** True when every client signed in, stayed, and every delivery arrived exactly once. */
    public boolean complete() {
        return signedIn == clients && disconnected == 0 && received == expected && duplicates == 0;
    }

    /** A table for people. */
    public String table() {
        StringBuilder t = new StringBuilder();
        row(t, "protocol", protocol);
        row(t, "clients connected", connected + " of " + clients);
        row(t, "clients signed in", signedIn + " of " + clients
                + (firstError.isEmpty() ? "" : " (first problem: " + firstError + ")"));
        row(t, "sign-in", String.format(Locale.ROOT, "%.2f s for all; per client p50 %.1f ms, max %.1f ms",
                signInSeconds, signInP50Millis, signInMaxMillis));
        row(t, "senders x rate", String.format(Locale.ROOT, "%d x %.1f lines/s = %.0f lines/s for %.1f s",
                senders, rate / senders, rate, seconds));
        row(t, "lines sent", Long.toString(linesSent));
        row(t, "deliveries", received + " of " + expected + " expected (lost " + lost()
                + ", duplicated " + duplicates + ")");
        row(t, "deliveries/s", String.format(Locale.ROOT, "%.0f", deliveriesPerSecond()));
        row(t, "latency", String.format(Locale.ROOT, "p50 %s, p99 %s, p99.9 %s, max %s",
                millis(p50Micros), millis(p99Micros), millis(p999Micros), millis(maxMicros)));
        row(t, "disconnected", Integer.toString(disconnected));
        if (serverCpuSeconds >= 0) {
            row(t, "server CPU", String.format(Locale.ROOT, "%.2f s (%.3f us per delivery)", serverCpuSeconds,
                    serverCpuMicrosPerDelivery()));
            row(t, "server memory", String.format(Locale.ROOT, "RSS %.0f MiB, peak %.0f MiB",
                    serverRssBytes / 1048576.0, serverPeakRssBytes / 1048576.0));
        }
        return t.toString();
    }

    /** One JSON object on one line, for scripts. */
    public String json() {
        return String.format(Locale.ROOT, "{\"protocol\":\"%s\",\"clients\":%d,\"connected\":%d,\"signedIn\":%d,"
                        + "\"signInSeconds\":%.3f,\"signInP50Ms\":%.2f,\"signInMaxMs\":%.2f,\"firstError\":%s,"
                        + "\"senders\":%d,\"rate\":%.1f,\"seconds\":%.3f,\"linesSent\":%d,\"expected\":%d,"
                        + "\"received\":%d,\"lost\":%d,\"duplicates\":%d,\"disconnected\":%d,"
                        + "\"deliveriesPerSecond\":%.0f,\"p50Us\":%d,\"p99Us\":%d,\"p999Us\":%d,\"maxUs\":%d,"
                        + "\"serverCpuSeconds\":%.2f,\"serverCpuUsPerDelivery\":%.4f,\"serverRssBytes\":%d,"
                        + "\"serverPeakRssBytes\":%d}",
                protocol, clients, connected, signedIn, signInSeconds,
                signInP50Millis, signInMaxMillis, quote(firstError), senders, rate, seconds, linesSent, expected,
                received, lost(), duplicates, disconnected, deliveriesPerSecond(), p50Micros, p99Micros,
                p999Micros, maxMicros, serverCpuSeconds, serverCpuMicrosPerDelivery(), serverRssBytes,
                serverPeakRssBytes);
    }

    private static void row(StringBuilder t, String name, String value) {
        t.append(String.format(Locale.ROOT, "%-18s %s%n", name, value));
    }

    private static String millis(long micros) {
        return String.format(Locale.ROOT, "%.2f ms", micros / 1000.0);
    }

    static String quote(String text) {
        StringBuilder q = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> q.append("\\\"");
                case '\\' -> q.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        q.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        q.append(c);
                    }
                }
            }
        }
        return q.append('"').toString();
    }
}
