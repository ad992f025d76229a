package org.switchboard.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Sign-in decisions over the identity file: passwords, registrations and login tokens.
 * Thread-safe; slow on purpose where passwords are hashed (see {@link PasswordHasher}).
 */
public final class Authenticator {
    private final IdentityStore store;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;

    /** What a password sign-in came to. */
    public sealed interface PasswordCheck {
        /** The right password; {@code passwordHash} is the hash it was checked against. */
        record Accepted(String passwordHash) implements PasswordCheck { }

        /**
         * The operator's one-time password, right: it signs in only to choose a new password, which
         * {@link #replaceOneTimePassword} sets only while the record still holds {@code oneTimeHash}.
         */
        record Reset(String oneTimeHash) implements PasswordCheck { }

        /** A wrong password (or an unknown name); {@code nowLocked} when this failure locked the name. */
        record Wrong(boolean nowLocked) implements PasswordCheck { }

        /** Too many wrong passwords: the name is refused, the password was not even checked. */
        record Locked(Duration remaining) implements PasswordCheck { }
    }

    /** A successful token sign-in: the name as registered and the fresh token that replaces the used one. */
    public record TokenLogin(String name, String freshToken) { }

    public Authenticator(IdentityStore store, PasswordHasher hasher) {
        this(store, hasher, new LoginThrottle(LoginThrottle.Policy.OFF, Clock.systemUTC()));
    }

    public Authenticator(IdentityStore store, PasswordHasher hasher, LoginThrottle throttle) {
        this.store = store;
        this.hasher = hasher;
        this.throttle = throttle;
    }

    public LoginThrottle throttle() {
        return throttle;
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

    /**
     * Signs in with a password under the login throttle: a locked name is refused without hashing,
     * a wrong password counts towards the lock, a right one clears the count. Wipes the array.
     */
    public PasswordCheck signIn(String name, char[] password) {
        Optional<Duration> locked = throttle.lockedFor(name);
        if (locked.isPresent()) {
            PasswordHasher.wipe(password);
            return new PasswordCheck.Locked(locked.get());
        }
        // One read, one decision: the hash checked and the one-time flag come from the same copy, so a
        // reset between two reads cannot let the one-time password in as a normal one.
        Optional<UserRecord> user = store.find(name);
        boolean right;
        try {
            right = user.isPresent() && hasher.verify(password, user.get().passwordHash());
        } finally {
            PasswordHasher.wipe(password);
        }
        if (right) {
            throttle.succeeded(name);
            return user.get().oneTimePassword()
                    ? new PasswordCheck.Reset(user.get().passwordHash())
                    : new PasswordCheck.Accepted(user.get().passwordHash());
        }
        return new PasswordCheck.Wrong(throttle.failed(name));
    }

    /**
     * The user's own new password ({@code /passwd}), set only if the record still has the password
     * {@code checked} accepted (not changed, reset, deleted or registered afresh meanwhile); wipes the
     * array. False when it has not.
     */
    public boolean changePassword(String name, PasswordCheck.Accepted checked, char[] password) {
        try {
            return store.replacePassword(name, checked.passwordHash(), hasher.hash(password));
        } finally {
            PasswordHasher.wipe(password);
        }
    }

    /**
     * The new password chosen after a one-time password, set only if the record is still the one-time
     * password {@code reset} checked (not deleted, reset again, or registered afresh by someone else
     * meanwhile); wipes the array. False when it is not: the one-time password no longer works.
     */
    public boolean replaceOneTimePassword(String name, PasswordCheck.Reset reset, char[] password) {
        try {
            return store.replacePassword(name, reset.oneTimeHash(), hasher.hash(password));
        } finally {
            PasswordHasher.wipe(password);
        }
    }

    /**
     * The operator's reset: a fresh one-time password replaces the user's (which stops working at once),
     * every token dies and a name lock from wrong passwords is lifted. Returns the one-time password, to
     * be passed on; only its hash is kept. Empty for an unknown name.
     */
    public Optional<String> resetPassword(String name) {
        String oneTime = Tokens.oneTimePassword();
        if (!store.setPassword(name, hasher.hash(oneTime.toCharArray()), true)) {
            return Optional.empty();
        }
        throttle.succeeded(name);
        return Optional.of(oneTime);
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
