package org.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.channels.SocketChannel;
import java.time.Duration;
import jdk.net.ExtendedSocketOptions;
import org.junit.jupiter.api.Test;
import org.switchboard.protocol.Protocol;
import org.switchboard.support.LineClient;
import org.switchboard.support.ServerFixture;
import org.switchboard.support.TestServer;

/** The settings' ranges: what the configuration takes, the server can do. */
class ServerConfigTest extends ServerFixture {
    @Test
    void theLongestKeepAliveTheConfigurationTakesStillServesClients() throws Exception {
        int longest = ServerConfig.KEEP_ALIVE_SECONDS.max();
        server = TestServer.start(dir, b -> b.keepAlive(Duration.ofSeconds(longest)));
        try (LineClient client = new LineClient(server.port())) {
            client.expectPrompt(Protocol.PROMPT_NAME);
            SocketChannel accepted = ((PlainTransport) server.connections().iterator().next().transport()).channel();
            assertThat(accepted.getOption(ExtendedSocketOptions.TCP_KEEPIDLE)).isEqualTo(longest);
        }
    }

    @Test
    void aKeepAliveLongerThanTheKernelTakesIsRefusedAtStart() {
        assertThatThrownBy(() -> ServerConfig.builder().keepAlive(Duration.ofSeconds(32_768)).build())
                .hasMessage("keep-alive must be between 0 and 32767 s, not 32768 s");
    }

    @Test
    void aTimeMayBeAFractionOfItsUnitButNotZeroWhereOneIsTheLeast() {
        assertThat(ServerConfig.builder().signInTimeout(Duration.ofMillis(300)).build().signInTimeout())
                .isEqualTo(Duration.ofMillis(300));
        assertThatThrownBy(() -> ServerConfig.builder().signInTimeout(Duration.ZERO).build())
                .hasMessage("sign-in timeout must be between 1 and 3600 s, not 0 s");
        assertThatThrownBy(() -> ServerConfig.builder().signInTimeout(Duration.ofMillis(3_600_001)).build())
                .hasMessage("sign-in timeout must be between 1 and 3600 s, not 3600001 ms");
        assertThatThrownBy(() -> ServerConfig.builder().idleTimeout(Duration.ofMillis(-300)).build())
                .hasMessage("idle timeout must be between 0 and 604800 s, not -300 ms");
    }
}
