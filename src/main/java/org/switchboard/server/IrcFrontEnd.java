package org.switchboard.server;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.switchboard.auth.Ban;
import org.switchboard.chat.Format;
import org.switchboard.chat.RoomEvent;
import org.switchboard.protocol.IrcMessage;
import org.switchboard.protocol.IrcNames;
import org.switchboard.protocol.Names;
import org.switchboard.protocol.Protocol;

/**
 * IRC, as HexChat, irssi, WeeChat and bots speak it: registration (CAP, NICK, USER, PING), sign-in
 * with the server's accounts ({@link IrcSignIn}: SASL PLAIN, PASS, NickServ), then the channel
 * ({@link IrcSession}). The nick is the account's name ({@link IrcNames} for the names a nick cannot
 * carry as they are); the one channel is the room.
 *
 * <p>Threads: the reader thread of its connection (a {@link FrontEnd}); {@link #render} and
 * {@link #farewell} may come from any thread, and read only fields set before the member joined.
 */
final class IrcFrontEnd implements FrontEnd {
    /** The capabilities offered; sasl is PLAIN only. */
    static final Set<String> CAPABILITIES = Set.of("sasl", "server-time", "echo-message", "message-tags",
            IrcSignIn.ACCOUNT_REGISTRATION);

    private final Link link;
    private final Services services;
    private final IrcFormat format;
    private final IrcSignIn signIn;
    private final Set<String> enabled = new LinkedHashSet<>();
    /** The nick asked for with NICK, or the account's once signed in; "*" before any. */
    private volatile String nick = "*";
    private boolean user;
    private boolean negotiating;
    /** 001 to 422 went out. */
    private boolean registered;
    private volatile IrcSession session;

    IrcFrontEnd(Link link, Services services, IrcFormat format) {
        this.link = link;
        this.services = services;
        this.format = format;
        this.signIn = new IrcSignIn(this, services);
    }

    @Override
    public Format format() {
        return format;
    }

    @Override
    public void begin() {
        // IRC clients speak first, but servers may greet with a NOTICE (as "*** Looking up your hostname"
        // does): on the plain port it says the password would cross the network readable. The sign-in
        // deadline runs from the connection's start.
        String notice = link.transportNotice(null);
        if (notice != null) {
            link.send(complaint(notice));
        }
    }

    @Override
    public int lineLimit(int configured) {
        return IrcMessage.MAX_TAG_BYTES + IrcMessage.MAX_BYTES;
    }

    @Override
    public boolean onLine(String line) {
        IrcMessage.Parsed parsed = IrcMessage.parse(line);
        if (parsed.problem() != null) {
            if (parsed.problem() == IrcMessage.Problem.TOO_LONG) {
                numeric("417", "Input line was too long");
            }
            return true;
        }
        IrcMessage message = parsed.message();
        switch (message.command()) {
            case "PING" -> {
                if (message.params().isEmpty()) {
                    numeric("409", "No origin specified");
                } else {
                    send(":" + IrcFormat.SERVER + " PONG " + IrcFormat.SERVER + " :" + message.param(0));
                }
                return true;
            }
            case "PONG" -> {
                return true;
            }
            case "QUIT" -> {
                send("ERROR :Closing link: " + nick + " (Quit: " + clean(message.param(0), "left") + ")");
                return false;
            }
            case "CAP" -> {
                cap(message);
                return true;
            }
            case "REGISTER" -> {
                signIn.registerCommand(message, session != null);
                return true;
            }
            default -> {
                return session != null ? session.onMessage(message) : beforeSignIn(message);
            }
        }
    }

    private boolean beforeSignIn(IrcMessage message) {
        switch (message.command()) {
            case "NICK" -> nick(message);
            case "USER" -> {
                if (registered || user) {
                    numeric("462", "You may not reregister");
                } else if (message.params().size() < 4) {
                    numeric("461", "USER", "Not enough parameters");
                } else {
                    user = true;
                    register();
                }
            }
            case "PASS" -> {
                if (registered) {
                    numeric("462", "You may not reregister");
                } else if (message.params().isEmpty()) {
                    numeric("461", "PASS", "Not enough parameters");
                } else {
                    signIn.pass(message.param(0));
                }
            }
            case "AUTHENTICATE" -> {
                return signIn.authenticate(message);
            }
            case "PRIVMSG", "NOTICE" -> {
                String target = message.param(0);
                if (registered && target != null && IrcSignIn.isNickServ(target) && message.param(1) != null) {
                    return signIn.nickServ(message.param(1));
                }
                if (registered) {
                    numeric("451", signIn.notSignedIn());
                } else {
                    numeric("451", "You have not registered");
                }
            }
            default -> numeric("451", registered ? signIn.notSignedIn() : "You have not registered");
        }
        return true;
    }

