package org.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.switchboard.log.ActivityLog;

/** One endpoint's accept loop alone: a free port, every socket handed over, pause and resume, a taken port. */
class AcceptorTest {
    @TempDir
    Path dir;
    final List<SocketChannel> accepted = new CopyOnWriteArrayList<>();
    Acceptor acceptor;

    private Acceptor acceptor(int port) {
        Endpoint endpoint = new Endpoint("test", InetAddress.getLoopbackAddress(), port, (link, services) -> null);
        return new Acceptor(endpoint, new ActivityLog(dir.resolve("server.log"), 100, Clock.systemUTC()), accepted::add);
    }

    @AfterEach
    void close() throws IOException {
        if (acceptor != null) {
            acceptor.unbind();
        }
        for (SocketChannel channel : accepted) {
            channel.close();
        }
    }

    @Test
    void portZeroBindsAFreePortAndEverySocketIsHandedToTheAdmission() throws IOException {
        acceptor = acceptor(0);
        acceptor.bind();
        acceptor.accept();
        assertThat(acceptor.port()).isPositive();
        assertThat(acceptor.bound()).isTrue();
        try (Socket one = new Socket(InetAddress.getLoopbackAddress(), acceptor.port());
             Socket two = new Socket(InetAddress.getLoopbackAddress(), acceptor.port())) {
            await().atMost(Duration.ofSeconds(5)).until(() -> accepted.size() == 2);
            assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
                    .contains("switchboard-acceptor-test");
        }
    }

    @Test
    void unbindClosesThePortAndBindOpensTheSamePortAgain() throws IOException {
        acceptor = acceptor(0);
        acceptor.bind();
        acceptor.accept();
        int port = acceptor.port();
        acceptor.unbind();
        assertThat(acceptor.bound()).isFalse();
        assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port).close())
                .isInstanceOf(ConnectException.class);
        acceptor.bind();
        acceptor.accept();
        assertThat(acceptor.port()).isEqualTo(port);
        try (Socket again = new Socket(InetAddress.getLoopbackAddress(), port)) {
            await().atMost(Duration.ofSeconds(5)).until(() -> accepted.size() == 1);
        }
    }

    @Test
    void aBoundPortTakesNobodyInBeforeTheLoopStartsAndClosingItThenDropsWhoWaited() throws IOException {
        acceptor = acceptor(0);
        acceptor.bind();
        try (Socket early = new Socket(InetAddress.getLoopbackAddress(), acceptor.port())) {
            // the kernel completed the handshake into the backlog; the server has not taken it
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(accepted::isEmpty);
            acceptor.unbind();   // as a start does when a later port cannot be bound
            early.setSoTimeout(5_000);
            assertThatThrownBy(() -> early.getInputStream().read()).isInstanceOf(SocketException.class);
        }
        assertThat(accepted).isEmpty();
        assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
                .doesNotContain("switchboard-acceptor-test");
    }

    @Test
    void aTakenPortIsAnErrorAndLeavesNothingBound() throws IOException {
        try (ServerSocket squatter = new ServerSocket()) {
            squatter.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            acceptor = acceptor(squatter.getLocalPort());
            assertThatThrownBy(acceptor::bind).isInstanceOf(IOException.class);
            assertThat(acceptor.bound()).isFalse();
        }
    }
}
