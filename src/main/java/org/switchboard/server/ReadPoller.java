package org.switchboard.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets client reader threads block on non-blocking sockets: a reader that finds nothing to read parks,
 * and this poller's one selector thread unparks it when its socket becomes readable.
 *
 * <p>Why not plain blocking sockets: the client sockets are non-blocking so that a few {@link Writers}
 * threads can write to thousands of them without ever blocking on one; a socket's blocking mode covers
 * reads and writes alike, so the readers need this to wait. (It is what the JDK does inside blocking
 * sockets for virtual threads, with a selector instead of the JDK's private poller.) Readers wait
 * rarely (a line now and then); writes never wait here.
 *
 * <p>Threads: {@link #input} streams are read on their reader thread; {@link #close(SocketChannel)} on
 * any; the selector loop on its own platform thread.
 */
final class ReadPoller implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReadPoller.class);

    private final Selector selector;
    private final Thread thread;
    private volatile boolean closed;

    ReadPoller() {
        try {
            selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a selector", e);
        }
        thread = Thread.ofPlatform().name("switchboard-read-poller").daemon(true).start(this::poll);
    }

    /** A blocking stream over a non-blocking channel; read it from one thread only. */
    Input input(SocketChannel channel) {
        return new Input(channel);
    }

    private void poll() {
        try {
            while (!closed) {
                selector.select(key -> {
                    Input input = (Input) key.attachment();
                    try {
                        key.interestOps(0);
                    } catch (CancelledKeyException e) {
                        // closed meanwhile: the reader wakes to find it closed
                    }
                    input.readable();
                });
            }
        } catch (IOException | RuntimeException e) {
            LOG.error("the read poller failed; readers fall back to polling", e);
            closed = true;
        } finally {
            // wake whoever waits: with the poller gone they poll on their own
            for (SelectionKey key : selector.keys()) {
                ((Input) key.attachment()).readable();
            }
            try {
                selector.close();
            } catch (IOException e) {
                LOG.debug("closing the selector: {}", e.toString());
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        selector.wakeup();
    }

    /** Reads what is there; when nothing is, parks until the poller says the channel is readable. */
    final class Input extends InputStream {
        private static final long FALLBACK_NANOS = 10_000_000;

        private final SocketChannel channel;
        private SelectionKey key;
        private volatile Thread waiter;
        private volatile boolean readable;

        Input(SocketChannel channel) {
            this.channel = channel;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, length);
            while (true) {
                int n = channel.read(buffer);
                if (n != 0) {
                    return n;
                }
                awaitReadable();
            }
        }

        private void awaitReadable() throws IOException {
            readable = false;
            // said before looking at isOpen, which closeChannel changes before it looks at the waiter
            waiter = Thread.currentThread();
            try {
                if (closed || !arm()) {
                    // no poller (the server is stopping): look again a little later
                    LockSupport.parkNanos(this, FALLBACK_NANOS);
                    return;
                }
                while (!readable && channel.isOpen() && !closed) {
                    LockSupport.park(this);
                    if (Thread.interrupted()) {
                        throw new InterruptedIOException("interrupted while waiting to read");
                    }
                }
            } finally {
                waiter = null;
            }
        }

        /** Asks the poller to watch the channel; false when the poller is gone. */
        private boolean arm() throws IOException {
            try {
                if (key == null) {
                    key = channel.register(selector, SelectionKey.OP_READ, this);
                } else {
                    key.interestOps(SelectionKey.OP_READ);
                }
            } catch (CancelledKeyException e) {
                throw new ClosedChannelException();
            } catch (ClosedSelectorException e) {
                return false;
            }
            selector.wakeup();
            return true;
        }

        /** On the poller thread. */
        void readable() {
            readable = true;
            Thread thread = waiter;
            if (thread != null) {
                LockSupport.unpark(thread);
            }
        }

        /**
         * Closes the channel (any thread) and wakes its reader, which finds it closed. A channel
         * registered with a selector is only really closed, and its peer told, once the selector has
         * looked again, so the selector is woken too.
         */
        void closeChannel() throws IOException {
            try {
                channel.close();
            } finally {
                selector.wakeup();
                Thread thread = waiter;
                if (thread != null) {
                    LockSupport.unpark(thread);
                }
            }
        }
    }
}
