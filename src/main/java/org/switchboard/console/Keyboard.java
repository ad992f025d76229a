package org.switchboard.console;

import java.io.BufferedReader;
import java.io.PrintWriter;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;

/**
 * The client's screen and keyboard: reads what the user types and shows incoming lines without
 * mangling the line being typed. {@link #printAbove} and {@link #endInput} may be called from any thread.
 */
public interface Keyboard extends AutoCloseable {
    /**
     * The answer to one of the server's prompts ({@code Name: }, {@code Password: }…); null when the
     * input ends (Ctrl-D, Ctrl-C, end of a pipe, {@link #endInput}).
     */
    String answer(String prompt, boolean secret);

    /**
     * The next line typed in the chat, after the client's own {@code prompt} where a screen shows one;
     * null when the input ends, as for {@link #answer}.
     */
    String readLine(String prompt);

    /** Whether a person types here (a terminal), so that a question can be asked; false for a pipe. */
    default boolean interactive() {
        return true;
    }

    /** Shows a line above the one being typed. */
    void printAbove(String line);

    /**
     * Ends the input as Ctrl-D would, from another thread: a read waiting now and every read after it
     * return null at once. For when the server has gone and nothing typed could be sent.
     */
    void endInput();

    @Override
    void close();

    /** A real terminal, through JLine: masked passwords, history, incoming lines above the input. */
    static Keyboard of(Terminal terminal) {
        if (terminal.getWidth() <= 0) {
            terminal.setSize(new Size(80, 24));
        }
        LineReader reader = LineReaderBuilder.builder().terminal(terminal).build();
        return new Keyboard() {
            private volatile boolean ended;
            /** The thread in JLine's readLine, to interrupt; JLine turns that into a UserInterruptException. */
            private volatile Thread reading;

            @Override
            public String answer(String prompt, boolean secret) {
                return read(prompt, secret);
            }

            @Override
            public String readLine(String prompt) {
                return read(prompt, false);
            }

            private String read(String prompt, boolean secret) {
                reading = Thread.currentThread();
                try {
                    if (ended) {
                        return null;
                    }
                    return secret ? reader.readLine(prompt, '*') : reader.readLine(prompt);
                } catch (UserInterruptException | EndOfFileException e) {
                    return null;
                } finally {
                    reading = null;
                    if (ended) {
                        // endInput's interrupt may come after JLine returned: it must not stay pending
                        Thread.interrupted();
                    }
                }
            }

            @Override
            public void printAbove(String line) {
                reader.printAbove(line);
                terminal.flush();
            }

            @Override
            public void endInput() {
                ended = true;
                Thread thread = reading;
                if (thread != null) {
                    thread.interrupt();
                }
            }

            @Override
            public void close() {
                terminal.flush();
            }
        };
    }

    /**
     * Plain streams, for input from a pipe or a script: the server's lines and prompts are printed as
     * they come, each on a line of its own, and nothing else; the client's chat prompt is not shown
     * (in a log it would stand in front of every incoming line).
     */
    static Keyboard of(BufferedReader in, PrintWriter out) {
        return new PlainKeyboard(in, out);
    }
}
