package org.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.switchboard.server.FloodControl.Action;

class FloodControlTest {
    long now = 1_000_000_000L;

    private FloodControl bucket(FloodLimits limits) {
        return new FloodControl(limits, () -> now);
    }

    @Test
    void theDefaultLetsABurstOfTenThroughAtOnce() {
        FloodControl flood = bucket(FloodLimits.DEFAULT);
        for (int i = 0; i < 10; i++) {
            assertThat(flood.admit()).isEqualTo(FloodControl.Decision.PASS);
        }
        FloodControl.Decision eleventh = flood.admit();
        assertThat(eleventh.action()).isEqualTo(Action.DELAY);
        assertThat(eleventh.delayNanos()).isEqualTo(200_000_000L);
    }

    @Test
    void afterTheBurstLinesAreHeldToFiveASecond() {
        FloodControl flood = bucket(FloodLimits.DEFAULT);
        for (int i = 0; i < 10; i++) {
            flood.admit();
        }
        // the client keeps sending; the caller sleeps each delay, so time moves on by it
        for (int i = 0; i < 5; i++) {
            FloodControl.Decision d = flood.admit();
            assertThat(d.delayNanos()).isEqualTo(200_000_000L);
            now += d.delayNanos();
        }
    }

    @Test
    void aSustainedFloodIsDelayedThenWarnedThenDisconnected() {
        FloodControl flood = bucket(FloodLimits.DEFAULT);
        List<Action> actions = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            FloodControl.Decision d = flood.admit();
            actions.add(d.action());
            now += d.delayNanos();
            if (d.action() == Action.DISCONNECT) {
                break;
            }
        }
        assertThat(actions.subList(0, 10)).containsOnly(Action.PASS);
        assertThat(actions.subList(10, 19)).containsOnly(Action.DELAY);
        assertThat(actions.get(19)).isEqualTo(Action.WARN);
        assertThat(actions.subList(20, 59)).containsOnly(Action.DELAY);
        assertThat(actions.get(59)).isEqualTo(Action.DISCONNECT);
    }

    @Test
    void aPauseRefillsTheBucketAndForgivesThePast() {
        FloodControl flood = bucket(FloodLimits.DEFAULT);
        for (int i = 0; i < 15; i++) {
            now += flood.admit().delayNanos();
        }
        now += 2_000_000_000L; // two quiet seconds: ten tokens again
        for (int i = 0; i < 10; i++) {
            assertThat(flood.admit()).isEqualTo(FloodControl.Decision.PASS);
        }
    }

    @Test
    void aRateOfZeroSwitchesFloodControlOff() {
        FloodControl flood = bucket(new FloodLimits(10, 0, 10, 50));
        for (int i = 0; i < 10_000; i++) {
            assertThat(flood.admit()).isEqualTo(FloodControl.Decision.PASS);
        }
    }

    @Test
    void disconnectZeroNeverDisconnects() {
        FloodControl flood = bucket(new FloodLimits(1, 5, 0, 0));
        for (int i = 0; i < 1_000; i++) {
            FloodControl.Decision d = flood.admit();
            assertThat(d.action()).isIn(Action.PASS, Action.DELAY);
            now += d.delayNanos();
        }
    }
}
