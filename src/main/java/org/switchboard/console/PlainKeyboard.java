package org.switchboard.console;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The keyboard of {@link Keyboard#of(BufferedReader, PrintWriter)}: input from a pipe or a script.
 * What the server sends is printed as it comes, each line and each prompt on a line of its own, and
 * nothing else: the client's chat prompt is not shown, as in a log it would stand in front of every
 * incoming line.
 *
 * <p>Threads: a blocking read of standard input cannot be interrupted, so a daemon thread of its own
 * ({@code client-keyboard}) reads the lines; the client's thread takes them from a queue, which
 * {@link #endInput} can end from any thread. {@link #printAbove} may be called from any thread.
 */
final class PlainKeyboard implements Keyboard {
    /** Put on the queue when the input has ended; compared by identity. */
    private static final String END = new String("end of input");

    private final BufferedReader in;
    private final PrintWriter out;
    private final ReentrantLock printing = new ReentrantLock();
    private final BlockingQueue<String> typed = new LinkedBlockingQueue<>();
    private volatile boolean ended;
    /** Started at the first read (client thread only), so that a client that never reads leaves its input alone. */
    private Thread typist;

    PlainKeyboard(BufferedReader in, PrintWriter out) {
        this.in = in;
        this.out = out;
    }

    @Override
    public boolean interactive() {
        return false;
    }

    @Override
    public String answer(String prompt, boolean secret) {
        print(prompt);
        return next();
    }

    @Override
    public String readLine(String prompt) {
        return next();
    }

    private String next() {
        if (ended) {
            return null;
        }
        if (typist == null) {
            typist = Thread.ofPlatform().daemon().name("client-keyboard").start(this::type);
        }
        try {
            String line = typed.take();
            if (line == END) {
                ended = true;
                return null;
            }
            return line;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Runs on the keyboard thread: every line of the input onto the queue, then its end. */
    private void type() {
        try {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                typed.add(line);
            }
        } catch (IOException e) {
            // unreadable input ends like input that has ended
        }
        typed.add(END);
    }

    @Override
    public void printAbove(String line) {
        print(line);
    }

    private void print(String line) {
        printing.lock();
        try {
            out.print(line + System.lineSeparator());
            out.flush();
        } finally {
            printing.unlock();
        }
    }

    @Override
    public void endInput() {
        ended = true;
        typed.add(END);
    }

    @Override
    public void close() {
        out.flush();
    }
}
