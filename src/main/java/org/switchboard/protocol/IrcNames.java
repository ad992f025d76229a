package org.switchboard.protocol;

/**
 * User names as IRC nicks, and back. A nick cannot start with a digit or {@code -} and cannot hold a
 * {@code .} (it marks server names), which user names may; the two characters used instead are ones no
 * user name has, so every name has exactly one nick: a leading digit or {@code -} gets a {@code `}
 * before it, and each {@code .} becomes {@code |}. {@code 7bob} is {@code `7bob} and {@code a.b} is
 * {@code a|b} on IRC. Letters of any script (Cyrillic included) stay as they are, in UTF-8.
 */
public final class IrcNames {
    /** The longest nick: a name's 32 characters and the {@code `} before a leading digit. */
    public static final int MAX_NICK = Names.MAX_LENGTH + 1;

    private IrcNames() {
    }

    /** The nick of a user name. */
    public static String nick(String name) {
        String nick = name.replace('.', '|');
        if (!nick.isEmpty() && (Character.isDigit(nick.codePointAt(0)) || nick.charAt(0) == '-')) {
            nick = "`" + nick;
        }
        return nick;
    }

    /** The user name a nick stands for (which may still not be a valid name: check it with {@link Names}). */
    public static String name(String nick) {
        String name = nick.startsWith("`") ? nick.substring(1) : nick;
        return name.replace('|', '.');
    }
}
