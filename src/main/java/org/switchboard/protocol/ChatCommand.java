package org.switchboard.protocol;

import java.util.Locale;
import java.util.OptionalInt;

/**
 * What a signed-in user's line asks for: plain chat or one of the slash commands.
 * {@link #parse} never throws; a malformed command becomes {@link Invalid} with the reason.
 */
public sealed interface ChatCommand {
    /** A line to everyone. */
    record Say(String text) implements ChatCommand { }

    /** {@code /me waves}: an action line. */
    record Action(String text) implements ChatCommand { }

    record Help() implements ChatCommand { }

    record Users() implements ChatCommand { }

    record History(OptionalInt count) implements ChatCommand { }

    record Private(String to, String text) implements ChatCommand { }

    /** {@code /token}: asks for a login token for the next sign-in. */
    record Token() implements ChatCommand { }

    /** {@code /passwd}: change one's own password (the old one, then the new one twice). */
    record Passwd() implements ChatCommand { }

    record Quit() implements ChatCommand { }

    record Invalid(String reason) implements ChatCommand { }

    String HELP = String.join(Protocol.LINE_END,
            "* Commands:",
            "*   /users            who is online",
            "*   /history [N]      the last N lines of the room (default 20)",
            "*   /msg NAME TEXT    a private message to NAME",
            "*   /me TEXT          an action, shown as '* NAME TEXT'",
            "*   /token            a login token, to sign in next time without a password",
            "*   /passwd           change your password (asks the old one, then the new one twice)",
            "*   /quit             leave",
            "* Anything else you type goes to everyone. Start a line with // to send one that begins with /.");

    static ChatCommand parse(String line) {
        if (!line.startsWith("/")) {
            return new Say(line);
        }
        if (line.startsWith("//")) {
            return new Say(line.substring(1));
        }
        String[] parts = line.substring(1).split("\\s+", 3);
        String name = parts[0].toLowerCase(Locale.ROOT);
        return switch (name) {
            case "help", "?" -> new Help();
            case "users", "who", "names" -> new Users();
            case "quit", "exit", "bye" -> new Quit();
            case "token" -> new Token();
            case "passwd", "password" -> new Passwd();
            case "history" -> parseHistory(parts);
            case "msg", "m", "tell", "w" -> parsePrivate(parts);
            case "me" -> {
                String text = line.substring(1 + parts[0].length()).strip();
                yield text.isEmpty() ? new Invalid("Usage: /me TEXT") : new Action(text);
            }
            default -> new Invalid("Unknown command /" + parts[0] + ". Type /help for the list.");
        };
    }

    private static ChatCommand parseHistory(String[] parts) {
        if (parts.length == 1) {
            return new History(OptionalInt.empty());
        }
        try {
            int count = Integer.parseInt(parts[1]);
            if (count > 0) {
                return new History(OptionalInt.of(count));
            }
        } catch (NumberFormatException e) {
            // falls through to the usage line
        }
        return new Invalid("Usage: /history [N], N a positive number.");
    }

    private static ChatCommand parsePrivate(String[] parts) {
        if (parts.length < 3 || parts[2].isBlank()) {
            return new Invalid("Usage: /msg NAME TEXT");
        }
        return new Private(parts[1], parts[2]);
    }
}
