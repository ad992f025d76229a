package org.switchboard.server;

/** A TLS certificate or key that cannot be used; the message says which file and why (an I/O failure of the start, as a port in use is). */
public final class TlsException extends java.io.IOException {
    public TlsException(String message) {
        super(message);
    }

    public TlsException(String message, Throwable cause) {
        super(message, cause);
    }
}
