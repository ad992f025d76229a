package org.switchboard.server;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import org.switchboard.auth.Authenticator;
import org.switchboard.auth.Authenticator.PasswordCheck;
import org.switchboard.auth.Ban;
import org.switchboard.log.ActivityLog;
import org.switchboard.protocol.Names;
import org.switchboard.protocol.Protocol;

/**
 * The sign-in dialogue, a state machine fed one line at a time: name, then password (known name),
 * or a new password twice (new name), or {@code /token NAME TOKEN} in place of a name. A banned name
 * is told so, and until when, as soon as it is given, and the connection ends. The operator's
 * one-time password (reset-password) is a password that leads to a new password twice, as a
 * registration does, before the user is signed in.
 *
 * <p>Knows nothing of sockets: it answers through a {@link Peer}, so it can be driven by a test or a
 * fuzzer as well as by a connection. Runs on the connection's reader thread; not thread-safe.
 */
final class SignIn {
    static final String BANNER =
            "Switchboard chat. Sign in with your name and password, or choose a new name to register.";
    static final int MAX_FAILURES = 3;
    static final String IN_USE = "That name is in use right now; choose another.";
    /** Said when the new password after a reset comes too late: the account was deleted or reset since. */
    static final String ONE_TIME_GONE = "Your one-time password no longer works: the account was deleted or its"
            + " password reset again meanwhile. Goodbye.";

    /** Where the dialogue's output goes. */
    interface Peer {
        void line(String text);

        void prompt(String prompt);

        String address();
    }

    /** How a sign-in ended, or that it has not yet. */
    sealed interface Outcome {
        record Pending() implements Outcome { }

        /** Signed in as {@code name}; {@code freshToken} is the replacement for a used token, if any. */
        record SignedIn(String name, Optional<String> freshToken) implements Outcome { }

        record Rejected() implements Outcome { }
    }

    private enum Step { NAME, PASSWORD, NEW_PASSWORD, REPEAT_PASSWORD, DONE }

    private static final Outcome PENDING = new Outcome.Pending();

    private final Authenticator auth;
    private final ActivityLog log;
    private final int minPasswordLength;
    private final Peer peer;
    /** Whether someone is signed in under a name right now (case-insensitively). */
    private final Predicate<String> online;
    /** The ban in force on a name, if any. */
    private final Function<String, Optional<Ban>> banned;
    private Step step = Step.NAME;
    private String name;
    private final PasswordChoice newPassword;
    /** The one-time password checked (reset-password): the new password chosen replaces it, not a registration. */
    private PasswordCheck.Reset resetting;
    private int failures;

    /** A sign-in for a room nobody is in (tests, the fuzzer). */
    SignIn(Authenticator auth, ActivityLog log, int minPasswordLength, Peer peer) {
        this(auth, log, minPasswordLength, peer, name -> false, name -> Optional.empty());
    }

    SignIn(Authenticator auth, ActivityLog log, int minPasswordLength, Peer peer, Predicate<String> online,
            Function<String, Optional<Ban>> banned) {
        this.auth = auth;
        this.log = log;
        this.minPasswordLength = minPasswordLength;
        this.newPassword = new PasswordChoice(minPasswordLength, peer);
        this.peer = peer;
        this.online = online;
        this.banned = banned;
    }

    void begin() {
        begin(null);
    }

    /** The greeting, with {@code notice} (the connection is not encrypted, say) after the banner when given. */
    void begin(String notice) {
        peer.line(BANNER);
        if (notice != null) {
            peer.line(Protocol.NOTICE_PREFIX + notice);
        }
        peer.prompt(Protocol.PROMPT_NAME);
    }

    Outcome onLine(String line) {
        return switch (step) {
            case NAME -> onName(line.strip());
            case PASSWORD -> onPassword(line);
            case NEW_PASSWORD -> onNewPassword(line);
            case REPEAT_PASSWORD -> onRepeat(line);
            case DONE -> throw new IllegalStateException("the sign-in is over");
        };
    }

