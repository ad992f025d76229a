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

    /** Takes a connected, non-blocking channel. */
    PlainTransport(SocketChannel channel, InetSocketAddress remote, ReadPoller poller) {
        this.channel = channel;
        this.remote = remote;
        this.input = poller.input(channel);
    }

    @Override
    public InputStream input() {
        return input;
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
