package org.switchboard.server;

import org.switchboard.chat.Format;
import org.switchboard.protocol.Protocol;

/** The assignment's first task: every line comes back unchanged; no sign-in, no room. */
final class EchoFrontEnd implements FrontEnd {
    private final Link link;
    private final Format format;

    EchoFrontEnd(Link link, Format format) {
        this.link = link;
        this.format = format;
    }

    @Override
    public Format format() {
        return format;
    }

    @Override
    public void begin() {
        // an echo server says nothing first, and asks no sign-in: only the idle timeout applies
        link.signedIn(null);
    }

    @Override
    public boolean onLine(String line) {
        link.send(Protocol.lineBytes(line));
        return true;
    }
}
