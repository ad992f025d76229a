package org.switchboard.server;

import java.io.IOException;

/**
 * The transport will not carry this client: plaintext on a TLS port, a TLS hello on a plain port, a
 * failed handshake, a renegotiation. The message is the log's reason; the hint, when there is one, is
 * what the client is told before the close.
 */
final class TransportRefusal extends IOException {
    private final String hint;

    TransportRefusal(String reason, String hint) {
        super(reason);
        this.hint = hint;
    }

    /** The client's last line, or null. */
    String hint() {
        return hint;
    }
}
