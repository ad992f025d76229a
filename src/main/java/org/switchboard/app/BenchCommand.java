package org.switchboard.app;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.switchboard.bench.Bench;
import org.switchboard.bench.BenchConfig;
import org.switchboard.bench.BenchProtocol;
import org.switchboard.bench.BenchResult;
import org.switchboard.bench.ServerData;
import org.switchboard.protocol.Protocol;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code switchboard bench}: the fan-out load generator, against Switchboard or an IRC server. */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Fan-out benchmark: open many clients, sign them in, let some of them send numbered lines"
                + " at a fixed total rate while all of them read, and report deliveries and latency (measured"
                + " from each line's scheduled send time). Prints a table, then one JSON line.%n"
                + "Exit status: 0 when every client signed in and every delivery arrived once, 3 when not,"
                + " 1 when the server could not be reached, 2 for a bad option.%n"
                + "For this machine only: the server must be on a loopback address.")
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--host", paramLabel = "ADDR", description = "Server address (default: ${DEFAULT-VALUE}).")
    String host = "127.0.0.1";

    @Option(names = {"-p", "--port"}, paramLabel = "N", description = "Server port (default: ${DEFAULT-VALUE}).")
    int port = Protocol.DEFAULT_PORT;

    @Option(names = "--protocol", paramLabel = "chat|irc",
            description = "chat: Switchboard's sign-in and chat lines; irc: NICK/USER/JOIN/PRIVMSG"
                    + " (default: chat).")
    BenchProtocol protocol = BenchProtocol.CHAT;

    @Option(names = {"-c", "--clients"}, paramLabel = "N", description = "Connections (default: ${DEFAULT-VALUE}).")
    int clients = 1000;

    @Option(names = "--connect-rate", paramLabel = "N",
            description = "Connections opened per second (default: ${DEFAULT-VALUE}).")
    int connectRate = 1000;

    @Option(names = {"-s", "--senders"}, paramLabel = "K",
            description = "Clients that send, spread evenly over the signed-in ones (default: ${DEFAULT-VALUE}).")
    int senders = 500;

    @Option(names = {"-r", "--rate"}, paramLabel = "LINES",
            description = "Lines per second from all senders together (default: ${DEFAULT-VALUE}).")
    double rate = 2000;

    @Option(names = "--warmup", paramLabel = "SECONDS",
            description = "Seconds of sending before lines count (default: ${DEFAULT-VALUE}).")
    double warmup = 5;

    @Option(names = {"-d", "--duration"}, paramLabel = "SECONDS",
            description = "Seconds of counted sending (default: ${DEFAULT-VALUE}).")
    double duration = 20;

    @Option(names = "--drain", paramLabel = "SECONDS",
            description = "Longest wait for late deliveries after the last line (default: ${DEFAULT-VALUE}).")
    double drain = 5;

    @Option(names = "--sign-in-timeout", paramLabel = "SECONDS",
            description = "Longest wait for every client to sign in (default: ${DEFAULT-VALUE}).")
    double signInTimeout = 120;

    @Option(names = "--per-address", paramLabel = "N",
            description = "Clients per loopback source address 127.0.x.y (default: ${DEFAULT-VALUE}).")
    int perAddress = 10;

    @Option(names = "--name-prefix", paramLabel = "TEXT",
            description = "Clients are named TEXT0, TEXT1, ... (default: ${DEFAULT-VALUE}).")
    String namePrefix = "bench";

    @Option(names = "--password", paramLabel = "TEXT",
            description = "Password the clients register or sign in with (default: ${DEFAULT-VALUE}).")
    String password = "bench-password";

    @Option(names = "--channel", paramLabel = "#NAME", description = "IRC channel (default: ${DEFAULT-VALUE}).")
    String channel = "#bench";

    @Option(names = "--tls", description = "Speak TLS (1.2 or 1.3) to the server; any certificate is taken,"
            + " since the bench only measures servers on this machine.")
    boolean tls;

    @Option(names = "--nickserv", description = "IRC: sign each name in with NickServ (REGISTER, or IDENTIFY"
            + " when it is taken) instead of JOIN, for servers with built-in accounts such as Switchboard's.")
    boolean nickServ;

    @Option(names = "--io-threads", paramLabel = "N",
            description = "Selector threads the clients are spread over (default: ${DEFAULT-VALUE}).")
    int ioThreads = 2;

    @Option(names = "--server-pid", paramLabel = "PID",
            description = "The server's process id: report its CPU time and resident memory (Linux /proc).")
    long serverPid;

    @Option(names = "--allow-real-data",
            description = "Run even when the server's identity file has people who are not bench clients"
                    + " (the bench adds its clients, with their public password, and its lines to the history).")
    boolean allowRealData;

    @Override
    public Integer call() {
        BenchConfig config;
        try {
            config = toConfig();
        } catch (IllegalArgumentException e) {
            System.err.println("switchboard bench: " + e.getMessage());
            return 2;
        }
        if ((config.protocol() == BenchProtocol.CHAT || config.nickServ()) && !allowRealData
                && touchesRealPeople(config)) {
            return 2;
        }
        PrintStream out = System.out;
        BenchResult result;
        try {
            result = new Bench(config, System.err).run();
        } catch (IOException e) {
            System.err.println("switchboard bench: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
        out.print(result.table());
        out.println(result.json());
        out.flush();
        if (result.connected() == 0) {
            return 1;
        }
        return result.complete() ? 0 : 3;
    }

    /** Says so and returns true when the server's identity file has people the bench would sit beside. */
    private static boolean touchesRealPeople(BenchConfig config) {
        if (config.serverPid() <= 0) {
            System.err.println("switchboard bench: note: the clients register on the server with a public password;"
                    + " run it on a throwaway data folder (serve --data-dir \"$(mktemp -d)\").");
            return false;
        }
        for (ServerData.People people : ServerData.people(config.serverPid(), config.namePrefix())) {
            if (!people.others().isEmpty()) {
                List<String> others = people.others();
                System.err.println("switchboard bench: the server's identity file " + people.usersFile() + " has "
                        + (others.size() == 1 ? "1 person who is not a bench client (" : others.size() + " people who are not bench clients (")
                        + String.join(", ", others.subList(0, Math.min(5, others.size())))
                        + (others.size() > 5 ? ", ..." : "") + "). A run registers " + config.clients()
                        + " clients with the public password '" + config.password() + "' and puts its lines in the"
                        + " room's history. Run the server on a throwaway folder (serve --data-dir \"$(mktemp -d)\"),"
                        + " or pass --allow-real-data.");
                return true;
            }
        }
        return false;
    }

    BenchConfig toConfig() {
        return new BenchConfig(host, port, protocol, clients, connectRate, senders, rate, seconds("warm-up", warmup),
                seconds("duration", duration), seconds("drain", drain), seconds("sign-in timeout", signInTimeout),
                perAddress, namePrefix, password, channel, ioThreads, serverPid, tls, nickServ);
    }

    private static Duration seconds(String what, double value) {
        if (!Double.isFinite(value) || value < 0 || value > 86_400) {
            throw new IllegalArgumentException("the " + what + " must be between 0 and 86400 seconds, not " + value);
        }
        return Duration.ofNanos(Math.round(value * 1e9));
    }
}