    private void nick(IrcMessage message) {
        String wanted = message.param(0);
        if (wanted == null || wanted.isEmpty()) {
            numeric("431", "No nickname given");
            return;
        }
        if (!IrcSignIn.validNick(wanted)) {
            numeric("432", wanted, "Erroneous nickname: a nick is a user name (letters, digits, _ and -),"
                    + " with | for . and ` before a leading digit");
            return;
        }
        String old = nick;
        nick = wanted;
        if (registered) {
            send(":" + old + "!" + old + "@" + IrcFormat.SERVER + " NICK " + wanted);
        } else {
            register();
        }
    }

    private void cap(IrcMessage message) {
        String sub = message.param(0) == null ? "" : message.param(0).toUpperCase(Locale.ROOT);
        switch (sub) {
            case "LS" -> {
                negotiating = !registered;
                boolean v302 = "302".equals(message.param(1));
                // REGISTER works before registration ends, and for an account other than the nick
                send(":" + IrcFormat.SERVER + " CAP " + nick + " LS :" + (v302 ? "sasl=PLAIN" : "sasl")
                        + " server-time echo-message message-tags " + IrcSignIn.ACCOUNT_REGISTRATION
                        + (v302 ? "=before-connect,custom-account-name" : ""));
            }
            case "LIST" -> send(":" + IrcFormat.SERVER + " CAP " + nick + " LIST :" + String.join(" ", enabled));
            case "REQ" -> {
                negotiating = !registered;
                String asked = message.param(1) == null ? "" : message.param(1).strip();
                boolean known = !asked.isEmpty();
                for (String cap : asked.split(" +")) {
                    known &= CAPABILITIES.contains(cap.startsWith("-") ? cap.substring(1) : cap);
                }
                if (known) {
                    for (String cap : asked.split(" +")) {
                        if (cap.startsWith("-")) {
                            enabled.remove(cap.substring(1));
                        } else {
                            enabled.add(cap);
                        }
                    }
                }
                send(":" + IrcFormat.SERVER + " CAP " + nick + (known ? " ACK :" : " NAK :") + asked);
            }
            case "END" -> {
                negotiating = false;
                register();
            }
            case "" -> numeric("461", "CAP", "Not enough parameters");
            default -> numeric("410", sub, "Invalid CAP command");
        }
    }

    /** Registration ends once NICK and USER came and CAP negotiation (if any) is over. */
    void register() {
        if (registered || negotiating || !user || nick.equals("*")) {
            return;
        }
        if (!signIn.passCheck()) {
            return;
        }
        String account = signIn.account();
        if (account != null && banned(account)) {
            return;
        }
        if (account != null) {
            nick = IrcNames.nick(account);
        }
        registered = true;
        welcome();
        if (signIn.resetting()) {
            signIn.askForNewPassword();
        } else if (account != null) {
            enter(account);
        } else {
            signIn.greet();
        }
    }

    private void welcome() {
        int users = services.room().size();
        numeric("001", "Welcome to Switchboard, " + nick);
        numeric("002", "Your host is " + IrcFormat.SERVER + ", running Switchboard");
        numeric("003", "This server has the room " + format.channel());
        send(":" + IrcFormat.SERVER + " 004 " + nick + " " + IrcFormat.SERVER + " switchboard i bnt");
        send(":" + IrcFormat.SERVER + " 005 " + nick + " CHANTYPES=# PREFIX=(ov)@+ NETWORK=Switchboard"
                + " CASEMAPPING=ascii NICKLEN=" + IrcNames.MAX_NICK + " CHANNELLEN=50 CHANLIMIT=#:1 UTF8ONLY"
                + " :are supported by this server");
        numeric("251", "There are " + users + " users on 1 server");
        send(":" + IrcFormat.SERVER + " 254 " + nick + " 1 :channels formed");
        numeric("255", "I have " + users + " clients and 0 servers");
        numeric("422", "MOTD File is missing");
    }

