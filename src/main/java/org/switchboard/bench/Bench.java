package org.switchboard.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import javax.net.ssl.SSLContext;
import org.HdrHistogram.Histogram;
import tlschannel.ClientTlsChannel;

/**
 * The fan-out load generator: opens the clients at a steady pace, signs them in, has some of them send
 * numbered lines at a fixed total rate while every client reads everything, and counts what arrived.
 *
 * <p>Threads: the calling thread paces the connects and watches the clock; the clients are spread over
 * {@link BenchConfig#ioThreads()} selector threads ({@link IoLoop}), each of which owns its clients
 * (reads, sign-in, counting), so nothing on the delivery path is shared or locked; one more thread,
 * the {@link Sender}, writes the chat lines on schedule (a sender's writes take its client's lock).
 *
 * <p>Each line carries its scheduled send time; latency is measured from it, not from when the line
 * was actually written, so a server (or bench) stall cannot hide behind a delayed send.
 */
public final class Bench {
    private static final long QUIET_NANOS = TimeUnit.MILLISECONDS.toNanos(300);
    private static final long MAX_SETTLE_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final BenchConfig config;
    private final PrintStream progress;
    private final String run = Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36 * 36, 36L
            * 36 * 36 * 36 * 36 * 36), 36);

    /** @param progress where a few lines about the phases go (standard error for the command line) */
    public Bench(BenchConfig config, PrintStream progress) {
        this.config = config;
        this.progress = progress;
    }

    /** What the clients speak, as the result names it: chat or irc, +tls over TLS. */
    private String label() {
        return config.protocol().name().toLowerCase(Locale.ROOT) + (config.tls() ? "+tls" : "");
    }

    /** Runs the whole bench; the clients are closed when it returns. */
    public BenchResult run() throws IOException, InterruptedException {
        InetSocketAddress server = new InetSocketAddress(config.host(), config.port());
        if (server.isUnresolved()) {
            throw new IOException("unknown host " + config.host());
        }
        if (!server.getAddress().isLoopbackAddress()) {
            // a load generator is aimed at one's own machine only
            throw new IOException(config.host() + " is not a loopback address; the bench only runs against this"
                    + " machine (127.0.0.0/8 or ::1)");
        }
        SSLContext tls = config.tls() ? AnyCertificate.context() : null;
        List<IoLoop> loops = new ArrayList<>();
        for (int i = 0; i < config.ioThreads(); i++) {
            loops.add(new IoLoop(config, new Payload(run), "bench-io-" + i));
        }
        loops.forEach(IoLoop::start);
        try {
            return measure(server, loops, tls);
        } finally {
            for (IoLoop loop : loops) {
                loop.shutdown();
            }
            for (IoLoop loop : loops) {
                loop.join();
            }
        }
    }

    private BenchResult measure(InetSocketAddress server, List<IoLoop> loops, SSLContext tls)
            throws InterruptedException {
        say("connecting %d clients at %d/s to %s (%s)", config.clients(), config.connectRate(), server, label());
        long connectStart = System.nanoTime();
        List<Client> clients = new ArrayList<>(config.clients());
        for (int i = 0; i < config.clients(); i++) {
            sleepUntil(connectStart + Math.round(i * 1e9 / config.connectRate()));
            IoLoop loop = loops.get(i % loops.size());
            Client client = new Client(i, config.namePrefix() + i, loop);
            clients.add(client);
            try {
                SocketChannel channel = SocketChannel.open();
                channel.configureBlocking(false);
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                channel.bind(new InetSocketAddress(SourceAddresses.forClient(i, config.perAddress()), 0));
                client.channel = channel;
                client.io = tls == null ? channel : ClientTlsChannel.newBuilder(channel, tls).build();
                client.connectStart = System.nanoTime();
                channel.connect(server);
                loop.add(client);
            } catch (IOException e) {
                client.fail("connect: " + e.getMessage());
                loop.countFailure(client);
            }
        }
        long signInDeadline = System.nanoTime() + config.signInTimeout().toNanos();
        while (settled(loops) < config.clients() && System.nanoTime() < signInDeadline) {
            Thread.sleep(20);
        }
        long lastSignIn = loops.stream().mapToLong(l -> l.lastReadyAt).max().orElse(connectStart);
        double signInSeconds = Math.max(0, lastSignIn - connectStart) / 1e9;
        awaitQuiet(loops);

        List<Client> ready = new ArrayList<>();
        for (IoLoop loop : loops) {
            ready.addAll(loop.readyClients());
        }
        ready.sort((a, b) -> Integer.compare(a.index, b.index));
        String firstError = firstError(loops);
        int connected = loops.stream().mapToInt(l -> l.connected).sum();
        say("%d of %d signed in after %.2f s%s", ready.size(), config.clients(), signInSeconds,
                firstError.isEmpty() ? "" : "; first problem: " + firstError);
        if (ready.size() < 2 || ready.size() < config.senders()) {
            return failedResult(connected, ready.size(), signInSeconds, loops,
                    firstError.isEmpty() ? "too few clients signed in" : firstError);
        }

        Client[] senders = new Client[config.senders()];
        for (int k = 0; k < senders.length; k++) {
            senders[k] = ready.get((int) ((long) k * ready.size() / senders.length));
        }
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
        for (IoLoop loop : loops) {
            loop.expectLinesFrom(senders);
        }
        Sender sender = new Sender(config, new Payload(run), senders, start);
        sender.start();
        say("sending %.0f lines/s from %d clients: %.1f s warm-up, %.1f s counted", config.rate(),
                senders.length, seconds(config.warmup()), seconds(config.duration()));
        long windowStart = start + config.warmup().toNanos();
        long windowEnd = windowStart + config.duration().toNanos();
        sleepUntil(windowStart);
        Optional<ProcessStats> before = serverStats();
        sleepUntil(windowEnd);
        Optional<ProcessStats> after = serverStats();
        long sentLines = sender.linesSent;
        long drainDeadline = System.nanoTime() + config.drain().toNanos();
        // Each counted line goes to everyone signed in at the start but its sender.
        while (System.nanoTime() < drainDeadline
                && loops.stream().mapToLong(l -> l.received).sum() < sender.linesSent * (ready.size() - 1)) {
            Thread.sleep(10);
        }
        sender.shutdown();
        sender.join(1_000);
        for (IoLoop loop : loops) {
            loop.stopAndReport();
        }
        for (IoLoop loop : loops) {
            loop.awaitReport();
        }
        Histogram latency = new Histogram(TimeUnit.HOURS.toMicros(1), 3);
        Histogram signIn = new Histogram(TimeUnit.HOURS.toMicros(1), 3);
        for (IoLoop loop : loops) {
            latency.add(loop.latency);
            signIn.add(loop.signInTimes);
        }
        long received = loops.stream().mapToLong(l -> l.received).sum();
        long duplicates = loops.stream().mapToLong(l -> l.duplicates).sum();
        int disconnected = loops.stream().mapToInt(l -> l.disconnected).sum();
        Optional<ProcessStats> end = serverStats();
        long counted = sender.linesSent;
        if (counted != sentLines) {
            say("note: %d counted lines were still being sent after the window", counted - sentLines);
        }
        return new BenchResult(label(), config.clients(), connected, ready.size(), signInSeconds,
                signIn.getValueAtPercentile(50) / 1000.0, signIn.getMaxValue() / 1000.0, firstError(loops),
                senders.length, config.rate(), seconds(config.duration()), counted,
                counted * (ready.size() - 1), received, duplicates, disconnected,
                latency.getValueAtPercentile(50), latency.getValueAtPercentile(99),
                latency.getValueAtPercentile(99.9), latency.getMaxValue(),
                before.isPresent() && after.isPresent() ? after.get().cpuSeconds() - before.get().cpuSeconds() : -1,
                end.map(ProcessStats::rssBytes).orElse(-1L), end.map(ProcessStats::peakRssBytes).orElse(-1L));
    }

    private BenchResult failedResult(int connected, int signedIn, double signInSeconds, List<IoLoop> loops,
            String error) {
        Optional<ProcessStats> end = serverStats();
        return new BenchResult(label(), config.clients(), connected, signedIn, signInSeconds, 0, 0,
                error, 0, config.rate(), seconds(config.duration()), 0, 0, 0, 0,
                loops.stream().mapToInt(l -> l.disconnected).sum(), 0, 0, 0, 0, -1,
                end.map(ProcessStats::rssBytes).orElse(-1L), end.map(ProcessStats::peakRssBytes).orElse(-1L));
    }

    /** Waits until no client has read anything for a moment: the join storm's notices have drained. */
    private void awaitQuiet(List<IoLoop> loops) throws InterruptedException {
        long deadline = System.nanoTime() + MAX_SETTLE_NANOS;
        long last = -1;
        long quietSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            long bytes = loops.stream().mapToLong(l -> l.bytesRead).sum();
            long now = System.nanoTime();
            if (bytes != last) {
                last = bytes;
                quietSince = now;
            } else if (now - quietSince >= QUIET_NANOS) {
                return;
            }
            Thread.sleep(20);
        }
        say("note: the server was still sending after %d s of settling", TimeUnit.NANOSECONDS.toSeconds(
                MAX_SETTLE_NANOS));
    }

    private static int settled(List<IoLoop> loops) {
        return loops.stream().mapToInt(l -> l.ready + l.failed).sum();
    }

    private static String firstError(List<IoLoop> loops) {
        return loops.stream().map(l -> l.firstError).filter(e -> e != null).findFirst().orElse("");
    }

    private Optional<ProcessStats> serverStats() {
        return config.serverPid() > 0 ? ProcessStats.read(config.serverPid()) : Optional.empty();
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        for (long left = nanoTime - System.nanoTime(); left > 0; left = nanoTime - System.nanoTime()) {
            LockSupport.parkNanos(left);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }

    private void say(String format, Object... args) {
        progress.println("bench: " + String.format(Locale.ROOT, format, args));
        progress.flush();
    }
}
