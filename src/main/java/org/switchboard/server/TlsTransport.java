package org.switchboard.server;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.nio.channels.WritableByteChannel;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TLS over the same non-blocking {@link SocketChannel} as {@link PlainTransport}, with an
 * {@link SSLEngine}: the reader thread reads raw bytes through the {@link ReadPoller} and decrypts them
 * (driving the handshake as it goes, so the handshake counts inside the sign-in deadline like any other
 * read), and the writer lane encrypts and writes without blocking.
 *
 * <p>Why an own SSLEngine wrapper and not a library: the two sides map onto the engine's two halves,
 * which the JDK lets run at once ({@code wrap} on the lane, {@code unwrap} on the reader); only the
 * handshake's and the close's few records are written by the reader, under the same lock as the lane.
 *
 * <p>The output's one subtlety: the engine takes plaintext as soon as it encrypts it, but the socket may
 * not take all the encrypted bytes. An outbox that saw all its bytes taken would not come back to write
 * the rest, so when encrypted bytes are left over and nothing of the caller's is, the last byte is
 * reported as not taken; the next write flushes the rest and then takes that byte without encrypting it
 * again.
 *
 * <p>Threads: {@link #input} on the reader thread only, {@link #output} on the writer lane (and the
 * reader, for handshake records) under {@link #wrapLock}; {@link #close} on any thread.
 */
final class TlsTransport implements Transport {
    private static final Logger LOG = LoggerFactory.getLogger(TlsTransport.class);
    /** A TLS record starts with its type; a client's first record is a handshake one (22). */
    private static final int HANDSHAKE_RECORD = 0x16;
    private static final long FLUSH_PAUSE_NANOS = 1_000_000;

    private final SocketChannel channel;
    private final ReadPoller.Input raw;
    private final SSLEngine engine;
    private final InetSocketAddress remote;
    private final ReentrantLock wrapLock = new ReentrantLock();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Input input = new Input();
    private final Output output = new Output();
    /** Encrypted bytes come in, write mode (reader thread only). */
    private ByteBuffer netIn;
    /** Decrypted bytes not yet read, write mode (reader thread only). */
    private ByteBuffer appIn;
    /** Encrypted bytes not yet written, read mode (under the lock). */
    private ByteBuffer netOut;
    /** Bytes reported not taken though already encrypted (under the lock). */
    private int owed;
    private volatile boolean handshaken;
    /** The handshake failed: nothing will be written. */
    private volatile boolean broken;
    private boolean sawFirstByte;
    private boolean inboundDone;

    TlsTransport(SocketChannel channel, InetSocketAddress remote, ReadPoller poller, SSLEngine engine) {
        this.channel = channel;
        this.remote = remote;
        this.engine = engine;
        this.raw = poller.input(channel);
        int packet = engine.getSession().getPacketBufferSize();
        this.netIn = ByteBuffer.allocate(packet);
        this.appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
        // room for a few records: the lane hands over up to Writers.BUFFER_BYTES at once
        this.netOut = ByteBuffer.allocate(Math.max(packet, Writers.BUFFER_BYTES + 4 * packet)).flip();
    }

    @Override
    public InputStream input() {
        return input;
    }

    @Override
    public WritableByteChannel output() {
        return output;
    }

    @Override
    public InetSocketAddress remote() {
        return remote;
    }

    /** The negotiated protocol, "TLSv1.3"; "NONE" before the handshake. */
    String protocol() {
        return engine.getSession().getProtocol();
    }

    /** Sends close_notify where it can without waiting, then closes the socket. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            if (handshaken && !broken && wrapLock.tryLock(100, TimeUnit.MILLISECONDS)) {
                try {
                    engine.closeOutbound();
                    if (flushNet()) {
                        wrap(ByteBuffer.allocate(0));
                        flushNet();
                    }
                } finally {
                    wrapLock.unlock();
                }
            }
        } catch (IOException e) {
            LOG.debug("{}: close_notify: {}", remote, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                raw.closeChannel();
            } catch (IOException e) {
                LOG.debug("{}: close: {}", remote, e.toString());
            }
        }
    }

    // ---- the reader's side ----

    /** Decrypts into {@code bytes}; reads raw bytes (parking) when no whole record has come. */
    private int read(byte[] bytes, int offset, int length) throws IOException {
        while (true) {
            if (appIn.position() > 0) {
                appIn.flip();
                int n = Math.min(length, appIn.remaining());
                appIn.get(bytes, offset, n);
                appIn.compact();
                return n;
            }
            if (inboundDone) {
                return -1;
            }
            netIn.flip();
            SSLEngineResult result;
            try {
                result = engine.unwrap(netIn, appIn);
            } catch (SSLException e) {
                broken = !handshaken;
                throw new TransportRefusal((handshaken ? "TLS error: " : "TLS handshake failed: ") + e.getMessage(),
                        null);
            } finally {
                netIn.compact();
            }
            switch (result.getStatus()) {
                case OK -> { }
                case BUFFER_UNDERFLOW -> {
                    if (!netIn.hasRemaining()) {
                        netIn = grow(netIn, engine.getSession().getPacketBufferSize());
                    }
                    if (!readRaw()) {
                        if (!handshaken && sawFirstByte) {
                            broken = true;
                            throw new TransportRefusal("closed in the middle of the TLS handshake", null);
                        }
                        return -1;
                    }
                }
                case BUFFER_OVERFLOW -> appIn = grow(appIn, engine.getSession().getApplicationBufferSize());
                case CLOSED -> inboundDone = true;
            }
            handshake(result.getHandshakeStatus());
        }
    }

    /** Reads what the socket has into {@link #netIn}; false at its end. */
    private boolean readRaw() throws IOException {
        int n = raw.read(netIn.array(), netIn.arrayOffset() + netIn.position(), netIn.remaining());
        if (n < 0) {
            return false;
        }
        if (!sawFirstByte && n > 0) {
            sawFirstByte = true;
            if ((netIn.get(netIn.position()) & 0xff) != HANDSHAKE_RECORD) {
                broken = true;
                throw new TransportRefusal("sent plaintext to the TLS port", null);
            }
        }
        netIn.position(netIn.position() + n);
        return true;
    }

    /** Takes the handshake's next steps that are not reads; the read loop unwraps what comes. */
    private void handshake(HandshakeStatus status) throws IOException {
        HandshakeStatus next = status;
        while (true) {
            switch (next) {
                case NEED_TASK -> {
                    for (Runnable task = engine.getDelegatedTask(); task != null; task = engine.getDelegatedTask()) {
                        task.run();
                    }
                    next = engine.getHandshakeStatus();
                }
                case NEED_WRAP -> {
                    refuseRenegotiation();
                    try {
                        next = wrapAndFlush();
                    } catch (SSLException e) {
                        // the engine refuses here what it cannot agree on (a protocol version, a cipher suite)
                        broken = !handshaken;
                        throw new TransportRefusal((handshaken ? "TLS error: " : "TLS handshake failed: ")
                                + e.getMessage(), null);
                    }
                }
                case FINISHED -> {
                    handshaken = true;
                    return;
                }
                case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                    refuseRenegotiation();
                    return;
                }
                case NOT_HANDSHAKING -> {
                    return;
                }
            }
        }
    }

    /** TLS 1.2 lets a client start a new handshake on an open connection; that is refused (1.3 has none). */
    private void refuseRenegotiation() throws TransportRefusal {
        if (handshaken && !inboundDone && "TLSv1.2".equals(protocol())) {
            throw new TransportRefusal("asked to renegotiate TLS; refused", null);
        }
    }

    /** A handshake (or close) record from the reader: wrapped and written, waiting while the socket is full. */
    private HandshakeStatus wrapAndFlush() throws IOException {
        HandshakeStatus status;
        wrapLock.lock();
        try {
            while (!flushNet()) {
                pause();
            }
            status = wrap(ByteBuffer.allocate(0)).getHandshakeStatus();
        } finally {
            wrapLock.unlock();
        }
        while (true) {
            wrapLock.lock();
            try {
                if (flushNet()) {
                    return status;
                }
            } finally {
                wrapLock.unlock();
            }
            pause();
        }
    }

    private void pause() throws IOException {
        if (closed.get()) {
            throw new ClosedChannelException();
        }
        LockSupport.parkNanos(FLUSH_PAUSE_NANOS);
    }

    // ---- the writer's side (under the lock) ----

    private SSLEngineResult wrap(ByteBuffer source) throws IOException {
        netOut.compact();
        try {
            return engine.wrap(source, netOut);
        } finally {
            netOut.flip();
        }
    }

    /** Writes what is encrypted; true when nothing is left. */
    private boolean flushNet() throws IOException {
        if (netOut.hasRemaining()) {
            channel.write(netOut);
        }
        return !netOut.hasRemaining();
    }

    private static ByteBuffer grow(ByteBuffer buffer, int atLeast) {
        ByteBuffer bigger = ByteBuffer.allocate(Math.max(atLeast, buffer.capacity() * 2));
        buffer.flip();
        bigger.put(buffer);
        return bigger;
    }

    /** What the writer lane writes to: encrypts what it can send now. */
    private final class Output implements WritableByteChannel {
        @Override
        public int write(ByteBuffer source) throws IOException {
            if (broken || closed.get()) {
                throw new ClosedChannelException();
            }
            if (!handshaken) {
                return 0; // the lane comes back at its next sweep
            }
            wrapLock.lock();
            try {
                if (!flushNet()) {
                    return 0;
                }
                int start = source.position();
                int skip = Math.min(owed, source.remaining());
                source.position(start + skip);
                owed -= skip;
                while (source.hasRemaining()) {
                    SSLEngineResult result = wrap(source);
                    if (result.getStatus() == SSLEngineResult.Status.CLOSED) {
                        throw new ClosedChannelException();
                    }
                    if (result.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW && !flushNet()) {
                        break;
                    }
                }
                if (!flushNet() && !source.hasRemaining() && source.position() > start + skip) {
                    source.position(source.position() - 1);
                    owed = 1;
                }
                return source.position() - start;
            } finally {
                wrapLock.unlock();
            }
        }

        @Override
        public boolean isOpen() {
            return !closed.get();
        }

        @Override
        public void close() {
            TlsTransport.this.close();
        }
    }

    private final class Input extends InputStream {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            return length == 0 ? 0 : TlsTransport.this.read(bytes, offset, length);
        }
    }
}
