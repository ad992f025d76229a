package org.switchboard.bench;

import java.time.Duration;
import java.util.Objects;

/**
 * One bench run's settings, checked at construction so that a wrong figure is a clear error before any
 * connection is made.
 *
 * @param host the server's address (a loopback address: the bench is for this machine)
 * @param port the server's port
 * @param protocol how clients sign in and speak
 * @param clients connections to open
 * @param connectRate connections opened per second
 * @param senders how many of the signed-in clients send
 * @param rate chat lines per second, all senders together
 * @param warmup how long lines are sent before they count
 * @param duration how long counted lines are sent
 * @param drain how long to wait for late deliveries after the last counted line
 * @param signInTimeout how long the bench waits for every client to sign in
 * @param perAddress clients per loopback source address (127.0.x.y), to pass per-address caps
 * @param namePrefix clients are named PREFIX0, PREFIX1, ...
 * @param password the password every client registers or signs in with (chat protocol)
 * @param channel the IRC channel (IRC protocol)
 * @param ioThreads selector threads the clients are spread over
 * @param serverPid the server's process id for CPU and memory figures, or 0 for none
 * @param tls whether the clients speak TLS (any certificate is taken: the bench measures, it does not trust)
 * @param nickServ IRC: register each name with NickServ (or identify when it is taken), as a server with
 *        built-in accounts such as Switchboard's wants before its channel can be joined
 */
public record BenchConfig(
        String host,
        int port,
        BenchProtocol protocol,
        int clients,
        int connectRate,
        int senders,
        double rate,
        Duration warmup,
        Duration duration,
        Duration drain,
        Duration signInTimeout,
        int perAddress,
        String namePrefix,
        String password,
        String channel,
        int ioThreads,
        long serverPid,
        boolean tls,
        boolean nickServ) {

    public BenchConfig {
        Objects.requireNonNull(host);
        Objects.requireNonNull(protocol);
        Objects.requireNonNull(warmup);
        Objects.requireNonNull(duration);
        Objects.requireNonNull(drain);
        Objects.requireNonNull(signInTimeout);
        Objects.requireNonNull(namePrefix);
        Objects.requireNonNull(password);
        Objects.requireNonNull(channel);
        require(port >= 1 && port <= 65535, "the port must be between 1 and 65535, not " + port);
        require(clients >= 2 && clients <= 200_000, "clients must be between 2 and 200000, not " + clients);
        require(connectRate >= 1, "the connect rate must be at least 1 per second, not " + connectRate);
        require(senders >= 1 && senders <= clients,
                "senders must be between 1 and the number of clients (" + clients + "), not " + senders);
        require(rate > 0 && rate <= 1_000_000, "the rate must be above 0 and at most 1000000 lines/s, not " + rate);
        require(!warmup.isNegative(), "the warm-up cannot be negative");
        require(!duration.isNegative() && !duration.isZero(), "the duration must be positive");
        require(!drain.isNegative(), "the drain time cannot be negative");
        require(!signInTimeout.isNegative() && !signInTimeout.isZero(), "the sign-in timeout must be positive");
        require(perAddress >= 1, "clients per address must be at least 1, not " + perAddress);
        require((long) clients <= (long) perAddress * SourceAddresses.CAPACITY,
                "too many clients for " + perAddress + " per address: raise --per-address");
        require(namePrefix.matches("[A-Za-z][A-Za-z0-9]{0,15}"),
                "the name prefix is 1 to 16 letters or digits, starting with a letter: '" + namePrefix + "'");
        require(password.length() >= 1 && !password.contains("\r") && !password.contains("\n"),
                "the password must be one non-empty line");
        require(channel.matches("#[A-Za-z0-9_-]{1,40}"), "the channel is # and 1 to 40 letters or digits: '"
                + channel + "'");
        require(ioThreads >= 1 && ioThreads <= 64, "I/O threads must be between 1 and 64, not " + ioThreads);
        require(serverPid >= 0, "the server pid cannot be negative");
        require(!nickServ || protocol == BenchProtocol.IRC, "--nickserv is for --protocol irc");
        require(rate * (warmup.toNanos() + duration.toNanos()) / 1e9 < Integer.MAX_VALUE / 2.0,
                "rate x (warm-up + duration) is too many lines");
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    /** Lines the run schedules in all, warm-up included. */
    int plannedLines() {
        return (int) Math.ceil(rate * (warmup.toNanos() + duration.toNanos()) / 1e9);
    }

    /** Line {@code seq}'s send time, in nanoseconds after the start of sending. */
    long offsetNanos(long seq) {
        return Math.round(seq * 1e9 / rate);
    }

    /** Whether line {@code seq} counts (is sent after the warm-up). */
    boolean measured(long seq) {
        return offsetNanos(seq) >= warmup.toNanos();
    }
}
