package org.switchboard.auth;

import java.util.Optional;

/**
 * Sign-in decisions over the identity file: passwords, registrations and login tokens.
 * Thread-safe; slow on purpose where passwords are hashed (see {@link PasswordHasher}).
 */
public final class Authenticator {
    private final IdentityStore store;
    private final PasswordHasher hasher;

    /** A successful token sign-in: the name as registered and the fresh token that replaces the used one. */
    public record TokenLogin(String name, String freshToken) { }

    public Authenticator(IdentityStore store, PasswordHasher hasher) {
        this.store = store;
        this.hasher = hasher;
    }

    public IdentityStore store() {
        return store;
    }

    public Optional<UserRecord> find(String name) {
        return store.find(name);
    }

    /** Checks a password and wipes the array; false for an unknown name. */
    public boolean checkPassword(String name, char[] password) {
        try {
            Optional<UserRecord> user = store.find(name);
            return user.isPresent() && hasher.verify(password, user.get().passwordHash());
        } finally {
            PasswordHasher.wipe(password);
        }
    }

    /** Registers a new name and wipes the array; false when someone registered that name first. */
    public boolean register(String name, char[] password) {
        try {
            return store.register(name, hasher.hash(password));
        } finally {
            PasswordHasher.wipe(password);
        }
    }

    /** A new login token for the user, stored only as its hash; empty for an unknown name. */
    public Optional<String> issueToken(String name) {
        String token = Tokens.newToken();
        return store.addToken(name, Tokens.hash(token)) ? Optional.of(token) : Optional.empty();
    }

    /** Signs in with a token: it is used up and replaced by a fresh one (the assignment's rotation). */
    public Optional<TokenLogin> signInWithToken(String name, String token) {
        if (!store.redeemToken(name, Tokens.hash(token))) {
            return Optional.empty();
        }
        String registered = store.find(name).map(UserRecord::name).orElse(name);
        return issueToken(registered).map(fresh -> new TokenLogin(registered, fresh));
    }
}
