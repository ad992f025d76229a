package org.switchboard.server;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.switchboard.chat.ChatLine;
import org.switchboard.chat.Format;
import org.switchboard.chat.RoomEvent;
import org.switchboard.protocol.IrcMessage;
import org.switchboard.protocol.IrcNames;

/**
 * IRC's rendering of the room's events, for every IRC member alike: a room line is
 * {@code :alice!alice@switchboard PRIVMSG #switchboard :hi}, an action a CTCP ACTION, an announcement a
 * NOTICE from the server, and presence a JOIN or QUIT for each name (a crowd too: IRC clients keep
 * their member lists from these). Text longer than one IRC message allows is split into several.
 * Lines for one member (replay, private lines) are rendered by its {@link IrcFrontEnd} with the helpers
 * here. One instance per server; stateless, so any thread may render.
 */
final class IrcFormat implements Format {
    /** The server's name as IRC clients see it, in numerics and as the host of every user. */
    static final String SERVER = "switchboard";
    private static final DateTimeFormatter SERVER_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final String channel;
    private final ZoneId zone;

    IrcFormat(String channel, ZoneId zone) {
        this.channel = channel;
        this.zone = zone;
    }

    String channel() {
        return channel;
    }

    @Override
    public byte[] render(RoomEvent event) {
        return switch (event) {
            case RoomEvent.Said said -> said(said.line(), "");
            case RoomEvent.Replayed replayed -> replayed(replayed.line(), false);
            case RoomEvent.Private p -> privately(p, "*");
            case RoomEvent.PrivateSent sent -> new byte[0];
            case RoomEvent.Presence presence -> presence(presence);
        };
    }

    /** A line of the room, each message after {@code tags} ("" for none, else "@...; "). */
    byte[] said(ChatLine line, String tags) {
        return switch (line.kind()) {
            case MESSAGE -> messages(tags + ":" + mask(line.from()) + " PRIVMSG " + channel + " :", "", line.text());
            case ACTION -> messages(tags + ":" + mask(line.from()) + " PRIVMSG " + channel + " :\u0001ACTION ",
                    "\u0001", line.text());
            case ANNOUNCEMENT -> messages(tags + ":" + SERVER + " NOTICE " + channel + " :", "", line.text());
        };
    }

    /**
     * A line of the history: with server-time, the line as it was said, tagged with its own time;
     * without, a NOTICE from the server that carries the time in its text.
     */
    byte[] replayed(ChatLine line, boolean serverTime) {
        if (serverTime) {
            return said(line, "@time=" + SERVER_TIME.format(line.time()) + " ");
        }
        return messages(":" + SERVER + " NOTICE " + channel + " :", "", line.display(zone));
    }

    /** A private line to {@code nick}: a PRIVMSG from its sender, a NOTICE when it comes from the operator. */
    byte[] privately(RoomEvent.Private line, String nick) {
        if (line.from().equals(org.switchboard.chat.ChatRoom.SERVER)) {
            return messages(":" + SERVER + " NOTICE " + nick + " :", "", line.text());
        }
        return messages(":" + mask(line.from()) + " PRIVMSG " + nick + " :", "", line.text());
    }

    /** The echo of a private line its sender sent (echo-message). */
    byte[] sent(String from, RoomEvent.PrivateSent sent) {
        return messages(":" + mask(from) + " PRIVMSG " + IrcNames.nick(sent.to()) + " :", "", sent.text());
    }

    /** The echo of a room line its sender said (echo-message). */
    byte[] echo(String from, String text) {
        return messages(":" + mask(from) + " PRIVMSG " + channel + " :", "", text);
    }

    private byte[] presence(RoomEvent.Presence presence) {
        StringBuilder out = new StringBuilder();
        for (String name : presence.names()) {
            out.append(':').append(mask(name)).append(presence.joined() ? " JOIN " + channel : " QUIT :left")
                    .append("\r\n");
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** {@code nick!nick@switchboard}: every user's source, the nick standing for the ident too. */
    static String mask(String name) {
        String nick = IrcNames.nick(name);
        return nick + "!" + nick + "@" + SERVER;
    }

    /** {@code ERROR :Closing link: why}, IRC's last word before the server closes a connection. */
    static byte[] error(String why) {
        return ("ERROR :Closing link: " + why + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * {@code head + text + tail} as one message, or as several when the text is too long for one
     * (split between characters, never inside one); line ends included.
     */
    static byte[] messages(String head, String tail, String text) {
        int tagEnd = head.startsWith("@") ? head.indexOf(' ') + 1 : 0;
        int room = IrcMessage.MAX_BYTES - utf8(head.substring(tagEnd)) - utf8(tail);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int start = 0;
        do {
            int end = start;
            int bytes = 0;
            while (end < text.length()) {
                int cp = text.codePointAt(end);
                int size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
                if (bytes + size > room) {
                    break;
                }
                bytes += size;
                end += Character.charCount(cp);
            }
            out.writeBytes((head + text.substring(start, end) + tail + "\r\n").getBytes(StandardCharsets.UTF_8));
            start = end;
        } while (start < text.length());
        return out.toByteArray();
    }

    private static int utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
