package org.switchboard.console;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.locks.ReentrantLock;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;

/**
 * The client's screen and keyboard: reads what the user types and shows incoming lines without
 * mangling the line being typed. {@link #printAbove} may be called from any thread.
 */
public interface Keyboard extends AutoCloseable {
    /** The typed line; null when the user ends the input (Ctrl-D, Ctrl-C, end of a pipe). */
    String readLine(String prompt, boolean secret);

    /** Shows a line above the one being typed. */
    void printAbove(String line);

    @Override
    void close();

    /** A real terminal, through JLine: masked passwords, history, incoming lines above the input. */
    static Keyboard of(Terminal terminal) {
        if (terminal.getWidth() <= 0) {
            terminal.setSize(new Size(80, 24));
        }
        LineReader reader = LineReaderBuilder.builder().terminal(terminal).build();
        return new Keyboard() {
            @Override
            public String readLine(String prompt, boolean secret) {
                try {
                    return secret ? reader.readLine(prompt, '*') : reader.readLine(prompt);
                } catch (UserInterruptException | EndOfFileException e) {
                    return null;
                }
            }

            @Override
            public void printAbove(String line) {
                reader.printAbove(line);
                terminal.flush();
            }

            @Override
            public void close() {
                terminal.flush();
            }
        };
    }

    /** Plain streams, for input from a pipe or a script: prompts and lines are printed as they come. */
    static Keyboard of(BufferedReader in, PrintWriter out) {
        ReentrantLock lock = new ReentrantLock();
        return new Keyboard() {
            @Override
            public String readLine(String prompt, boolean secret) {
                print(prompt, false);
                try {
                    return in.readLine();
                } catch (IOException e) {
                    return null;
                }
            }

            @Override
            public void printAbove(String line) {
                print(line, true);
            }

            private void print(String text, boolean newLine) {
                lock.lock();
                try {
                    out.print(newLine ? text + System.lineSeparator() : text);
                    out.flush();
                } finally {
                    lock.unlock();
                }
            }

            @Override
            public void close() {
                out.flush();
            }
        };
    }
}
