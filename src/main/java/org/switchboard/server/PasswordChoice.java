package org.switchboard.server;

import java.util.Arrays;
import org.switchboard.protocol.Protocol;

/**
 * A new password asked twice, as registration, the one-time password's follow-up and {@code /passwd}
 * all ask it: long enough, then the same again, or asked afresh. Holds the first answer in between.
 *
 * <p>Threads: the connection's reader thread, as its owner; not thread-safe.
 */
final class PasswordChoice {
    private final int minLength;
    private final SignIn.Peer peer;
    private char[] chosen;

    PasswordChoice(int minLength, SignIn.Peer peer) {
        this.minLength = minLength;
        this.peer = peer;
    }

    /** The first answer: true when taken (the repeat is asked), false when too short (asked again). */
    boolean choose(String password) {
        if (password.codePointCount(0, password.length()) < minLength) {
            peer.line(Protocol.ERROR_PREFIX + "A password needs at least " + minLength + " characters.");
            peer.prompt(Protocol.PROMPT_NEW_PASSWORD);
            return false;
        }
        chosen = password.toCharArray();
        peer.prompt(Protocol.PROMPT_REPEAT_PASSWORD);
        return true;
    }

    /** The repeat: the password when it matches the first answer, else null (said so, and asked afresh). */
    char[] repeat(String repeated) {
        char[] candidate = chosen;
        chosen = null;
        if (!Arrays.equals(candidate, repeated.toCharArray())) {
            Arrays.fill(candidate, '\0');
            peer.line(Protocol.ERROR_PREFIX + "The passwords do not match. Choose a password again.");
            peer.prompt(Protocol.PROMPT_NEW_PASSWORD);
            return null;
        }
        return candidate;
    }

    /** Wipes a first answer not repeated yet. */
    void forget() {
        if (chosen != null) {
            Arrays.fill(chosen, '\0');
            chosen = null;
        }
    }
}
