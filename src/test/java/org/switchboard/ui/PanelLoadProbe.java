package org.switchboard.ui;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.switchboard.server.ServerConfig;
import org.switchboard.server.ServerStats;

/**
 * Not a test: a measurement, run by hand (see docs/PERFORMANCE.md, "Control panel under load").
 * Opens the real control panel, connects N real socket clients that sign in and then send R chat
 * lines per second in all (and read everything the room sends them), and measures how long a
 * {@code Platform.runLater} task waits before the FX thread runs it, first with the room idle and then
 * under that load. Also counts frames per second, to show the panel keeps redrawing.
 *
 * <p>Arguments: {@code [clients=1000] [linesPerSecond=1000] [seconds=30]}.
 */
public final class PanelLoadProbe {
    private static final String PASSWORD = "correct horse";

    private final int clients;
    private final int linesPerSecond;
    private final int seconds;
    private final AtomicLong linesReceived = new AtomicLong();
    private final AtomicInteger disconnected = new AtomicInteger();
    private final Queue<Socket> sockets = new ConcurrentLinkedQueue<>();
    private ControlPanel panel;

    private PanelLoadProbe(int clients, int linesPerSecond, int seconds) {
        this.clients = clients;
        this.linesPerSecond = linesPerSecond;
        this.seconds = seconds;
    }

    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        new PanelLoadProbe(clients, rate, seconds).run();
        System.exit(0);
    }

    private void run() throws Exception {
        Path dir = Files.createTempDirectory("switchboard-probe");
        ServerConfig config = ServerConfig.builder()
                .port(0)
                .ircPort(0)
                .bindAddress(InetAddress.getLoopbackAddress())
                .tlsPort(0)
                .ircTlsPort(0)
                .dataDir(dir)
                .hashIterations(1_000)
                .maxClientsPerAddress(clients + 10)
                .historyReplay(0)
                .build();
        CountDownLatch shown = new CountDownLatch(1);
        Platform.startup(() -> {
            panel = new ControlPanel(config);
            panel.show(new Stage(), () -> { });
            shown.countDown();
        });
        shown.await();
        while (panel.server().port() == 0 || panel.server().stats().state().name().equals("STOPPED")) {
            Thread.sleep(50);
        }
        int port = panel.server().port();
        System.out.printf("panel up, server on port %d, Java %s, %d CPUs%n", port, Runtime.version(),
                Runtime.getRuntime().availableProcessors());

        Thread.sleep(5_000); // let the window settle (first layout, CSS, JIT) before measuring
        System.out.println("load average at start: " + loadAverage());
        Measure idle = measure(10);
        System.out.println("idle:        " + idle);

        long start = System.nanoTime();
        connectAll(port);
        System.out.printf("%d clients signed in in %.1f s%n", clients, (System.nanoTime() - start) / 1e9);

        Thread sender = Thread.ofPlatform().name("probe-sender").daemon(true).start(this::sendLoop);
        Thread.sleep(5_000); // warm up
        ServerStats before = panel.server().stats();
        long received = linesReceived.get();
        long t0 = System.nanoTime();
        Measure busy = measure(seconds);
        double elapsed = (System.nanoTime() - t0) / 1e9;
        ServerStats after = panel.server().stats();
        System.out.println("under load:  " + busy);
        System.out.printf(Locale.ROOT, "room: %.0f chat lines/s accepted, %.0f lines/s delivered to clients,"
                        + " %d online at the end, %d client connections closed by the server%n",
                (after.messages() - before.messages()) / elapsed, (linesReceived.get() - received) / elapsed,
                after.usersOnline(), disconnected.get());
        System.out.println("load average at the end: " + loadAverage());
        sender.interrupt();

        CountDownLatch closed = new CountDownLatch(1);
        Platform.runLater(() -> panel.close(closed::countDown));
        closed.await(30, TimeUnit.SECONDS);
        sockets.forEach(PanelLoadProbe::closeQuietly);
        Platform.exit();
    }

    /** Samples the runLater wait every 20 ms for {@code secondsLong} seconds; counts frames meanwhile. */
    private Measure measure(int secondsLong) throws InterruptedException {
        int samples = secondsLong * 50;
        long[] waits = new long[samples];
        AtomicInteger done = new AtomicInteger();
        AtomicLong frames = new AtomicLong();
        AnimationTimer counter = new AnimationTimer() {
            @Override
            public void handle(long now) {
                frames.incrementAndGet();
            }
        };
        Platform.runLater(counter::start);
        long begin = System.nanoTime();
        long fxCpuBefore = fxThreadCpuNanos();
        for (int i = 0; i < samples; i++) {
            int index = i;
            long posted = System.nanoTime();
            Platform.runLater(() -> {
                waits[index] = System.nanoTime() - posted;
                done.incrementAndGet();
            });
            Thread.sleep(20);
        }
        while (done.get() < samples) {
            Thread.sleep(5);
        }
        double elapsed = (System.nanoTime() - begin) / 1e9;
        double fxBusy = (fxThreadCpuNanos() - fxCpuBefore) / 1e9 / elapsed;
        Platform.runLater(counter::stop);
        Arrays.sort(waits);
        return new Measure(samples, at(waits, 0.50), at(waits, 0.90), at(waits, 0.99), waits[samples - 1] / 1e6,
                frames.get() / elapsed, fxBusy);
    }

    private static double at(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }

    /** CPU time the FX thread has used: how much of the wait is the panel's own work, not a busy machine. */
    private long fxThreadCpuNanos() {
        try {
            return ManagementFactory.getThreadMXBean().getThreadCpuTime(fxThreadId());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private volatile long fxThread = -1;

    private long fxThreadId() throws InterruptedException {
        if (fxThread < 0) {
            CountDownLatch known = new CountDownLatch(1);
            Platform.runLater(() -> {
                fxThread = Thread.currentThread().threadId();
                known.countDown();
            });
            known.await();
        }
        return fxThread;
    }

    record Measure(int samples, double p50, double p90, double p99, double max, double framesPerSecond,
                   double fxBusy) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "runLater wait p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms"
                    + " (%d samples); %.0f frames/s; FX thread on CPU %.0f%% of the time",
                    p50, p90, p99, max, samples, framesPerSecond, fxBusy * 100);
        }
    }

    private void connectAll(int port) throws InterruptedException {
        CountDownLatch ready = new CountDownLatch(clients);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            String name = "user" + i;
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    Socket socket = new Socket();
                    socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 30_000);
                    sockets.add(socket);
                    signIn(socket, name);
                    ready.countDown();
                    drain(socket.getInputStream());
                } catch (IOException e) {
                    System.err.println(name + ": " + e);
                    ready.countDown();
                }
            }));
        }
        ready.await();
    }

    private void signIn(Socket socket, String name) throws IOException {
        InputStream in = socket.getInputStream();
        OutputStream out = socket.getOutputStream();
        readUntil(in, "Name: ");
        out.write((name + "\r\n").getBytes(StandardCharsets.UTF_8));
        readUntil(in, "password: ");
        out.write((PASSWORD + "\r\n" + PASSWORD + "\r\n").getBytes(StandardCharsets.UTF_8));
        readUntil(in, "Online now:");
    }

    private static void readUntil(InputStream in, String text) throws IOException {
        StringBuilder seen = new StringBuilder();
        while (seen.indexOf(text) < 0) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("closed before '" + text + "'; had: " + seen);
            }
            seen.append((char) c);
        }
    }

    /** Reads and counts whatever the room sends, as a real client must, or the server drops it. */
    private void drain(InputStream in) {
        byte[] buffer = new byte[64 * 1024];
        try {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        linesReceived.incrementAndGet();
                    }
                }
            }
        } catch (IOException e) {
            // closed
        }
        disconnected.incrementAndGet();
    }

    /** Sends linesPerSecond lines in all, round robin over the clients, paced every millisecond. */
    private void sendLoop() {
        List<Socket> all = List.copyOf(sockets);
        long next = System.nanoTime();
        long sent = 0;
        long begin = next;
        while (!Thread.currentThread().isInterrupted()) {
            long due = (System.nanoTime() - begin) * linesPerSecond / 1_000_000_000L;
            for (; sent < due; sent++) {
                Socket socket = all.get((int) (sent % all.size()));
                try {
                    socket.getOutputStream().write(("line " + sent + " from the load probe\r\n")
                            .getBytes(StandardCharsets.UTF_8));
                } catch (IOException e) {
                    // that client was dropped; the others go on
                }
            }
            next += 1_000_000;
            long sleep = next - System.nanoTime();
            if (sleep > 0) {
                try {
                    Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** The machine's 1, 5 and 15 minute load averages (Linux), as context for the figures. */
    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // ending the probe
        }
    }
}