    /** Signed in as {@code account}: the nick becomes the account's, and the channel is joined. */
    void enter(String account) {
        // the name is the connection's before the ban is looked at: a ban made meanwhile finds it online
        link.signedIn(account);
        if (banned(account)) {
            return;
        }
        String accountNick = IrcNames.nick(account);
        if (!accountNick.equals(nick)) {
            send(":" + nick + "!" + nick + "@" + IrcFormat.SERVER + " NICK " + accountNick);
            nick = accountNick;
        }
        IrcSession entered = new IrcSession(this, services, link.member(), format);
        session = entered;
        entered.join();
    }

    /** A banned name is told so (465, then ERROR) and the connection ends; false when it is not banned. */
    boolean banned(String name) {
        Optional<Ban> ban = services.bans().nameBan(name);
        if (ban.isEmpty()) {
            return false;
        }
        services.log().warn("Sign-in refused: " + name + " from " + link.address() + " is banned (IRC)");
        numeric("465", "You are banned from this server " + ban.get().untilText(services.log().zone())
                + ban.get().why());
        send("ERROR :Closing link: " + ban.get().banned(services.log().zone()));
        link.close(new CloseCause.SignInRejected());
        return true;
    }

    boolean registered() {
        return registered;
    }

    boolean enabled(String capability) {
        return enabled.contains(capability);
    }

    String nick() {
        return nick;
    }

    Link link() {
        return link;
    }

    /** {@code :switchboard CODE nick [params...] :last}. */
    void numeric(String code, String... params) {
        StringBuilder line = new StringBuilder(":").append(IrcFormat.SERVER).append(' ').append(code).append(' ')
                .append(nick);
        for (int i = 0; i < params.length; i++) {
            line.append(i == params.length - 1 ? " :" : " ").append(params[i]);
        }
        send(line.toString());
    }

    void send(String line) {
        link.send((line + "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    void send(byte[] bytes) {
        link.send(bytes);
    }

    static String clean(String text, String otherwise) {
        return text == null || text.isBlank() ? otherwise : org.switchboard.protocol.Sanitizer.clean(text);
    }

    @Override
    public byte[] render(RoomEvent event) {
        return switch (event) {
            case RoomEvent.Replayed replayed -> format.replayed(replayed.line(), enabled("server-time"));
            case RoomEvent.Private p -> format.privately(p, nick);
            case RoomEvent.PrivateSent sent -> enabled("echo-message")
                    ? format.sent(link.member().name(), sent) : new byte[0];
            default -> format.render(event);
        };
    }

    /**
     * A crowd's JOINs without this client's own: it had its JOIN echo as it came in
     * ({@link IrcSession#join}), and a second one would show it joining twice. A crowd is summed up
     * for everyone, those in it too, so only its members render it again, once each.
     */
    @Override
    public byte[] fromFeed(RoomEvent event, byte[] shared) {
        if (!(event instanceof RoomEvent.Presence crowd) || !crowd.joined() || crowd.names().size() < 2) {
            return shared;
        }
        String own = Names.key(link.member().name());
        List<String> others = crowd.names().stream().filter(n -> !Names.key(n).equals(own)).toList();
        return others.size() == crowd.names().size() ? shared : format.render(new RoomEvent.Presence(others, true));
    }

    @Override
    public byte[] complaint(String text) {
        return IrcFormat.messages(":" + IrcFormat.SERVER + " NOTICE " + nick + " :", "", strip(text));
    }

    @Override
    public byte[] lineTooLong(int limit) {
        return (":" + IrcFormat.SERVER + " 417 " + nick + " :Input line was too long\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** An operator's kick (or a newer session) is a KICK from the channel, then ERROR; any other end an ERROR. */
    @Override
    public byte[] farewell(CloseCause cause) {
        String text = cause.farewell();
        if (text == null) {
            return null;
        }
        String error = "ERROR :Closing link: " + strip(text) + "\r\n";
        if (cause instanceof CloseCause.Told && session != null) {
            error = ":" + IrcFormat.SERVER + " KICK " + format.channel() + " " + nick + " :" + strip(text) + "\r\n"
                    + error;
        }
        return error.getBytes(StandardCharsets.UTF_8);
    }

    /** The line protocol's "! " or "* " in front of a text. */
    private static String strip(String text) {
        if (text.startsWith(Protocol.ERROR_PREFIX) || text.startsWith(Protocol.NOTICE_PREFIX)) {
            return text.substring(2);
        }
        return text;
    }
}
