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

    /** Why a name cannot be used, or empty when it can. */
    public static Optional<String> problem(String name) {
        if (name.isEmpty()) {
            return Optional.of("A name cannot be empty.");
        }
        int length = name.codePointCount(0, name.length());
        if (length > MAX_LENGTH) {
            return Optional.of("A name has at most " + MAX_LENGTH + " characters.");
        }
        boolean valid = name.codePoints().allMatch(
                c -> Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.');
        if (!valid) {
            return Optional.of("A name uses only letters, digits, _ - and . (no spaces).");
        }
        if (RESERVED.contains(key(name))) {
            return Optional.of("The name '" + name + "' is reserved.");
        }
        return Optional.empty();
    }
}
