package org.switchboard.console;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import org.switchboard.control.Operator;
import org.switchboard.control.Reply;
import org.switchboard.log.LogEntry;
import org.switchboard.server.ChatServer;
import org.switchboard.server.ServerEvent;
import org.switchboard.server.ServerListener;
import org.switchboard.server.ServerState;

/**
 * The assignment's control thread: reads operator commands from standard input on the calling (main)
 * thread while the listener runs in its own. Optionally echoes the activity log as it grows.
 *
 * <p>The end of standard input does not stop the server (it may run under a service manager with no
 * input): the console then just waits until the server is stopped by other means (SIGTERM).
 */
public final class OperatorConsole {
    private final Operator operator;
    private final BufferedReader in;
    private final PrintStream out;

    public OperatorConsole(Operator operator, BufferedReader in, PrintStream out) {
        this.operator = operator;
        this.in = in;
        this.out = out;
    }

    /** Prints each new activity-log line to the console until the returned handle is run. */
    public Runnable echoLog() {
        ChatServer server = operator.server();
        Consumer<LogEntry> printer = entry -> out.println(entry.format(server.log().zone()));
        server.log().addListener(printer);
        return () -> server.log().removeListener(printer);
    }

    /** Reads and runs commands until {@code stop} or, after the end of input, until the server stops. */
    public void run() throws IOException {
        CountDownLatch stopped = new CountDownLatch(1);
        ServerListener onStop = event -> {
            if (event instanceof ServerEvent.StateChanged changed && changed.state() == ServerState.STOPPED) {
                stopped.countDown();
            }
        };
        operator.server().addListener(onStop);
        try {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                Reply reply = operator.execute(line);
                if (!reply.lines().isEmpty()) {
                    out.println(reply.text());
                }
                out.flush();
                if (reply.exit()) {
                    return;
                }
            }
            if (operator.server().state() != ServerState.STOPPED) {
                awaitQuietly(stopped);
            }
        } finally {
            operator.server().removeListener(onStop);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
