package org.switchboard.ui.model;

import java.time.Duration;

/** The lengths the panel offers for a ban or a mute; {@link #PERMANENT} lasts until lifted. */
public enum BanPreset {
    TEN_MINUTES("10 minutes", Duration.ofMinutes(10)),
    ONE_HOUR("1 hour", Duration.ofHours(1)),
    ONE_DAY("1 day", Duration.ofDays(1)),
    ONE_WEEK("1 week", Duration.ofDays(7)),
    PERMANENT("Permanent", null);

    private final String label;
    private final Duration duration;

    BanPreset(String label, Duration duration) {
        this.label = label;
        this.duration = duration;
    }

    /** How long, or null for until lifted. */
    public Duration duration() {
        return duration;
    }

    @Override
    public String toString() {
        return label;
    }
}
