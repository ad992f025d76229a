package org.switchboard.bench;

import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.concurrent.locks.ReentrantLock;

/** One bench connection. Owned by its {@link IoLoop} thread once handed to it; {@link #state} is read by others. */
final class Client {
    /** Bytes of a received line kept at most; longer lines (e.g. a list of 10,000 names) are skipped. */
    static final int INPUT_BYTES = 8192;

    enum State { CONNECTING, SIGNING_IN, READY, FAILED, CLOSED }

    final int index;
    final String name;
    final IoLoop loop;
    SocketChannel channel;
    /** What the client reads and writes: the channel itself, or a TLS channel over it ({@code --tls}). */
    ByteChannel io;
    SelectionKey key;
    long connectStart;
    volatile State state = State.CONNECTING;
    String error;

    final byte[] input = new byte[INPUT_BYTES];
    final ByteBuffer inputBuffer = ByteBuffer.wrap(input);
    boolean skipping;
    /** Bytes the socket did not take yet; guarded by {@link #writeLock}, as every write to the channel is. */
    final ArrayDeque<ByteBuffer> output = new ArrayDeque<>(0);
    /** The loop's thread and the {@link Sender} both write to a sender's channel: one at a time. */
    final ReentrantLock writeLock = new ReentrantLock();
    /** Bit per line number: which counted lines have arrived; made at the first delivery. */
    long[] seen;

    Client(int index, String name, IoLoop loop) {
        this.index = index;
        this.name = name;
        this.loop = loop;
    }

    void fail(String why) {
        state = State.FAILED;
        error = name + ": " + why;
    }
}
