package org.switchboard.server;

import java.time.ZoneId;
import org.switchboard.chat.ChatLine;
import org.switchboard.chat.ChatRoom;
import org.switchboard.chat.Format;
import org.switchboard.chat.RoomEvent;
import org.switchboard.protocol.Protocol;

/**
 * The line protocol's rendering of the room's events, as telnet, nc and the console client show them:
 * {@code [12:04] alice: hi}, {@code * bob joined}, {@code [12:04] carol (private): psst}. One instance
 * per server (its time zone); stateless, so any thread may render.
 */
public final class LineFormat implements Format {
    private final ZoneId zone;

    public LineFormat(ZoneId zone) {
        this.zone = zone;
    }

    @Override
    public byte[] render(RoomEvent event) {
        return Protocol.lineBytes(text(event));
    }

    /** The event's line without its line end. */
    public String text(RoomEvent event) {
        return switch (event) {
            case RoomEvent.Said said -> said.line().display(zone);
            case RoomEvent.Replayed replayed -> replayed.line().display(zone);
            case RoomEvent.Private p ->
                    new ChatLine(p.time(), ChatLine.Kind.MESSAGE, p.from() + " (private)", p.text()).display(zone);
            case RoomEvent.PrivateSent sent ->
                    new ChatLine(sent.time(), ChatLine.Kind.MESSAGE, Protocol.PRIVATE_TO + sent.to(), sent.text())
                            .display(zone);
            case RoomEvent.Presence presence -> Protocol.NOTICE_PREFIX
                    + ChatRoom.summary(presence.names(), presence.joined() ? " joined" : " left");
        };
    }
}
