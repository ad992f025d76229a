package org.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.switchboard.log.LogEntry;
import org.switchboard.support.LineClient;
import org.switchboard.support.ServerFixture;
import org.switchboard.support.TestServer;

/** A connection ends once: of causes that race, the first wins, and all that is said of the end is its. */
class CloseCauseTest extends ServerFixture {
    private static final Map<String, CloseCause> CAUSES = Map.of(
            "told", new CloseCause.Told("You were disconnected by the operator: enough"),
            "idle", new CloseCause.Idle(Duration.ofSeconds(30)),
            "flooding", new CloseCause.Flooding(),
            "overlong", new CloseCause.OverlongLines(),
            "stopped", new CloseCause.ServerStopped(),
            "left", CloseCause.LEFT);

    @RepeatedTest(5)
    void ofCausesThatRaceOneWinsAndTheClientTheRoomAndTheLogHearOnlyIt() throws Exception {
        server = TestServer.start(dir);
        List<ServerEvent.UserLeft> leaves = new CopyOnWriteArrayList<>();
        server.addListener(event -> {
            if (event instanceof ServerEvent.UserLeft left) {
                leaves.add(left);
            }
        });
        try (LineClient dina = new LineClient(server.port()).register("dina", TestServer.PASSWORD)) {
            Connection connection = server.connections().iterator().next();
            int logBefore = server.log().tail(10_000).size();
            CountDownLatch go = new CountDownLatch(1);
            try (ExecutorService racers = Executors.newVirtualThreadPerTaskExecutor()) {
                for (CloseCause cause : CAUSES.values()) {
                    racers.submit(() -> {
                        go.await();
                        connection.close(cause);
                        return null;
                    });
                }
                go.countDown();
            }
            List<String> said = dina.readToEnd();
            await().atMost(Duration.ofSeconds(10)).until(() -> leaves.size() == 1);
            CloseCause winner = CAUSES.values().stream()
                    .filter(c -> leaves.getFirst().reason().equals(c.leaveReason())).findFirst().orElseThrow();
            List<String> farewells = CAUSES.values().stream().map(CloseCause::farewell)
                    .filter(f -> f != null && said.contains(f)).toList();
            assertThat(farewells).isEqualTo(winner.farewell() == null ? List.of() : List.of(winner.farewell()));
            List<String> logged = server.log().tail(10_000).subList(logBefore, server.log().tail(10_000).size())
                    .stream().map(LogEntry::message).toList();
            assertThat(logged).filteredOn(m -> m.startsWith("dina (")).containsExactly(
                    "dina (" + connection.address() + ") " + winner.leaveReason());
            CloseCause.Logged own = winner.logged("dina " + connection.address());
            for (CloseCause other : CAUSES.values()) {
                CloseCause.Logged line = other.logged("dina " + connection.address());
                if (line != null && !line.equals(own)) {
                    assertThat(logged).doesNotContain(line.message());
                }
            }
        }
    }

    @Test
    void aLaterCauseChangesNothing() throws Exception {
        server = TestServer.start(dir);
        List<String> reasons = new CopyOnWriteArrayList<>();
        server.addListener(event -> {
            if (event instanceof ServerEvent.UserLeft left) {
                reasons.add(left.reason());
            }
        });
        try (LineClient erin = new LineClient(server.port()).register("erin", TestServer.PASSWORD)) {
            Connection connection = server.connections().iterator().next();
            connection.close(new CloseCause.Idle(Duration.ofSeconds(5)));
            connection.close(new CloseCause.Told("You were disconnected by the operator."));
            List<String> said = erin.readToEnd();
            assertThat(said).contains("! Idle for too long. Goodbye.")
                    .doesNotContain("! You were disconnected by the operator.");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> !reasons.isEmpty());
        assertThat(reasons).containsExactly("disconnected (idle)");
    }
}
