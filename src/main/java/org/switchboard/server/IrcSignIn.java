package org.switchboard.server;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import org.switchboard.auth.Authenticator.PasswordCheck;
import org.switchboard.protocol.IrcMessage;
import org.switchboard.protocol.IrcNames;
import org.switchboard.protocol.Names;
import org.switchboard.server.IrcAccountRegistration.Outcome;

/**
 * An IRC client's sign-in with the server's accounts, three ways: SASL PLAIN before registration ends
 * (IRCv3 SASL 3.1), {@code PASS password} or {@code PASS account:password} (checked as registration
 * ends), and NickServ's {@code IDENTIFY} and {@code REGISTER} after it; a new account with IRCv3's
 * {@code REGISTER} command (account-registration), before registration ends or after (both made by
 * {@link IrcAccountRegistration}). Every wrong password goes through the {@code Authenticator}, so it
 * counts against the same name lock as the line protocol's, and the same {@link SignIn#MAX_FAILURES}
 * per connection end it; the connection's sign-in deadline holds as for any client.
 *
 * <p>The operator's one-time password (reset-password) signs in by any of the three ways, but only to
 * choose a new password: {@code /msg NickServ SET PASSWORD new}. Until then the client is not in the
 * channel and may not chat, and the sign-in deadline keeps running.
 *
 * <p>Threads: the connection's reader thread; not thread-safe.
 */
final class IrcSignIn {
    static final String NICKSERV = "NickServ";
    /** IRCv3's REGISTER command, offered as this capability (a draft, hence the prefix). */
    static final String ACCOUNT_REGISTRATION = "draft/account-registration";
    /** SASL sends its payload in chunks of this many base64 characters; a shorter one ends it. */
    static final int SASL_CHUNK = 400;
    private static final int SASL_MAX = 4 * SASL_CHUNK;

    private final IrcFrontEnd irc;
    private final FrontEnd.Services services;
    private String pass;
    private String account;
    /** The account whose one-time password was right: it must choose a new password before it enters. */
    private String resetting;
    /** The one-time password that was checked: the new password replaces only that, nothing registered since. */
    private PasswordCheck.Reset reset;
    private StringBuilder sasl;
    private int failures;

    IrcSignIn(IrcFrontEnd irc, FrontEnd.Services services) {
        this.irc = irc;
        this.services = services;
    }

    /** The account signed in with SASL or PASS, or null. */
    String account() {
        return account;
    }

    static boolean isNickServ(String target) {
        return target.equalsIgnoreCase(NICKSERV) || target.equalsIgnoreCase("NS");
    }

    /** A nick that stands for a valid user name, and is that name's one nick. */
    static boolean validNick(String nick) {
        String name = IrcNames.name(nick);
        return Names.check(name).filter(p -> p != Names.Problem.RESERVED).isEmpty()
                && IrcNames.nick(name).equals(nick);
    }

    void pass(String value) {
        pass = value;
    }

    /** Checks a PASS as registration ends; false (the connection closed) when it is wrong. */
    boolean passCheck() {
        if (account != null || pass == null) {
            return true;
        }
        String name = IrcNames.name(irc.nick());
        String password = pass;
        int colon = pass.indexOf(':');
        if (colon > 0 && services.authenticator().find(pass.substring(0, colon)).isPresent()) {
            name = pass.substring(0, colon);
            password = pass.substring(colon + 1);
        }
        pass = null;
        Optional<String> checked = check(name, password, "PASS");
        if (checked.isPresent()) {
            account = checked.get();
            return true;
        }
        irc.numeric("464", "Password incorrect");
        reject("Password incorrect");
        return false;
    }

    /** Signed in with a one-time password: no channel before {@code SET PASSWORD}. */
    boolean resetting() {
        return resetting != null;
    }

