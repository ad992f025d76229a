package org.switchboard.server;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.channels.WritableByteChannel;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Plain TCP: a non-blocking {@link SocketChannel}, read through the server's {@link ReadPoller}. */
final class PlainTransport implements Transport {
    private static final Logger LOG = LoggerFactory.getLogger(PlainTransport.class);

    private final SocketChannel channel;
    private final ReadPoller.Input input;
    private final InetSocketAddress remote;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final InputStream checked;
    /** The port of this endpoint's TLS twin, or -1 when the server has none. */
    private final int tlsPort;

    /** Takes a connected, non-blocking channel. */
    PlainTransport(SocketChannel channel, InetSocketAddress remote, ReadPoller poller) {
        this(channel, remote, poller, -1);
    }

    /** The same, on an endpoint whose TLS twin listens on {@code tlsPort} (-1: none). */
    PlainTransport(SocketChannel channel, InetSocketAddress remote, ReadPoller poller, int tlsPort) {
        this.channel = channel;
        this.remote = remote;
        this.input = poller.input(channel);
        this.tlsPort = tlsPort;
        this.checked = new FirstBytes(input);
    }

    @Override
    public InputStream input() {
        return checked;
    }

    @Override
    public String notice(String tlsClient) {
        return "This connection is not encrypted: anyone on the way can read your password."
                + (tlsPort >= 0 ? " Use TLS on port " + tlsPort + (tlsClient == null ? "" : " (" + tlsClient + ")") + "."
                        : "");
    }

    @Override
    public WritableByteChannel output() {
        return channel;
    }

    @Override
    public InetSocketAddress remote() {
        return remote;
    }

    /** The socket itself (tests look at its options). */
    SocketChannel channel() {
        return channel;
    }

    /**
     * Looks at the client's first bytes: a TLS ClientHello (a handshake record, 0x16, of version 3.x) is
     * a TLS client on the plain port, told so in plain text and closed; it would never send a line.
     */
    private final class FirstBytes extends java.io.FilterInputStream {
        private boolean looked;

        FirstBytes(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            int n = in.read(bytes, offset, length);
            if (!looked && n > 0) {
                looked = true;
                if (bytes[offset] == 0x16 && (n < 2 || bytes[offset + 1] == 0x03)) {
                    throw new TransportRefusal("sent a TLS hello to the plain port",
                            "This port is not encrypted" + (tlsPort >= 0 ? "; TLS is on port " + tlsPort : "")
                                    + ".");
                }
            }
            return n;
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                input.closeChannel();
            } catch (IOException e) {
                LOG.debug("{}: close: {}", remote, e.toString());
            }
        }
    }
}
