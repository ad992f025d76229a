package org.switchboard.server;

import java.io.UncheckedIOException;
import java.util.Optional;
import org.switchboard.protocol.Names;

/**
 * A new account from an IRC client, as NickServ's {@code REGISTER} and IRCv3's {@code REGISTER}
 * (account-registration) both make it: a banned name, a bad one, a taken one, one online, a short
 * password, in that order, then the identity file; each refusal with REGISTER's FAIL code, which
 * NickServ's NOTICE leaves out.
 *
 * <p>Threads: the connection's reader thread.
 */
final class IrcAccountRegistration {
    /**
     * What registering a name came to: the account made, or why not, with REGISTER's FAIL code; or a
     * banned name, whose client has been told why (465, ERROR) and closed.
     */
    sealed interface Outcome {
        record Done(String account) implements Outcome { }

        record Refused(String code, String text) implements Outcome { }

        record Banned() implements Outcome { }
    }

    private IrcAccountRegistration() {
    }

    /** Registers {@code name} with {@code password} for the client of {@code irc}. */
    static Outcome register(IrcFrontEnd irc, FrontEnd.Services services, String name, String password) {
        Optional<String> problem = Names.problem(name);
        if (irc.banned(name)) {
            return new Outcome.Banned(); // never registered: told why, and gone
        }
        if (problem.isPresent()) {
            return new Outcome.Refused("BAD_ACCOUNT_NAME", problem.get());
        }
        if (services.authenticator().find(name).isPresent()) {
            return new Outcome.Refused("ACCOUNT_EXISTS",
                    "'" + name + "' is registered already: IDENTIFY password to sign in.");
        }
        if (services.room().find(name).isPresent()) {
            return new Outcome.Refused("BAD_ACCOUNT_NAME", SignIn.IN_USE);
        }
        if (password.codePointCount(0, password.length()) < services.config().minPasswordLength()) {
            return new Outcome.Refused("WEAK_PASSWORD",
                    "A password needs at least " + services.config().minPasswordLength() + " characters.");
        }
        boolean registered;
        try {
            registered = services.authenticator().register(name, password.toCharArray());
        } catch (UncheckedIOException e) {
            services.log().warn("Registration of " + name + " from " + irc.link().address() + " not saved: "
                    + e.getMessage());
            return new Outcome.Refused("TEMPORARILY_UNAVAILABLE",
                    "The server cannot save new users right now; try again later.");
        }
        if (!registered) {
            return new Outcome.Refused("ACCOUNT_EXISTS",
                    "Somebody registered '" + name + "' a moment ago. Choose another nick.");
        }
        services.log().info("Registered new user " + name + " from " + irc.link().address() + " (IRC)");
        return new Outcome.Done(name);
    }
}
