package org.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReadPollerTest {
    private ReadPoller poller;
    private ServerSocketChannel listener;
    private final List<SocketChannel> opened = new ArrayList<>();

    @BeforeEach
    void open() throws IOException {
        poller = new ReadPoller();
        listener = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    @AfterEach
    void close() throws IOException {
        for (SocketChannel channel : opened) {
            channel.close();
        }
        listener.close();
        poller.close();
    }

    /** A connected pair: [0] the client end (blocking), [1] the server end (non-blocking, as the server has it). */
    private SocketChannel[] pair() throws IOException {
        SocketChannel client = SocketChannel.open(listener.getLocalAddress());
        SocketChannel server = listener.accept();
        server.configureBlocking(false);
        opened.add(client);
        opened.add(server);
        return new SocketChannel[] {client, server};
    }

    private static CompletableFuture<String> readOnce(ReadPoller.Input input) {
        CompletableFuture<String> result = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                byte[] bytes = new byte[100];
                int n = input.read(bytes, 0, bytes.length);
                result.complete(n < 0 ? "EOF" : new String(bytes, 0, n, StandardCharsets.UTF_8));
            } catch (IOException e) {
                result.complete(e.getClass().getSimpleName());
            }
        });
        return result;
    }

    private static void write(SocketChannel channel, String text) throws IOException {
        channel.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aReaderWaitsUntilDataArrives() throws Exception {
        SocketChannel[] ends = pair();
        CompletableFuture<String> read = readOnce(poller.input(ends[1]));
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(5)).until(() -> !read.isDone());
        write(ends[0], "hello");
        assertThat(read.get(10, TimeUnit.SECONDS)).isEqualTo("hello");
    }

    @Test
    void aReaderWaitsAgainAfterEachRead() throws Exception {
        SocketChannel[] ends = pair();
        ReadPoller.Input input = poller.input(ends[1]);
        for (int i = 0; i < 50; i++) {
            CompletableFuture<String> read = readOnce(input);
            write(ends[0], "line " + i);
            assertThat(read.get(10, TimeUnit.SECONDS)).isEqualTo("line " + i);
        }
    }

    @Test
    void thePeerClosingGivesTheEndOfTheStream() throws Exception {
        SocketChannel[] ends = pair();
        CompletableFuture<String> read = readOnce(poller.input(ends[1]));
        ends[0].close();
        assertThat(read.get(10, TimeUnit.SECONDS)).isEqualTo("EOF");
    }

    @Test
    void closingTheChannelWakesItsWaitingReader() throws Exception {
        SocketChannel[] ends = pair();
        ReadPoller.Input input = poller.input(ends[1]);
        CompletableFuture<String> read = readOnce(input);
        await().during(Duration.ofMillis(100)).atMost(Duration.ofSeconds(5)).until(() -> !read.isDone());
        input.closeChannel();
        assertThat(read.get(10, TimeUnit.SECONDS)).isEqualTo(ClosedChannelException.class.getSimpleName());
        // and the peer is told at once, though the channel was registered with the selector
        ByteBuffer buffer = ByteBuffer.allocate(10);
        ends[0].socket().setSoTimeout(5_000);
        assertThat(ends[0].socket().getInputStream().read()).isEqualTo(-1);
        assertThatThrownBy(() -> ends[1].read(buffer)).isInstanceOf(ClosedChannelException.class);
    }

    @Test
    void manyReadersWaitOnOnePoller() throws Exception {
        List<SocketChannel[]> pairs = new ArrayList<>();
        List<CompletableFuture<String>> reads = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            SocketChannel[] ends = pair();
            pairs.add(ends);
            reads.add(readOnce(poller.input(ends[1])));
        }
        for (int i = pairs.size() - 1; i >= 0; i--) {
            write(pairs.get(i)[0], "to " + i);
        }
        for (int i = 0; i < reads.size(); i++) {
            assertThat(reads.get(i).get(10, TimeUnit.SECONDS)).isEqualTo("to " + i);
        }
    }

    @Test
    void readersStillEndWhenThePollerIsClosed() throws Exception {
        SocketChannel[] ends = pair();
        CompletableFuture<String> read = readOnce(poller.input(ends[1]));
        await().during(Duration.ofMillis(100)).atMost(Duration.ofSeconds(5)).until(() -> !read.isDone());
        poller.close();
        write(ends[0], "late");
        assertThat(read.get(10, TimeUnit.SECONDS)).isEqualTo("late");
    }
}