    /** What a client that is not in the channel yet is told when it tries anything else. */
    String notSignedIn() {
        return resetting != null ? "Choose a new password first: /msg NickServ SET PASSWORD newpassword"
                : "Sign in first: /msg NickServ IDENTIFY password (or REGISTER password)";
    }

    /** How to leave the one-time password behind. */
    void askForNewPassword() {
        notice("Your password was reset by the operator. Choose a new one: /msg NickServ SET PASSWORD newpassword"
                + " (at least " + services.config().minPasswordLength() + " characters). Until then you cannot chat.");
    }

    /** The one NOTICE a client that registered without signing in gets: how to sign in. */
    void greet() {
        notice("You are not signed in. /msg NickServ IDENTIFY password to sign in as " + irc.nick()
                + ", or /msg NickServ REGISTER password to register that name.");
    }

    /** One AUTHENTICATE; false when the connection is to end. */
    boolean authenticate(IrcMessage message) {
        String value = message.param(0);
        if (value == null) {
            irc.numeric("461", "AUTHENTICATE", "Not enough parameters");
            return true;
        }
        if (account != null || irc.registered()) {
            irc.numeric("907", "You have already authenticated using SASL");
            return true;
        }
        if (value.equals("*")) {
            sasl = null;
            irc.numeric("906", "SASL authentication aborted");
            return true;
        }
        if (sasl == null) {
            if (value.equalsIgnoreCase("PLAIN")) {
                sasl = new StringBuilder();
                irc.send("AUTHENTICATE +");
            } else {
                irc.numeric("908", "PLAIN", "are available SASL mechanisms");
                irc.numeric("904", "SASL authentication failed");
            }
            return true;
        }
        if (value.length() > SASL_CHUNK || sasl.length() + value.length() > SASL_MAX) {
            sasl = null;
            irc.numeric("905", "SASL message too long");
            return true;
        }
        if (!value.equals("+")) {
            sasl.append(value);
        }
        if (value.length() == SASL_CHUNK) {
            return true; // more to come
        }
        String payload = sasl.toString();
        sasl = null;
        return plain(payload);
    }

    private boolean plain(String payload) {
        String[] parts;
        try {
            parts = new String(Base64.getDecoder().decode(payload), StandardCharsets.UTF_8).split("\0", -1);
        } catch (IllegalArgumentException e) {
            irc.numeric("904", "SASL authentication failed: not base64");
            return true;
        }
        if (parts.length != 3 || (!parts[0].isEmpty() && !parts[0].equals(parts[1]))
                || Names.check(parts[1]).isPresent()) {
            irc.numeric("904", "SASL authentication failed: PLAIN is authzid NUL account NUL password");
            return true;
        }
        Optional<String> checked = check(parts[1], parts[2], "SASL");
        if (checked.isPresent()) {
            account = checked.get();
            String nick = irc.nick();
            irc.numeric("900", nick + "!" + nick + "@" + IrcFormat.SERVER, account, "You are now logged in as "
                    + account);
            irc.numeric("903", "SASL authentication successful");
            return true;
        }
        irc.numeric("904", "SASL authentication failed");
        return !tooMany();
    }

    /** A line to NickServ after registration; false when the connection is to end. */
    boolean nickServ(String text) {
        String[] words = text.strip().split("\\s+");
        String command = words[0].toUpperCase(Locale.ROOT);
        String name = IrcNames.name(irc.nick());
        switch (command) {
            case "IDENTIFY" -> {
                if (words.length < 2) {
                    notice("Usage: IDENTIFY password (or IDENTIFY account password)");
                    return true;
                }
                // A password may hold spaces: a first word names the account only when it is one.
                String rest = rest(text);
                String who = name;
                int space = rest.indexOf(' ');
                if (space > 0 && services.authenticator().find(rest.substring(0, space)).isPresent()) {
                    who = rest.substring(0, space);
                    rest = rest.substring(space + 1);
                }
                Optional<String> checked = check(who, rest, "NickServ");
                if (checked.isPresent() && resetting != null) {
                    askForNewPassword();
                    return true;
                }
                if (checked.isPresent()) {
                    notice("You are now signed in as " + checked.get() + ".");
                    irc.enter(checked.get());
                    return true;
                }
                notice("Wrong password for " + who + ".");
                return !tooMany();
            }
            case "REGISTER" -> {
                if (words.length < 2) {
                    notice("Usage: REGISTER password");
                    return true;
                }
                register(name, rest(text));
                return true;
            }
            case "SET" -> {
                setPassword(words, text);
                return true;
            }
            default -> {
                notice("I know IDENTIFY password, REGISTER password and SET PASSWORD newpassword.");
                return true;
            }
        }
    }

