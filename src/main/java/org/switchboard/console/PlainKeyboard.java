package org.switchboard.console;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The keyboard of {@link Keyboard#of(BufferedReader, PrintWriter)}: input from a pipe or a script.
 * What the server sends is printed as it comes, each line and each prompt on a line of its own, and
 * nothing else: the client's chat prompt is not shown, as in a log it would stand in front of every
 * incoming line.
 *
 * <p>Threads: the client's thread reads; {@link #printAbove} may be called from any thread.
 */
final class PlainKeyboard implements Keyboard {
    private final BufferedReader in;
    private final PrintWriter out;
    private final ReentrantLock printing = new ReentrantLock();

    PlainKeyboard(BufferedReader in, PrintWriter out) {
        this.in = in;
        this.out = out;
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
        try {
            return in.readLine();
        } catch (IOException e) {
            return null;
        }
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
    public void close() {
        out.flush();
    }
}
