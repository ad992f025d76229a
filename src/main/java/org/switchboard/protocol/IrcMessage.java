package org.switchboard.protocol;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One IRC message as a client sends it (modern.ircdocs.horse, "Message format"):
 * {@code [@tags] [:source] COMMAND [params] [:trailing]}. The tags are kept as text and otherwise
 * ignored: no client tag changes what the server does. Stateless; thread-safe.
 *
 * @param command the command in upper case ({@code PRIVMSG}), or a numeric
 * @param params  the parameters, the trailing one last and unmarked
 */
public record IrcMessage(String command, List<String> params) {
    /** The longest message without its tags, in bytes, line end excluded (512 with it). */
    public static final int MAX_BYTES = 510;
    /** The longest tag section, {@code @} and its space included (IRCv3 message-tags). */
    public static final int MAX_TAG_BYTES = 8191;

    /** Why a line is not a message. */
    public enum Problem { EMPTY, TOO_LONG, NO_COMMAND }

    /** A parsed line, or why it is not one. */
    public record Parsed(IrcMessage message, Problem problem) { }

    public IrcMessage {
        params = List.copyOf(params);
    }

    public String param(int index) {
        return index < params.size() ? params.get(index) : null;
    }

    /** Parses a line without its line end. */
    public static Parsed parse(String line) {
        int at = 0;
        if (line.startsWith("@")) {
            int space = line.indexOf(' ');
            String tags = space < 0 ? line : line.substring(0, space + 1);
            if (tags.getBytes(StandardCharsets.UTF_8).length > MAX_TAG_BYTES) {
                return new Parsed(null, Problem.TOO_LONG);
            }
            if (space < 0) {
                return new Parsed(null, Problem.NO_COMMAND);
            }
            at = space + 1;
        }
        String rest = line.substring(at);
        if (rest.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return new Parsed(null, Problem.TOO_LONG);
        }
        rest = rest.stripLeading();
        if (rest.startsWith(":")) {
            int space = rest.indexOf(' ');
            rest = space < 0 ? "" : rest.substring(space + 1).stripLeading();
        }
        if (rest.isBlank()) {
            return new Parsed(null, at == 0 && line.isBlank() ? Problem.EMPTY : Problem.NO_COMMAND);
        }
        List<String> words = new ArrayList<>();
        String command = null;
        while (!rest.isEmpty()) {
            if (command != null && rest.startsWith(":")) {
                words.add(rest.substring(1));
                break;
            }
            int space = rest.indexOf(' ');
            String word = space < 0 ? rest : rest.substring(0, space);
            rest = space < 0 ? "" : rest.substring(space + 1).stripLeading();
            if (command == null) {
                command = word.toUpperCase(Locale.ROOT);
            } else {
                words.add(word);
            }
        }
        return new Parsed(new IrcMessage(command, words), null);
    }
}
