package org.switchboard.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.switchboard.protocol.Protocol;
import tlschannel.NeedsReadException;
import tlschannel.NeedsWriteException;

/**
 * One selector thread and the clients it owns: connects, sign-in, reading and counting deliveries.
 * Everything here runs on this thread except the chat lines, which the {@link Sender} writes on
 * schedule through {@link #sendFromAnotherThread}; a client's writes are serialised by its lock. The
 * counters are written only by this thread and read by the bench's main thread (volatile, or after
 * {@link #awaitReport}).
 *
 * <p>Over TLS ({@code --tls}) a client's {@link Client#io} is a non-blocking TLS channel over its socket:
 * a read or write that cannot go on until the socket is readable (the handshake waits for the server)
 * or writable throws, and the loop waits for that; a write that waited for the handshake is written
 * after the next read. The TLS layer may hold decrypted bytes the selector knows nothing of, so a TLS
 * client is read until it has nothing left.
 */
final class IoLoop extends Thread implements Dialogue.Loop {
    private static final long HIGHEST_MICROS = TimeUnit.HOURS.toMicros(1);
    private static final int GONE = 0;
    private static final int WRITTEN = 1;
    private static final int QUEUED = 2;

    private final BenchConfig config;
    private final Payload payload;
    private final Selector selector;
    private final ConcurrentLinkedQueue<Client> incoming = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Client> readyList = new ConcurrentLinkedQueue<>();
    private final List<Client> clients = new ArrayList<>();
    private final CountDownLatch reported = new CountDownLatch(1);
    private final int planned;
    private final Dialogue dialogue;

    final Histogram latency = new Histogram(HIGHEST_MICROS, 3);
    final Histogram signInTimes = new Histogram(HIGHEST_MICROS, 3);
    volatile int connected;
    volatile int ready;
    volatile int failed;
    volatile int disconnected;
    volatile long received;
    volatile long duplicates;
    volatile long bytesRead;
    volatile long lastReadyAt;
    volatile String firstError;

    private volatile Client[] senders;
    /** When the current selection handed over its first ready key; 0 before (this thread only). */
    private long selectedAt;
    private volatile boolean stopping;

