package org.switchboard.auth;

import java.util.List;

/** One user of the identity file: the name as registered, the password hash, the live token hashes. */
public record UserRecord(String name, String passwordHash, List<String> tokenHashes) {
    public UserRecord {
        tokenHashes = List.copyOf(tokenHashes);
    }
}
