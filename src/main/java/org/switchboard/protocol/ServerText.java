package org.switchboard.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;

/**
 * Reads what a Switchboard server sends, as a client: whole lines, and the prompts that are not ended
 * by a line break (see {@link Protocol#isPrompt}). Used by the console client and the tests' client.
 * Owned by one thread.
 */
public final class ServerText {
    /** One piece of server output: a line, or a prompt waiting for an answer. */
    public record Piece(String text, boolean prompt) { }

    private final Reader in;
    private final StringBuilder pending = new StringBuilder();

    public ServerText(InputStream in) {
        this.in = new InputStreamReader(in, StandardCharsets.UTF_8);
    }

    /** The next line or, where {@code prompts} is set, prompt; null when the server closed the connection. */
    public Piece next(boolean prompts) throws IOException {
        while (true) {
            int c = in.read();
            if (c < 0) {
                if (pending.isEmpty()) {
                    return null;
                }
                String rest = pending.toString();
                pending.setLength(0);
                return new Piece(rest, false);
            }
            if (c == '\n') {
                int end = pending.length();
                if (end > 0 && pending.charAt(end - 1) == '\r') {
                    end--;
                }
                String line = pending.substring(0, end);
                pending.setLength(0);
                return new Piece(line, false);
            }
            pending.append((char) c);
            if (prompts && pending.length() <= 32 && Protocol.isPrompt(pending.toString()) && !in.ready()) {
                String prompt = pending.toString();
                pending.setLength(0);
                return new Piece(prompt, true);
            }
        }
    }
}
