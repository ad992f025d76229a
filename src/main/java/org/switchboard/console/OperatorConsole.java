package org.switchboard.console;

import java.io.BufferedReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.switchboard.control.Operator;
import org.switchboard.control.Reply;
import org.switchboard.log.LogEntry;
import org.switchboard.server.ServerEvent;
import org.switchboard.server.ServerListener;
import org.switchboard.server.ServerState;
import org.switchboard.server.ServerView;

/**
 * The assignment's control thread: reads operator commands on the calling (main) thread while the
 * listener runs in its own. Optionally echoes the activity log as it grows.
 *
 * <p>Its screen is a {@link Keyboard}, as the chat client's is: on a terminal, log lines that come
 * while the operator types are shown above the line being typed instead of breaking into it; from a
 * pipe, plain lines. Log lines come from whichever thread logged; the keyboard serialises them.
 *
 * <p>The end of piped input does not stop the server (it may run under a service manager with no
 * input): the console then just waits until the server is stopped by other means (SIGTERM). On a
 * terminal, Ctrl-C or Ctrl-D at the prompt is the operator's own key, and stops the server as
 * {@code stop} does.
 */
public final class OperatorConsole {
    private static final String TERMINAL_PROMPT = "> ";

    private final Operator operator;
    private final Keyboard keyboard;
    private final boolean terminal;
    /** Held by {@link #stop} until it has said so, so that run() does not return before that is printed. */
    private final ReentrantLock stopping = new ReentrantLock();

    /** Commands read as plain lines (a pipe, a file, a test); answers and log lines printed as they come. */
    public OperatorConsole(Operator operator, BufferedReader in, PrintStream out) {
        this(operator, Keyboard.of(in, new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true)),
                false);
    }

    private OperatorConsole(Operator operator, Keyboard keyboard, boolean terminal) {
        this.operator = operator;
        this.keyboard = keyboard;
        this.terminal = terminal;
    }

    /** On a terminal: a prompt, log lines above the line being typed, Ctrl-C or Ctrl-D stop the server. */
    public static OperatorConsole onTerminal(Operator operator, Keyboard keyboard) {
        return new OperatorConsole(operator, keyboard, true);
    }

    /** Prints each new activity-log line to the console until the returned handle is run. */
    public Runnable echoLog() {
        ServerView server = operator.view();
        Consumer<LogEntry> printer = entry -> keyboard.printAbove(entry.format(server.log().zone()));
        server.log().addListener(printer);
        return () -> server.log().removeListener(printer);
    }

    /** Reads and runs commands until {@code stop} or, after the end of input, until the server stops. */
    public void run() {
        CountDownLatch stopped = new CountDownLatch(1);
        ServerListener onStop = event -> {
            if (event instanceof ServerEvent.StateChanged changed && changed.state() == ServerState.STOPPED) {
                stopped.countDown();
            }
        };
        operator.view().addListener(onStop);
        String prompt = terminal ? TERMINAL_PROMPT : "";
        try {
            for (String line = keyboard.readLine(prompt); line != null; line = keyboard.readLine(prompt)) {
                Reply reply = operator.execute(line);
                if (!reply.lines().isEmpty()) {
                    keyboard.printAbove(reply.text());
                }
                if (reply.exit()) {
                    return;
                }
            }
            if (terminal) {
                stop();
            } else if (operator.view().state() != ServerState.STOPPED) {
                awaitQuietly(stopped);
                // stopped by stop() on a signal's thread: let it finish saying so before the program ends
                stopping.lock();
                stopping.unlock();
            }
        } finally {
            operator.view().removeListener(onStop);
            keyboard.close();
        }
    }

    /** Stops the server as the {@code stop} command does and says so (on a signal, from its thread). */
    public void stop() {
        stopping.lock();
        try {
            keyboard.printAbove(operator.stop().text());
        } finally {
            stopping.unlock();
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
