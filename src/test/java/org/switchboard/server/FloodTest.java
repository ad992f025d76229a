package org.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.switchboard.support.LineClient;
import org.switchboard.support.ServerFixture;
import org.switchboard.support.TestServer;

/** Flood control as clients meet it, on a real server. */
class FloodTest extends ServerFixture {
    static final String PASSWORD = TestServer.PASSWORD;

    @Test
    void withTheDefaultsAShortBurstIsOnlyDelayedAndEveryLineArrives() {
        server = TestServer.start(dir, b -> b.flood(FloodLimits.DEFAULT));
        try (LineClient alice = new LineClient(server.port()).register("alice", PASSWORD);
             LineClient bob = new LineClient(server.port()).register("bob", PASSWORD)) {
            alice.awaitContaining("* bob joined");
            StringBuilder burst = new StringBuilder();
            for (int i = 1; i <= 15; i++) {
                burst.append("line ").append(i).append("\r\n");
            }
            alice.sendRaw(burst.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            for (int i = 1; i <= 15; i++) {
                assertThat(bob.awaitContaining("alice:")).endsWith("alice: line " + i);
            }
            alice.send("/users");
            assertThat(alice.awaitContaining("online:")).contains("alice, bob");
        }
        assertThat(server.log().tail(200)).noneSatisfy(e -> assertThat(e.message()).contains("flooding"));
    }

    @Test
    void aSustainedFloodIsWarnedThenDisconnectedAndTheRoomOnlySeesThePacedPart() {
        server = TestServer.start(dir, b -> b.flood(new FloodLimits(3, 50, 3, 8)));
        try (LineClient alice = new LineClient(server.port()).register("alice", PASSWORD);
             LineClient flooder = new LineClient(server.port()).register("flooder", PASSWORD)) {
            alice.awaitContaining("* flooder joined");
            StringBuilder flood = new StringBuilder();
            for (int i = 1; i <= 200; i++) {
                flood.append("spam ").append(i).append("\r\n");
            }
            flooder.sendRaw(flood.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            List<String> heard = flooder.readToEnd();
            assertThat(heard).contains("! You are sending too fast (at most 50 lines a second);"
                    + " slow down or you will be disconnected.");
            assertThat(heard).last().isEqualTo("! Excess flood: too many lines too fast. Goodbye.");
            assertThat(alice.awaitContaining("flooder left")).isEqualTo("* flooder left");
        }
        // The room got a prefix of the flood, in order, and not all of it. (How long a prefix depends on
        // how late a loaded machine wakes the paced reader: tokens refill by real time.)
        List<String> said = server.recentHistory(1000).stream().map(l -> l.text()).toList();
        assertThat(said).hasSizeBetween(1, 199);
        assertThat(said).isEqualTo(java.util.stream.IntStream.rangeClosed(1, said.size())
                .mapToObj(i -> "spam " + i).toList());
        assertThat(server.log().tail(200)).anySatisfy(
                e -> assertThat(e.message()).contains("flooder").contains("disconnected: flooding"));
    }
}
