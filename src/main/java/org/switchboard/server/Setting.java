package org.switchboard.server;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * One whole-number setting as the operator gives it (a {@code serve} option, a field of the panel's
 * Limits dialog): its name in messages, its default and the range it may take, counted in
 * {@code unit} for a time (seconds, milliseconds), null for anything else. {@link ServerConfig} holds
 * one for each setting, the one place its default and range are written: the command-line options,
 * {@code --help}, the builder, the configuration's checks and the panel's Limits dialog all read it.
 * Immutable.
 */
public record Setting(String what, ChronoUnit unit, int defaultValue, int min, int max) {
    public Setting {
        Objects.requireNonNull(what);
        if (min > max || defaultValue < min || defaultValue > max) {
            throw new IllegalArgumentException(what + ": the default " + defaultValue + " is not in " + min
                    + ".." + max);
        }
    }

    public static Setting count(String what, int defaultValue, int min, int max) {
        return new Setting(what, null, defaultValue, min, max);
    }

    public static Setting seconds(String what, int defaultValue, int min, int max) {
        return new Setting(what, ChronoUnit.SECONDS, defaultValue, min, max);
    }

    public static Setting millis(String what, int defaultValue, int min, int max) {
        return new Setting(what, ChronoUnit.MILLIS, defaultValue, min, max);
    }

    public boolean allows(long value) {
        return value >= min && value <= max;
    }

    /** {@code value}, or an exception saying which setting it is and what it may be. */
    public int require(long value) {
        if (!allows(value)) {
            throw outOfRange(value + unitSuffix());
        }
        return (int) value;
    }

    /** The default of a time setting. */
    public Duration defaultDuration() {
        return Duration.of(defaultValue, Objects.requireNonNull(unit, what));
    }

    /**
     * A time, which must not be negative and whose whole units, rounded up, must be in range: code
     * (tests) may give fractions of the unit, so a minimum of 1 s means more than zero.
     */
    public Duration require(Duration value) {
        Duration one = Objects.requireNonNull(unit, what).getDuration();
        boolean inRange = !value.isNegative()
                && value.compareTo(Duration.of(max, unit)) <= 0
                && value.compareTo(Duration.of(min, unit).minus(one)) > 0;
        if (!inRange) {
            boolean whole = value.truncatedTo(unit).equals(value);
            throw outOfRange(!whole ? value.toMillis() + " ms"
                    : (unit == ChronoUnit.SECONDS ? value.toSeconds() : value.toMillis()) + unitSuffix());
        }
        return value;
    }

    private String unitSuffix() {
        return unit == ChronoUnit.SECONDS ? " s" : unit == ChronoUnit.MILLIS ? " ms" : "";
    }

    private IllegalArgumentException outOfRange(String value) {
        return new IllegalArgumentException(what + " must be between " + min + " and " + max + unitSuffix()
                + ", not " + value);
    }
}
