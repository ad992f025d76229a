package org.switchboard.server;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.switchboard.auth.Ban;
import org.switchboard.auth.BanTarget;
import org.switchboard.chat.ChatRoom;
import org.switchboard.chat.Member;
import org.switchboard.protocol.IrcMessage;
import org.switchboard.protocol.IrcNames;
import org.switchboard.protocol.Names;

/**
 * A signed-in IRC client in the channel: PRIVMSG and NOTICE to the channel or a nick, CTCP ACTION,
 * and the queries clients send to sync a channel (NAMES, WHO, WHOIS, MODE, TOPIC, LIST). The one
 * channel is the room; any other is refused and the connection lives on. A muted user's lines are
 * refused: 404 for the channel, a NOTICE for a private line, each saying why and until when.
 *
 * <p>Threads: the connection's reader thread; not thread-safe.
 */
final class IrcSession {
    private static final String ACTION = "\u0001ACTION ";
    /** Names per 353 line: short enough for 512 bytes with the longest nicks. */
    private static final int NAMES_PER_LINE = 10;

    private final IrcFrontEnd irc;
    private final FrontEnd.Services services;
    private final ChatRoom room;
    private final Member member;
    private final IrcFormat format;
    private boolean inChannel;

    IrcSession(IrcFrontEnd irc, FrontEnd.Services services, Member member, IrcFormat format) {
        this.irc = irc;
        this.services = services;
        this.room = services.room();
        this.member = member;
        this.format = format;
    }

    /** Joins the channel: the JOIN echo, every member's name, then the room with its history. */
    void join() {
        irc.send(":" + IrcFormat.mask(member.name()) + " JOIN " + format.channel());
        names(true);
        inChannel = true;
        room.join(member, services.config().historyReplay());
    }

    /** One message; false when the connection is to end. */
    boolean onMessage(IrcMessage message) {
        String target = message.param(0);
        switch (message.command()) {
            case "PRIVMSG", "NOTICE" -> message(message, message.command().equals("NOTICE"));
            case "JOIN" -> {
                if (target == null) {
                    irc.numeric("461", "JOIN", "Not enough parameters");
                } else if (!ours(target)) {
                    irc.numeric("403", target, "No such channel: this server has one, " + format.channel());
                } else if (!inChannel) {
                    join();
                }
            }
            case "PART" -> {
                if (target == null) {
                    irc.numeric("461", "PART", "Not enough parameters");
                } else if (!ours(target) || !inChannel) {
                    irc.numeric("442", target, "You're not on that channel");
                } else {
                    irc.send(":" + IrcFormat.mask(member.name()) + " PART " + format.channel() + " :"
                            + IrcFrontEnd.clean(message.param(1), "left"));
                    inChannel = false;
                    room.leave(member, "left");
                }
            }
            case "NAMES" -> {
                if (target == null || ours(target)) {
                    names(inChannel || target == null);
                } else {
                    irc.numeric("366", target, "End of /NAMES list");
                }
            }
            case "WHO" -> who(target);
            case "WHOIS" -> whois(message.param(message.params().size() > 1 ? 1 : 0));
            case "MODE" -> mode(message);
            case "TOPIC" -> {
                if (target == null) {
                    irc.numeric("461", "TOPIC", "Not enough parameters");
                } else if (!ours(target)) {
                    irc.numeric("403", target, "No such channel");
                } else if (message.params().size() > 1) {
                    irc.numeric("482", format.channel(), "The topic is not set here");
                } else {
                    irc.numeric("331", format.channel(), "No topic is set");
                }
            }
            case "LIST" -> {
                irc.numeric("321", "Channel", "Users  Name");
                irc.numeric("322", format.channel(), String.valueOf(room.size()), "The Switchboard room");
                irc.numeric("323", "End of /LIST");
            }
            case "NICK" -> {
                if (target == null) {
                    irc.numeric("431", "No nickname given");
                } else if (!target.equals(irc.nick())) {
                    irc.numeric("447", "Your nick is your account's name; it cannot change");
                }
            }
            case "USER", "PASS" -> irc.numeric("462", "You may not reregister");
            case "AUTHENTICATE" -> irc.numeric("907", "You have already authenticated");
            case "AWAY" -> irc.numeric("305", "You are no longer marked as being away");
            default -> irc.numeric("421", message.command(), "Unknown command");
        }
        return true;
    }

