package org.switchboard.protocol;

import java.nio.charset.StandardCharsets;

/**
 * The fixed texts of the line protocol that programs rely on (docs/PROTOCOL.md describes them all).
 *
 * <p>Every server line ends in CR LF. Prompts are the only output not ended by a line break: a client
 * knows one when the text after the last line break equals one of the {@code PROMPT_*} strings.
 */
public final class Protocol {
    public static final int DEFAULT_PORT = 5050;
    /** The line protocol over TLS (the server's {@code --tls-port}). */
    public static final int DEFAULT_TLS_PORT = 5443;
    public static final String LINE_END = "\r\n";

    public static final String PROMPT_NAME = "Name: ";
    public static final String PROMPT_PASSWORD = "Password: ";
    public static final String PROMPT_NEW_PASSWORD = "Choose a password: ";
    public static final String PROMPT_REPEAT_PASSWORD = "Repeat the password: ";
    /** {@code /passwd}'s first question, before the new password twice. */
    public static final String PROMPT_OLD_PASSWORD = "Old password: ";
    /** {@code /passwd}'s last line when the new password is saved. */
    public static final String PASSWORD_CHANGED = "* Your password is changed.";
    /** How every other end of {@code /passwd} ends its line (the console client then stops masking). */
    public static final String PASSWORD_NOT_CHANGED = "Password not changed.";

    /** Answer to the name prompt that signs in with a saved token: {@code /token NAME TOKEN}. */
    public static final String TOKEN_LOGIN = "/token";
    /** Line that hands a client a fresh login token: {@code * token: VALUE}. */
    public static final String TOKEN_PREFIX = "* token: ";
    public static final String WELCOME_PREFIX = "Welcome, ";
    public static final String ERROR_PREFIX = "! ";
    public static final String NOTICE_PREFIX = "* ";
    /** Before the recipient's name in the confirmation a private message's sender gets: {@code [12:04] → maxim: hi}. */
    public static final String PRIVATE_TO = "\u2192 ";

    private Protocol() {
    }

    public static boolean isPrompt(String text) {
        return PROMPT_NAME.equals(text) || isSecretPrompt(text);
    }

    public static boolean isSecretPrompt(String text) {
        return PROMPT_PASSWORD.equals(text) || PROMPT_NEW_PASSWORD.equals(text)
                || PROMPT_REPEAT_PASSWORD.equals(text) || PROMPT_OLD_PASSWORD.equals(text);
    }

    public static String welcome(String name) {
        return WELCOME_PREFIX + name + "!";
    }

    /** The bytes of one complete line: the text in UTF-8 followed by CR LF. */
    public static byte[] lineBytes(String text) {
        return (text + LINE_END).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Telnet's IAC WILL ECHO: "the server echoes", so a telnet client stops echoing what is typed. Sent
     * before a password prompt, and only to a client that has sent telnet negotiation itself.
     */
    public static byte[] telnetWillEcho() {
        return new byte[] {(byte) 255, (byte) 251, 1};
    }

    /** IAC WONT ECHO: the client echoes again. */
    public static byte[] telnetWontEcho() {
        return new byte[] {(byte) 255, (byte) 252, 1};
    }

    /** The bytes of a prompt: no line break after it. */
    public static byte[] promptBytes(String prompt) {
        return prompt.getBytes(StandardCharsets.UTF_8);
    }
}
