package org.switchboard.server;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.SocketChannel;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.net.ssl.SSLSocket;

/**
 * Tells a client of a TLS port why it is refused (a banned address, a full server, too many from one
 * address), over TLS: these are refused before a connection is made, and a TLS client sent the reason in
 * plain text reports only a failed handshake. The handshake and the line run on a virtual thread of their
 * own, within {@link #DEADLINE_MILLIS}; at most {@link #AT_ONCE} at a time, so that a banned address
 * cannot make the server do handshakes without end: past that, the socket is just closed.
 *
 * <p>Threads: {@link #tell} on acceptor threads; each exchange on its own virtual thread; its deadline on
 * the server's one scheduler.
 */
final class TlsRefusals {
    static final int AT_ONCE = 32;
    static final long DEADLINE_MILLIS = 5_000;

    private final ServerTls tls;
    /** The server's scheduler, there from the first start (refusals come only while it listens). */
    private final Supplier<ScheduledExecutorService> scheduler;
    private final Semaphore slots = new Semaphore(AT_ONCE);

    TlsRefusals(ServerTls tls, Supplier<ScheduledExecutorService> scheduler) {
        this.tls = tls;
        this.scheduler = scheduler;
    }

    /** Says {@code said} over TLS on a fresh, still blocking channel, then closes it; returns at once. */
    void tell(SocketChannel client, byte[] said) {
        if (!slots.tryAcquire()) {
            Connections.closeQuietly(client);
            return;
        }
        Thread.ofVirtual().name("tls-refusal").start(() -> {
            ScheduledFuture<?> deadline = null;
            try {
                // a client that trickles its handshake a byte at a time is cut off at the deadline all the same
                deadline = scheduler.get().schedule(() -> Connections.closeQuietly(client), DEADLINE_MILLIS,
                        TimeUnit.MILLISECONDS);
                try (SSLSocket socket = tls.over(client.socket())) {
                    socket.setSoTimeout((int) DEADLINE_MILLIS);
                    socket.startHandshake();
                    OutputStream out = socket.getOutputStream();
                    out.write(said);
                    out.flush();
                }
            } catch (IOException | RuntimeException e) {
                // gone, not TLS, not done in time, or the server closing: there is no one left to tell
            } finally {
                if (deadline != null) {
                    deadline.cancel(false);
                }
                Connections.closeQuietly(client);
                slots.release();
            }
        });
    }
}
