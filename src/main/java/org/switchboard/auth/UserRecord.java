package org.switchboard.auth;

import java.time.Instant;
import java.util.List;

/**
 * One user of the identity file: the name as registered, the password hash, the live token hashes,
 * when the name was registered and last seen (null when unknown: a user from a file written before
 * these times were kept), and whether the password is an operator's one-time password, which signs
 * in only to choose a new one.
 */
public record UserRecord(String name, String passwordHash, List<String> tokenHashes, Instant registered,
        Instant lastSeen, boolean oneTimePassword) {
    public UserRecord {
        tokenHashes = List.copyOf(tokenHashes);
    }

    /** The same user with other token hashes. */
    UserRecord withTokens(List<String> tokens) {
        return new UserRecord(name, passwordHash, tokens, registered, lastSeen, oneTimePassword);
    }

    UserRecord withLastSeen(Instant seen) {
        return new UserRecord(name, passwordHash, tokenHashes, registered, seen, oneTimePassword);
    }

    UserRecord withPassword(String hash, boolean oneTime) {
        return new UserRecord(name, hash, tokenHashes, registered, lastSeen, oneTime);
    }
}
