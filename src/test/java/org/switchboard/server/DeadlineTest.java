package org.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.List;
import jdk.net.ExtendedSocketOptions;
import org.junit.jupiter.api.Test;
import org.switchboard.protocol.Protocol;
import org.switchboard.support.LineClient;
import org.switchboard.support.ServerFixture;
import org.switchboard.support.TestServer;

/** Sign-in deadline, idle timeout and keep-alive: clients that stall or vanish do not hold a slot. */
class DeadlineTest extends ServerFixture {
    static final String PASSWORD = TestServer.PASSWORD;

    @Test
    void aClientTricklingBytesDoesNotOutliveTheSignInDeadline() throws Exception {
        server = TestServer.start(dir, b -> b.signInTimeout(Duration.ofMillis(500)));
        try (LineClient client = new LineClient(server.port())) {
            client.expectPrompt(Protocol.PROMPT_NAME);
            // one byte every 50 ms: a per-read timeout would never fire; the deadline must
            Thread trickle = Thread.ofVirtual().start(() -> {
                try {
                    for (int i = 0; i < 1_000 && !client.socket().isClosed(); i++) {
                        client.socket().getOutputStream().write('a');
                        Thread.sleep(50);
                    }
                } catch (Exception e) {
                    // the server closed the connection: what the test waits for
                }
            });
            assertThat(client.readToEnd()).contains("! Sign-in took too long. Goodbye.");
            trickle.interrupt();
        }
    }

    @Test
    void aSignedInClientSilentPastTheIdleTimeoutIsDisconnectedWhileATalkerStays() {
        server = TestServer.start(dir, b -> b.idleTimeout(Duration.ofMillis(800)));
        try (LineClient silent = new LineClient(server.port()).register("silent", PASSWORD);
             LineClient talker = new LineClient(server.port()).register("talker", PASSWORD)) {
            Thread chatter = Thread.ofVirtual().start(() -> {
                for (int i = 0; i < 100 && !Thread.currentThread().isInterrupted(); i++) {
                    talker.send("still here " + i);
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            List<String> lines = silent.readToEnd();
            assertThat(lines).contains("! Idle for too long. Goodbye.");
            await().atMost(Duration.ofSeconds(5)).until(() -> server.users().size() == 1);
            assertThat(server.users()).extracting(u -> u.name()).containsExactly("talker");
            chatter.interrupt();
        }
    }

    @Test
    void acceptedSocketsProbeForDeadPeersWithTcpKeepAlive() throws Exception {
        server = TestServer.start(dir);
        try (LineClient client = new LineClient(server.port())) {
            client.expectPrompt(Protocol.PROMPT_NAME);
            SocketChannel accepted = ((PlainTransport) server.connections().iterator().next().transport()).channel();
            assertThat(accepted.getOption(StandardSocketOptions.SO_KEEPALIVE)).isTrue();
            if (accepted.supportedOptions().contains(ExtendedSocketOptions.TCP_KEEPIDLE)) {
                assertThat(accepted.getOption(ExtendedSocketOptions.TCP_KEEPIDLE)).isEqualTo(60);
                assertThat(accepted.getOption(ExtendedSocketOptions.TCP_KEEPINTERVAL)).isEqualTo(10);
                assertThat(accepted.getOption(ExtendedSocketOptions.TCP_KEEPCOUNT)).isEqualTo(3);
            }
        }
    }

    @Test
    void keepAliveZeroLeavesItOff() throws Exception {
        server = TestServer.start(dir, b -> b.keepAlive(Duration.ZERO));
        try (LineClient client = new LineClient(server.port())) {
            client.expectPrompt(Protocol.PROMPT_NAME);
            SocketChannel accepted = ((PlainTransport) server.connections().iterator().next().transport()).channel();
            assertThat(accepted.getOption(StandardSocketOptions.SO_KEEPALIVE)).isFalse();
        }
    }
}