    private Outcome onName(String answer) {
        resetting = null;
        if (answer.isEmpty()) {
            peer.prompt(Protocol.PROMPT_NAME);
            return PENDING;
        }
        if (answer.startsWith(Protocol.TOKEN_LOGIN + " ")) {
            return onToken(answer.substring(Protocol.TOKEN_LOGIN.length()).strip());
        }
        Optional<String> problem = Names.problem(answer);
        if (problem.isPresent()) {
            return retryName(problem.get());
        }
        Optional<Ban> ban = banned.apply(answer);
        if (ban.isPresent()) {
            return refuse(answer, ban.get());
        }
        var known = auth.find(answer);
        if (known.isPresent()) {
            Optional<Duration> locked = auth.throttle().lockedFor(answer);
            if (locked.isPresent()) {
                return retryName(lockedMessage(known.get().name(), locked.get()));
            }
            name = known.get().name();
            step = Step.PASSWORD;
            peer.prompt(Protocol.PROMPT_PASSWORD);
        } else if (online.test(answer)) {
            // Someone who signed in before the identity file was cleared: registering their name anew would
            // replace their session ("signed in from another place") by a stranger's.
            return retryName(IN_USE);
        } else {
            name = answer;
            step = Step.NEW_PASSWORD;
            peer.line(Protocol.NOTICE_PREFIX + "'" + name + "' is a new name. Choose a password to register it"
                    + " (at least " + minPasswordLength + " characters; an empty line picks another name).");
            peer.prompt(Protocol.PROMPT_NEW_PASSWORD);
        }
        return PENDING;
    }

    private Outcome onToken(String arguments) {
        String[] parts = arguments.split("\\s+");
        if (parts.length != 2 || Names.problem(parts[0]).isPresent()) {
            return retryName("Usage at the name prompt: /token NAME TOKEN");
        }
        Optional<Ban> ban = banned.apply(parts[0]);
        if (ban.isPresent()) {
            return refuse(parts[0], ban.get()); // before the token is used up
        }
        Optional<Authenticator.TokenLogin> login;
        try {
            login = auth.signInWithToken(parts[0], parts[1]);
        } catch (UncheckedIOException e) {
            log.warn("Token sign-in of " + parts[0] + " not saved: " + e.getMessage());
            return retryName("The server cannot save sign-ins by token right now. Sign in with your name and"
                    + " password.");
        }
        if (login.isPresent()) {
            return done(login.get().name(), " (token)", Optional.of(login.get().freshToken()));
        }
        log.warn("Token sign-in failed for " + parts[0] + " from " + peer.address());
        if (++failures >= MAX_FAILURES) {
            return reject();
        }
        return retryName("That token is not valid (any more). Sign in with your name and password.");
    }

    private Outcome onPassword(String password) {
        if (password.isEmpty()) {
            step = Step.NAME;
            peer.prompt(Protocol.PROMPT_NAME);
            return PENDING;
        }
        PasswordCheck check = auth.signIn(name, password.toCharArray());
        if (check instanceof PasswordCheck.Accepted) {
            return done(name, "", Optional.empty());
        }
        if (check instanceof PasswordCheck.Reset reset) {
            resetting = reset;
            step = Step.NEW_PASSWORD;
            peer.line(Protocol.NOTICE_PREFIX + "Your password was reset by the operator. Choose a new one to sign in"
                    + " (at least " + minPasswordLength + " characters; an empty line picks another name).");
            peer.prompt(Protocol.PROMPT_NEW_PASSWORD);
            return PENDING;
        }
        if (check instanceof PasswordCheck.Locked locked) {
            return retryName(lockedMessage(name, locked.remaining()));
        }
        log.warn("Wrong password for " + name + " from " + peer.address());
        boolean nowLocked = check instanceof PasswordCheck.Wrong wrong && wrong.nowLocked();
        if (nowLocked) {
            log.warn("Name " + name + " locked for " + minutes(auth.throttle().policy().lockout())
                    + " after " + auth.throttle().policy().failures() + " wrong passwords");
            peer.line(Protocol.ERROR_PREFIX + "Wrong password. "
                    + lockedMessage(name, auth.throttle().policy().lockout()));
        }
        if (++failures >= MAX_FAILURES) {
            return reject();
        }
        if (nowLocked) {
            step = Step.NAME;
            peer.prompt(Protocol.PROMPT_NAME);
            return PENDING;
        }
        int left = MAX_FAILURES - failures;
        peer.line(Protocol.ERROR_PREFIX + "Wrong password. " + left + (left == 1 ? " try" : " tries")
                + " left (an empty line picks another name).");
        peer.prompt(Protocol.PROMPT_PASSWORD);
        return PENDING;
    }