    /** {@code SET PASSWORD new}: only after a one-time password, in place of it. */
    private void setPassword(String[] words, String text) {
        if (words.length < 3 || !words[1].equalsIgnoreCase("PASSWORD")) {
            notice("Usage: SET PASSWORD newpassword");
            return;
        }
        if (resetting == null) {
            notice("SET PASSWORD replaces a one-time password from the operator: IDENTIFY with it first. To change"
                    + " your password otherwise, sign in with the line protocol and type /passwd.");
            return;
        }
        String password = rest(rest(text));
        int min = services.config().minPasswordLength();
        if (password.codePointCount(0, password.length()) < min) {
            notice("A password needs at least " + min + " characters.");
            return;
        }
        boolean changed;
        try {
            changed = services.authenticator().replaceOneTimePassword(resetting, reset, password.toCharArray());
        } catch (UncheckedIOException e) {
            services.log().warn("New password of " + resetting + " from " + irc.link().address() + " not saved: "
                    + e.getMessage());
            notice("The server cannot save your new password right now; try again later.");
            return;
        }
        if (!changed) {
            // deleted, reset again or registered afresh by someone else since the IDENTIFY: whatever record
            // has the name now is not this session's to change
            services.log().warn("New password after a reset refused: " + resetting + " from "
                    + irc.link().address() + " (IRC); the one-time password no longer works");
            notice(SignIn.ONE_TIME_GONE);
            irc.send("ERROR :Closing link: One-time password no longer works");
            irc.link().close(new CloseCause.SignInRejected());
            return;
        }
        String name = resetting;
        resetting = null;
        reset = null;
        services.log().info("New password chosen after a reset: " + name + " from " + irc.link().address() + " (IRC)");
        notice("Your new password is set, and you are signed in as " + name + ".");
        irc.enter(name);
    }

    /** The text after its first word. */
    private static String rest(String text) {
        String stripped = text.strip();
        int space = stripped.indexOf(' ');
        return space < 0 ? "" : stripped.substring(space + 1).strip();
    }

    /** NickServ's REGISTER: the answer in a NOTICE, and in the channel once registered. */
    private void register(String name, String password) {
        switch (IrcAccountRegistration.register(irc, services, name, password)) {
            case Outcome.Done done -> {
                notice("'" + done.account() + "' is registered, and you are signed in.");
                irc.enter(done.account());
            }
            case Outcome.Refused refused -> notice(refused.text());
            case Outcome.Banned banned -> { }
        }
    }

