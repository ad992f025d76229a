package org.switchboard.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.switchboard.auth.IdentityFileException;
import org.switchboard.server.ChatServer;
import org.switchboard.server.DataFolderException;
import org.switchboard.server.FloodLimits;
import org.switchboard.server.ServerConfig;

/**
 * A real server for tests: loopback, port 0, files in a temporary folder, cheap password hashing.
 * Two limits are relaxed because tests are not abusive clients: all clients come from one address, and
 * tests send lines faster than a person types (flood control off). Tests of those limits set them back.
 * The TLS ports are 0 too (free ones), never the defaults 5443 and 6697.
 */
public final class TestServer {
    public static final String PASSWORD = "correct horse";

    private TestServer() {
    }

    public static ServerConfig.Builder config(Path dir) {
        return ServerConfig.builder()
                .port(0)
                .ircPort(0)
                .bindAddress(InetAddress.getLoopbackAddress())
                .dataDir(dir)
                .hashIterations(1_000)
                .maxClientsPerAddress(1_000)
                .flood(FloodLimits.OFF)
                .tlsPort(0)
                .ircTlsPort(0);
    }

    public static ChatServer start(Path dir) {
        return start(dir, UnaryOperator.identity());
    }

    public static ChatServer start(Path dir, UnaryOperator<ServerConfig.Builder> settings) {
        ChatServer server = new ChatServer(settings.apply(config(dir)).build());
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (IdentityFileException | DataFolderException e) {
            throw new IllegalStateException(e);
        }
        return server;
    }

    /** Waits (10 s at most) until one of the server's last 100 log lines contains {@code text}. */
    public static void awaitLog(ChatServer server, String text) {
        await().atMost(Duration.ofSeconds(10)).until(() -> server.log().tail(100).stream()
                .anyMatch(e -> e.message().contains(text)));
    }
}
