package org.switchboard.server;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;
import org.switchboard.auth.Authenticator;
import org.switchboard.auth.Authenticator.PasswordCheck;
import org.switchboard.log.ActivityLog;
import org.switchboard.protocol.Protocol;

/**
 * {@code /passwd}: a signed-in user changes their own password. First the old password: a wrong one
 * counts against the name's lock as a wrong sign-in does, and ends the change; a locked name cannot
 * change it. Then the new one twice, as a registration asks it. An empty answer gives up. The prompts
 * are the protocol's secret ones, so every answer is masked as the sign-in's are.
 *
 * <p>Threads: the connection's reader thread; not thread-safe.
 */
final class PasswordChange {
    private enum Step { OLD, NEW, REPEAT }

    private final Authenticator auth;
    private final ActivityLog log;
    private final String name;
    private final SignIn.Peer peer;
    private Step step = Step.OLD;
    private final PasswordChoice chosen;
    /** The old password's check, once right: the new one replaces only the record it was checked on. */
    private PasswordCheck.Accepted checked;

    PasswordChange(Authenticator auth, ActivityLog log, int minPasswordLength, String name, SignIn.Peer peer) {
        this.auth = auth;
        this.log = log;
        this.chosen = new PasswordChoice(minPasswordLength, peer);
        this.name = name;
        this.peer = peer;
    }

    /** Asks for the old password; false (said why) when the change cannot even begin. */
    boolean begin() {
        if (auth.find(name).isEmpty()) {
            peer.line(Protocol.ERROR_PREFIX + "Your name is no longer registered. " + Protocol.PASSWORD_NOT_CHANGED);
            return false;
        }
        Optional<Duration> locked = auth.throttle().lockedFor(name);
        if (locked.isPresent()) {
            peer.line(Protocol.ERROR_PREFIX + "Too many wrong passwords: '" + name + "' is locked for "
                    + SignIn.minutes(locked.get()) + ". " + Protocol.PASSWORD_NOT_CHANGED);
            return false;
        }
        peer.line(Protocol.NOTICE_PREFIX + "Changing your password (an empty line gives up).");
        peer.prompt(Protocol.PROMPT_OLD_PASSWORD);
        return true;
    }

    /** One answer; true while the change goes on. */
    boolean onLine(String line) {
        if (line.isEmpty()) {
            forget();
            peer.line(Protocol.NOTICE_PREFIX + Protocol.PASSWORD_NOT_CHANGED);
            return false;
        }
        return switch (step) {
            case OLD -> onOld(line);
            case NEW -> onNew(line);
            case REPEAT -> onRepeat(line);
        };
    }

    private boolean onOld(String old) {
        PasswordCheck check = auth.signIn(name, old.toCharArray());
        if (check instanceof PasswordCheck.Accepted accepted) {
            checked = accepted;
            step = Step.NEW;
            peer.prompt(Protocol.PROMPT_NEW_PASSWORD);
            return true;
        }
        if (check instanceof PasswordCheck.Reset) {
            // the operator reset it since this session signed in: only a new sign-in may replace it
            peer.line(Protocol.ERROR_PREFIX + "That is a one-time password from the operator: sign in again with it"
                    + " to choose your new password. " + Protocol.PASSWORD_NOT_CHANGED);
            return false;
        }
        if (check instanceof PasswordCheck.Locked locked) {
            peer.line(Protocol.ERROR_PREFIX + "Too many wrong passwords: '" + name + "' is locked for "
                    + SignIn.minutes(locked.remaining()) + ". " + Protocol.PASSWORD_NOT_CHANGED);
            return false;
        }
        log.warn("Wrong password for " + name + " from " + peer.address() + " (/passwd)");
        if (check instanceof PasswordCheck.Wrong wrong && wrong.nowLocked()) {
            log.warn("Name " + name + " locked for " + SignIn.minutes(auth.throttle().policy().lockout())
                    + " after " + auth.throttle().policy().failures() + " wrong passwords");
        }
        peer.line(Protocol.ERROR_PREFIX + "Wrong password. " + Protocol.PASSWORD_NOT_CHANGED);
        return false;
    }

    private boolean onNew(String password) {
        if (chosen.choose(password)) {
            step = Step.REPEAT;
        }
        return true;
    }

    private boolean onRepeat(String repeated) {
        char[] candidate = chosen.repeat(repeated);
        if (candidate == null) {
            step = Step.NEW;
            return true;
        }
        boolean changed;
        try {
            changed = auth.changePassword(name, checked, candidate);
        } catch (UncheckedIOException e) {
            log.warn("New password of " + name + " from " + peer.address() + " not saved: " + e.getMessage());
            peer.line(Protocol.ERROR_PREFIX + "The server cannot save your new password right now; try again later. "
                    + Protocol.PASSWORD_NOT_CHANGED);
            return false;
        }
        if (!changed) {
            peer.line(Protocol.ERROR_PREFIX + (auth.find(name).isEmpty() ? "Your name is no longer registered. "
                    : "Your password was changed or reset while you typed. ") + Protocol.PASSWORD_NOT_CHANGED);
            return false;
        }
        log.info("Password changed: " + name + " from " + peer.address() + " (/passwd)");
        peer.line(Protocol.PASSWORD_CHANGED);
        return false;
    }

    private void forget() {
        chosen.forget();
    }
}