    IoLoop(BenchConfig config, Payload payload, String name) {
        super(name);
        setDaemon(true);
        this.config = config;
        this.payload = payload;
        this.planned = config.plannedLines();
        this.dialogue = new Dialogue(config, this);
        try {
            this.selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Hands a client (connecting, or already failed) to this loop; any thread. */
    void add(Client client) {
        incoming.add(client);
        selector.wakeup();
    }

    /** Counts a client that failed before it reached the loop; any thread. */
    void countFailure(Client client) {
        add(client);
    }

    /** Clients signed in so far; any thread. */
    List<Client> readyClients() {
        return new ArrayList<>(readyList);
    }

    /** From now on, line {@code seq} comes from {@code senders[seq % senders.length]} (it does not get it back). */
    void expectLinesFrom(Client[] all) {
        senders = all;
    }

    /** Stops reading and sending; the counters are final once {@link #awaitReport} returns. */
    void stopAndReport() {
        stopping = true;
        selector.wakeup();
    }

    void awaitReport() throws InterruptedException {
        reported.await();
    }

    void shutdown() {
        stopAndReport();
    }

    @Override
    public void run() {
        try {
            while (!stopping) {
                admit();
                selectedAt = 0;
                selector.select(this::ready, 50);
            }
        } catch (IOException e) {
            if (firstError == null) {
                firstError = "selector: " + e.getMessage();
            }
        } finally {
            for (Client client : clients) {
                close(client);
            }
            try {
                selector.close();
            } catch (IOException e) {
                // closing on the way out: nothing left to do
            }
            reported.countDown();
        }
    }

    private void admit() {
        for (Client client = incoming.poll(); client != null; client = incoming.poll()) {
            if (client.state == Client.State.FAILED) {
                failed(client, client.error);
                continue;
            }
            clients.add(client);
            try {
                if (client.channel.isConnectionPending()) {
                    client.key = client.channel.register(selector, SelectionKey.OP_CONNECT, client);
                } else {
                    client.key = client.channel.register(selector, SelectionKey.OP_READ, client);
                    connected(client);
                }
            } catch (IOException e) {
                failed(client, "register: " + e.getMessage());
            }
        }
    }

    /**
     * One ready key, from inside the selection (no selected-key set to fill and empty). Every key of a
     * selection is stamped with the moment the first of them was handed over: the time the bench learned
     * that the lines had arrived, not the time it got round to reading them.
     */
    private void ready(SelectionKey key) {
        if (selectedAt == 0) {
            selectedAt = System.nanoTime();
        }
        handle((Client) key.attachment(), key, selectedAt);
    }

    private void handle(Client client, SelectionKey key, long now) {
        if (!key.isValid()) {
            return;
        }
        try {
            if (key.isConnectable()) {
                if (client.channel.finishConnect()) {
                    key.interestOps(SelectionKey.OP_READ);
                    connected(client);
                }
                return;
            }
            if (key.isWritable()) {
                client.writeLock.lock();
                try {
                    flush(client);
                } finally {
                    client.writeLock.unlock();
                }
            }
            if (key.isReadable() || (config.tls() && key.isWritable())) {
                read(client, now);
            }
        } catch (IOException e) {
            lost(client, e.getMessage());
        }
    }

    private void connected(Client client) throws IOException {
        connected++;
        client.state = Client.State.SIGNING_IN;
        dialogue.begin(client);
        if (config.tls()) {
            // the client speaks first in TLS: a read starts the handshake, whether or not begin wrote
            read(client, System.nanoTime());
        }
    }

    private void read(Client client, long now) throws IOException {
        if (!config.tls()) {
            readOnce(client, now);
            return;
        }
        try {
            while (readOnce(client, now) > 0) {
                // more may wait decrypted in the TLS layer
            }
        } catch (NeedsReadException e) {
            // nothing more until the socket has more
        } catch (NeedsWriteException e) {
            client.key.interestOps(client.key.interestOps() | SelectionKey.OP_WRITE);
        }
        if (client.state != Client.State.FAILED && client.state != Client.State.CLOSED) {
            client.writeLock.lock();
            try {
                if (!client.output.isEmpty()) {
                    flush(client);
                }
            } finally {
                client.writeLock.unlock();
            }
        }
    }

    /** One read and the lines it completed: the bytes read, or -1 when the client is gone. */
    private int readOnce(Client client, long now) throws IOException {
        ByteBuffer buffer = client.inputBuffer;
        int count = client.io.read(buffer);
        if (count < 0) {
            lost(client, "closed by the server");
            return -1;
        }
        bytesRead += count;
        byte[] bytes = client.input;
        int length = buffer.position();
        int lineStart = 0;
        for (int i = Newlines.indexOf(bytes, length - count, length); i >= 0;
                i = Newlines.indexOf(bytes, i + 1, length)) {
            if (client.skipping) {
                client.skipping = false;
            } else {
                int end = i > lineStart && bytes[i - 1] == '\r' ? i - 1 : i;
                onLine(client, bytes, lineStart, end, now);
                if (client.state == Client.State.FAILED || client.state == Client.State.CLOSED) {
                    return -1;
                }
            }
            lineStart = i + 1;
        }
        int left = length - lineStart;
        if (client.skipping || left == bytes.length) {
            // a line longer than the buffer: nothing in it is for the bench, skip to its end
            client.skipping = true;
            buffer.clear();
            return count;
        }
        if (lineStart > 0) {
            System.arraycopy(bytes, lineStart, bytes, 0, left);
            buffer.position(left);
        }
        if (left > 0) {
            dialogue.onPrompt(client, bytes, left);
        }
        return count;
    }

    private void onLine(Client client, byte[] bytes, int from, int to, long now) {
        if (client.state == Client.State.READY && payload.find(bytes, from, to)) {
            delivered(client, payload.seq(), payload.nanos(), now);
        } else {
            dialogue.onLine(client, bytes, from, to);
        }
    }

    private void delivered(Client client, long seq, long sentNanos, long now) {
        Client[] all = senders;
        if (all == null || seq < 0 || seq >= planned || !config.measured(seq)) {
            return;
        }
        if (all[(int) (seq % all.length)] == client) {
            duplicates++;
            return;
        }
        if (client.seen == null) {
            client.seen = new long[(planned >> 6) + 1];
        }
        int word = (int) (seq >> 6);
        long bit = 1L << (seq & 63);
        if ((client.seen[word] & bit) != 0) {
            duplicates++;
            return;
        }
        client.seen[word] |= bit;
        received++;
        latency.recordValue(Math.min(HIGHEST_MICROS, Math.max(0, (now - sentNanos) / 1000)));
    }

    @Override
    public void ready(Client client) {
        client.state = Client.State.READY;
        long now = System.nanoTime();
        signInTimes.recordValue(Math.min(HIGHEST_MICROS, (now - client.connectStart) / 1000));
        lastReadyAt = now;
        readyList.add(client);
        ready++;
    }

    @Override
    public void send(Client client, byte[] bytes) {
        try {
            write(client, bytes);
        } catch (IOException e) {
            lost(client, e.getMessage());
        }
    }

    /**
     * Writes a line for the {@link Sender}; false when the client is gone or the write failed (this
     * loop then counts it as lost when it next reads).
     */
    boolean sendFromAnotherThread(Client client, byte[] bytes) {
        try {
            int written = write(client, bytes);
            if (written == QUEUED) {
                // the new interest in writing takes effect at the loop's next selection: make it now
                selector.wakeup();
            }
            return written != GONE;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Writes at once what the socket takes; the rest waits in the client's output for this loop's next
     * writable event. {@link #WRITTEN}, {@link #QUEUED}, or {@link #GONE} when the client is gone.
     */
    private int write(Client client, byte[] bytes) throws IOException {
        client.writeLock.lock();
        try {
            if (client.state == Client.State.FAILED || client.state == Client.State.CLOSED) {
                return GONE;
            }
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            if (client.output.isEmpty()) {
                try {
                    client.io.write(buffer);
                } catch (NeedsReadException e) {
                    // the TLS handshake waits for the server: written after the next read
                    client.output.add(buffer);
                    return QUEUED;
                } catch (NeedsWriteException e) {
                    // the socket is full: below
                }
                if (!buffer.hasRemaining()) {
                    return WRITTEN;
                }
            }
            client.output.add(buffer);
            client.key.interestOps(client.key.interestOps() | SelectionKey.OP_WRITE);
            return QUEUED;
        } finally {
            client.writeLock.unlock();
        }
    }

    private void flush(Client client) throws IOException {
        while (!client.output.isEmpty()) {
            ByteBuffer buffer = client.output.peek();
            try {
                client.io.write(buffer);
            } catch (NeedsReadException e) {
                // the TLS handshake waits for the server: the next read flushes again
                client.key.interestOps(SelectionKey.OP_READ);
                return;
            } catch (NeedsWriteException e) {
                client.key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
                return;
            }
            if (buffer.hasRemaining()) {
                client.key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
                return;
            }
            client.output.poll();
        }
        client.key.interestOps(SelectionKey.OP_READ);
    }

    @Override
    public void failed(Client client, String why) {
        if (client.state == Client.State.FAILED) {
            if (firstError == null) {
                firstError = client.error;
            }
        } else {
            client.fail(why);
            if (firstError == null) {
                firstError = client.error;
            }
        }
        failed++;
        close(client);
    }

    @Override
    public void lost(Client client, String why) {
        if (client.state == Client.State.READY) {
            client.state = Client.State.CLOSED;
            disconnected++;
            if (firstError == null) {
                firstError = client.name + " disconnected: " + why;
            }
            close(client);
        } else if (client.state != Client.State.FAILED && client.state != Client.State.CLOSED) {
            failed(client, why);
        }
    }

    private static void close(Client client) {
        try {
            if (client.channel != null) {
                client.channel.close();
            }
        } catch (IOException e) {
            // closing anyway
        }
    }
}