    /**
     * IRCv3 account-registration's {@code REGISTER <account> {<email> | *} <password>}, or the earlier
     * drafts' {@code REGISTER {<email> | *} <password>} for the nick's name; {@code *} as the account
     * is the nick's name too. The e-mail is not asked for and not kept. Answers {@code REGISTER SUCCESS}
     * or {@code FAIL REGISTER CODE}. Before registration ends (the cap's {@code before-connect}) the
     * client is signed in as SASL would sign it in, and joins as registration ends; after, it joins now.
     *
     * @param signedIn whether the client is in the channel already
     */
    void registerCommand(IrcMessage message, boolean signedIn) {
        int count = message.params().size();
        if (count < 2) {
            fail("NEED_MORE_PARAMS", "*", "Usage: REGISTER <account> * <password> (* as the account: your nick)");
            return;
        }
        String wanted = count >= 3 ? message.param(0) : "*";
        String password = message.param(count >= 3 ? 2 : 1);
        if (account != null || signedIn) {
            String as = account != null ? account : IrcNames.name(irc.nick());
            fail("ALREADY_AUTHENTICATED", as, "You are signed in already, as " + as + ".");
            return;
        }
        if (wanted.equals("*")) {
            if (irc.nick().equals("*")) {
                fail("NEED_NICK", "*", "Send NICK first, or name the account: REGISTER <account> * <password>");
                return;
            }
            wanted = IrcNames.name(irc.nick());
        }
        switch (IrcAccountRegistration.register(irc, services, wanted, password)) {
            case Outcome.Done done -> {
                irc.send(":" + IrcFormat.SERVER + " REGISTER SUCCESS " + done.account() + " :Account " + done.account()
                        + " registered; you are signed in.");
                irc.numeric("900", irc.nick() + "!" + irc.nick() + "@" + IrcFormat.SERVER, done.account(),
                        "You are now logged in as " + done.account());
                if (irc.registered()) {
                    irc.enter(done.account());
                } else {
                    account = done.account(); // the channel waits for the end of registration
                }
            }
            case Outcome.Refused refused -> fail(refused.code(), wanted, refused.text());
            case Outcome.Banned banned -> { }
        }
    }

    /** {@code :switchboard FAIL REGISTER CODE account :text}, IRCv3's standard reply. */
    private void fail(String code, String subject, String text) {
        irc.send(":" + IrcFormat.SERVER + " FAIL REGISTER " + code + " " + subject + " :" + text);
    }

    /** A password sign-in under the throttle: the name as registered, or empty (said why, and counted). */
    private Optional<String> check(String name, String password, String how) {
        FrontEnd.Services s = services;
        var known = s.authenticator().find(name);
        PasswordCheck result = s.authenticator().signIn(name, password.toCharArray());
        if (result instanceof PasswordCheck.Accepted && known.isPresent()) {
            s.log().info("Sign-in ok: " + known.get().name() + " from " + irc.link().address() + " (IRC, " + how + ")");
            return Optional.of(known.get().name());
        }
        if (result instanceof PasswordCheck.Reset r && known.isPresent()) {
            s.log().info("One-time password accepted: " + known.get().name() + " from " + irc.link().address()
                    + " (IRC, " + how + "); a new password is due");
            resetting = known.get().name();
            reset = r;
            return Optional.of(known.get().name());
        }
        if (result instanceof PasswordCheck.Locked locked) {
            notice(locked(name, locked.remaining()));
        } else {
            s.log().warn("Wrong password for " + name + " from " + irc.link().address() + " (IRC)");
            if (result instanceof PasswordCheck.Wrong wrong && wrong.nowLocked()) {
                notice(locked(name, s.authenticator().throttle().policy().lockout()));
            }
        }
        failures++;
        return Optional.empty();
    }

    private static String locked(String name, Duration remaining) {
        return "Too many wrong passwords: '" + name + "' is locked for " + SignIn.minutes(remaining) + ".";
    }

    /** After the per-connection tries, the connection ends; true when it did. */
    private boolean tooMany() {
        if (failures < SignIn.MAX_FAILURES) {
            return false;
        }
        reject("Too many failed attempts");
        return true;
    }

    private void reject(String why) {
        services.log().warn("Sign-in failed from " + irc.link().address() + " (IRC): " + why
                + "; connection closed");
        irc.send("ERROR :Closing link: " + why);
        irc.link().close(new CloseCause.SignInRejected());
    }

    private void notice(String text) {
        irc.send(IrcFormat.messages(":" + NICKSERV + "!" + NICKSERV + "@" + IrcFormat.SERVER + " NOTICE "
                + irc.nick() + " :", "", text));
    }
}
