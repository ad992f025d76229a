package org.switchboard.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import org.switchboard.protocol.Protocol;

/**
 * Reads what a Switchboard server sends: whole lines, and the prompts that are not ended by a line
 * break (see {@link Protocol#isPrompt}). Owned by one thread.
 */
final class ServerText {
    /** One piece of server output: a line, or a prompt waiting for an answer. */
    record Piece(String text, boolean prompt) { }

    private final Reader in;
    private final StringBuilder pending = new StringBuilder();

    ServerText(InputStream in) {
        this.in = new InputStreamReader(in, StandardCharsets.UTF_8);
    }

    /** The next line or, where {@code prompts} is set, prompt; null when the server closed the connection. */
    Piece next(boolean prompts) throws IOException {
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
