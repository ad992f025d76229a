package org.switchboard.protocol;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The rules for user names: 1 to 32 letters (any script), digits, {@code _}, {@code -} or {@code .};
 * unique regardless of case; a few names are reserved for the server itself.
 */
public final class Names {
    public static final int MAX_LENGTH = 32;
    private static final Set<String> RESERVED = Set.of(
            "server", "admin", "administrator", "operator", "root", "system", "switchboard", "moderator");

    private Names() {
    }

    /** The key under which a name is unique: case-insensitive, locale-independent. */
    public static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    /** Why a name cannot be used. */
    public enum Problem {
        EMPTY,
        TOO_LONG,
        BAD_CHARACTER,
        /** Well-formed, but kept for the server itself: nobody may register it. */
        RESERVED;

        /** What the user is told about {@code name}. */
        public String message(String name) {
            return switch (this) {
                case EMPTY -> "A name cannot be empty.";
                case TOO_LONG -> "A name has at most " + MAX_LENGTH + " characters.";
                case BAD_CHARACTER -> "A name uses only letters, digits, _ - and . (no spaces).";
                case RESERVED -> "The name '" + name + "' is reserved.";
            };
        }
    }

    /** Why a name cannot be used, or empty when it can. */
    public static Optional<Problem> check(String name) {
        if (name.isEmpty()) {
            return Optional.of(Problem.EMPTY);
        }
        if (name.codePointCount(0, name.length()) > MAX_LENGTH) {
            return Optional.of(Problem.TOO_LONG);
        }
        boolean valid = name.codePoints().allMatch(
                c -> Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.');
        if (!valid) {
            return Optional.of(Problem.BAD_CHARACTER);
        }
        if (RESERVED.contains(key(name))) {
            return Optional.of(Problem.RESERVED);
        }
        return Optional.empty();
    }

    /** What the user is told about why a name cannot be used, or empty when it can. */
    public static Optional<String> problem(String name) {
        return check(name).map(problem -> problem.message(name));
    }
}
