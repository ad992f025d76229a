package org.switchboard.server;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.channels.WritableByteChannel;

/**
 * The bytes of one connection, both ways, and nothing of what they mean: the reader thread reads
 * {@link #input} (parking on the read poller when nothing has come), a writer lane writes
 * {@link #output} without blocking, and {@link #close} ends both. Plain TCP is one transport; an
 * encrypted one goes beside it, and no protocol notices which it runs over.
 *
 * <p>Threads: {@link #input} is read by the connection's reader thread only, {@link #output} written by
 * its writer lane only; {@link #close} may come from any thread and is idempotent.
 */
interface Transport {
    /** What the client sends; a read blocks (the thread parks) until bytes come or the transport closes. */
    InputStream input();

    /** Where the client's bytes go: a non-blocking channel that takes what it can. */
    WritableByteChannel output();

    /** The peer's address, as the acceptor found it. */
    InetSocketAddress remote();

    /**
     * A line about the connection's security for the client's greeting, or null (encrypted ones need
     * none); {@code tlsClient}, when given, is how the protocol's users reach the TLS port (a command).
     */
    default String notice(String tlsClient) {
        return null;
    }

    /** Closes both directions; a reader blocked in {@link #input} wakes with an exception or the end. */
    void close();
}