    private void message(IrcMessage message, boolean notice) {
        String target = message.param(0);
        String text = message.param(1);
        if (target == null) {
            if (!notice) {
                irc.numeric("411", "No recipient given (" + message.command() + ")");
            }
            return;
        }
        if (text == null || text.isEmpty()) {
            if (!notice) {
                irc.numeric("412", "No text to send");
            }
            return;
        }
        boolean action = text.startsWith(ACTION);
        if (!action && text.startsWith("\u0001")) {
            return; // other CTCP (VERSION, PING...): not answered
        }
        String body = IrcFrontEnd.clean(action ? text.substring(ACTION.length()).replace("\u0001", "") : text, "");
        if (body.isBlank()) {
            return;
        }
        Optional<Ban> mute = services.bans().mute(member.name());
        if (IrcSignIn.isNickServ(target)) {
            irc.send(":" + IrcSignIn.NICKSERV + "!" + IrcSignIn.NICKSERV + "@" + IrcFormat.SERVER + " NOTICE "
                    + irc.nick() + " :You are signed in as " + member.name() + ".");
        } else if (ours(target)) {
            if (!inChannel) {
                irc.numeric("404", target, "Cannot send to channel (JOIN it first)");
            } else if (mute.isPresent()) {
                irc.numeric("404", format.channel(), "Cannot send to channel: "
                        + mute.get().muted(services.log().zone()));
            } else if (action) {
                room.act(member, body, irc.enabled("echo-message"));
            } else {
                room.say(member, body);
                if (irc.enabled("echo-message")) {
                    irc.send(format.echo(member.name(), body));
                }
            }
        } else if (target.startsWith("#")) {
            irc.numeric("403", target, "No such channel: this server has one, " + format.channel());
        } else if (mute.isPresent()) {
            irc.send(irc.complaint(mute.get().muted(services.log().zone())));
        } else if (!room.tell(member, IrcNames.name(target), action ? "* " + member.name() + " " + body : body)
                && !notice) {
            irc.numeric("401", target, "No such nick/channel");
        }
    }

    private void names(boolean all) {
        List<Member> members = room.members();
        StringBuilder line = new StringBuilder();
        int count = 0;
        boolean self = false;
        for (Member m : members) {
            self |= m == member;
        }
        if (all && !self) {
            line.append(IrcNames.nick(member.name()));
            count++;
        }
        for (Member m : all ? members : List.<Member>of()) {
            if (count == NAMES_PER_LINE) {
                irc.numeric("353", "=", format.channel(), line.toString());
                line.setLength(0);
                count = 0;
            }
            line.append(count == 0 ? "" : " ").append(IrcNames.nick(m.name()));
            count++;
        }
        if (count > 0) {
            irc.numeric("353", "=", format.channel(), line.toString());
        }
        irc.numeric("366", format.channel(), "End of /NAMES list");
    }

    private void who(String target) {
        if (target == null) {
            irc.numeric("315", "*", "End of /WHO list");
            return;
        }
        List<Member> who = ours(target) ? room.members()
                : room.find(IrcNames.name(target)).map(List::of).orElse(List.of());
        for (Member m : who) {
            String nick = IrcNames.nick(m.name());
            irc.numeric("352", format.channel(), nick, IrcFormat.SERVER, IrcFormat.SERVER, nick, "H",
                    "0 " + m.name());
        }
        irc.numeric("315", target, "End of /WHO list");
    }

    private void whois(String target) {
        if (target == null) {
            irc.numeric("431", "No nickname given");
            return;
        }
        var found = room.find(IrcNames.name(target));
        if (found.isEmpty() || Names.check(IrcNames.name(target)).isPresent()) {
            irc.numeric("401", target, "No such nick/channel");
        } else {
            String nick = IrcNames.nick(found.get().name());
            irc.numeric("311", nick, nick, IrcFormat.SERVER, "*", found.get().name());
            irc.numeric("312", nick, IrcFormat.SERVER, "Switchboard");
            irc.numeric("319", nick, format.channel());
        }
        irc.numeric("318", target, "End of /WHOIS list");
    }

    private void mode(IrcMessage message) {
        String target = message.param(0);
        if (target == null) {
            irc.numeric("461", "MODE", "Not enough parameters");
        } else if (ours(target)) {
            String change = message.param(1);
            if (change == null) {
                irc.numeric("324", format.channel(), "+nt");
            } else if (change.replace("+", "").equals("b")) {
                banList();
            } else {
                irc.numeric("482", format.channel(), "You're not channel operator");
            }
        } else if (target.startsWith("#")) {
            irc.numeric("403", target, "No such channel");
        } else if (Names.key(IrcNames.name(target)).equals(Names.key(member.name()))) {
            irc.numeric("221", "+");
        } else {
            irc.numeric("502", "Can't change mode for other users");
        }
    }

    /** The bans in force as a channel ban list: a name as {@code nick!*@*}, a network as {@code *!*@10.0.0.0/8}. */
    private void banList() {
        for (Ban ban : services.bans().active()) {
            if (ban.kind() == Ban.Kind.BAN) {
                String mask = switch (ban.target()) {
                    case BanTarget.Name name -> IrcNames.nick(name.name()) + "!*@*";
                    case BanTarget.Network network -> "*!*@" + network.text();
                };
                irc.numeric("367", format.channel(), mask, IrcFormat.SERVER, String.valueOf(ban.since().getEpochSecond()));
            }
        }
        irc.numeric("368", format.channel(), "End of channel ban list");
    }

    private boolean ours(String channel) {
        return channel.toLowerCase(Locale.ROOT).equals(format.channel().toLowerCase(Locale.ROOT));
    }
}