    private Outcome onNewPassword(String password) {
        if (password.isEmpty()) {
            step = Step.NAME;
            peer.prompt(Protocol.PROMPT_NAME);
            return PENDING;
        }
        if (newPassword.choose(password)) {
            step = Step.REPEAT_PASSWORD;
        }
        return PENDING;
    }

    private Outcome onRepeat(String repeated) {
        char[] candidate = newPassword.repeat(repeated);
        if (candidate == null) {
            step = Step.NEW_PASSWORD;
            return PENDING;
        }
        if (resetting != null) {
            return replaceOneTimePassword(candidate);
        }
        // Someone online under this name without an account (the identity file was cleared under them)
        // keeps it; a name registered meanwhile is the race below, and says so.
        if (online.test(name) && auth.find(name).isEmpty()) {
            Arrays.fill(candidate, '\0');
            return retryName(IN_USE);
        }
        boolean registered;
        try {
            registered = auth.register(name, candidate);
        } catch (UncheckedIOException e) {
            // The store kept everything it had and forgot this change: say so once, without a stack trace.
            log.warn("Registration of " + name + " from " + peer.address() + " not saved: " + e.getMessage());
            return retryName("The server cannot save new users right now, so '" + name + "' was not registered."
                    + " Try again later, or sign in with a name you registered before.");
        }
        if (!registered) {
            return retryName("Somebody registered '" + name + "' a moment ago. Choose another name.");
        }
        log.info("Registered new user " + name + " from " + peer.address());
        return done(name, " (new user)", Optional.empty());
    }

    private Outcome replaceOneTimePassword(char[] candidate) {
        boolean changed;
        try {
            changed = auth.replaceOneTimePassword(name, resetting, candidate);
        } catch (UncheckedIOException e) {
            log.warn("New password of " + name + " from " + peer.address() + " not saved: " + e.getMessage());
            return retryName("The server cannot save your new password right now; your one-time password still"
                    + " works. Try again later.");
        }
        if (!changed) {
            // deleted, reset again or registered afresh by someone else while this session chose: the
            // one-time password it gave is spent, and nothing here may touch the record there is now
            step = Step.DONE;
            log.warn("New password after a reset refused: " + name + " from " + peer.address()
                    + "; the one-time password no longer works (account deleted or reset since)");
            peer.line(Protocol.ERROR_PREFIX + ONE_TIME_GONE);
            return new Outcome.Rejected();
        }
        log.info("New password chosen after a reset: " + name + " from " + peer.address());
        return done(name, " (one-time password replaced)", Optional.empty());
    }

    private static String lockedMessage(String name, Duration remaining) {
        return "Too many wrong passwords: '" + name + "' is locked for " + minutes(remaining)
                + ". Sign in with a token, or try again later.";
    }

    /** Whole minutes rounded up ("1 minute", "10 minutes"); seconds below a minute. */
    static String minutes(Duration time) {
        long seconds = Math.max(1, (time.toMillis() + 999) / 1000);
        if (seconds < 60) {
            return seconds + (seconds == 1 ? " second" : " seconds");
        }
        long minutes = (seconds + 59) / 60;
        return minutes + (minutes == 1 ? " minute" : " minutes");
    }

    private Outcome retryName(String problem) {
        step = Step.NAME;
        peer.line(Protocol.ERROR_PREFIX + problem);
        peer.prompt(Protocol.PROMPT_NAME);
        return PENDING;
    }

    /** {@code how}: what the log adds after the address, "" for a password, " (token)", " (new user)". */
    private Outcome done(String signedIn, String how, Optional<String> freshToken) {
        step = Step.DONE;
        log.info("Sign-in ok: " + signedIn + " from " + peer.address() + how);
        return new Outcome.SignedIn(signedIn, freshToken);
    }

    /** A banned name: told why and until when, and the connection ends. */
    private Outcome refuse(String banned, Ban ban) {
        step = Step.DONE;
        log.warn("Sign-in refused: " + banned + " from " + peer.address() + " is banned");
        peer.line(Protocol.ERROR_PREFIX + "'" + banned + "' is banned " + ban.untilText(log.zone()) + ban.why()
                + ". Goodbye.");
        return new Outcome.Rejected();
    }

    private Outcome reject() {
        step = Step.DONE;
        log.warn("Sign-in failed " + MAX_FAILURES + " times from " + peer.address() + "; connection closed");
        peer.line(Protocol.ERROR_PREFIX + "Too many failed attempts. Goodbye.");
        return new Outcome.Rejected();
    }
}
