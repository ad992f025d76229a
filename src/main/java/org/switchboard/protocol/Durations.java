package org.switchboard.protocol;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as the operator writes them, a number and a unit ({@code 30s}, {@code 10m}, {@code 2h},
 * {@code 1d}, {@code 1w}), and as the server shows a time left ({@code 9m 58s}, {@code 6d 23h}).
 */
public final class Durations {
    /** The longest a timed ban or mute may be; longer ones are until lifted. */
    public static final Duration LONGEST = Duration.ofDays(3650);
    private static final Pattern TYPED = Pattern.compile("(\\d+)([smhdw])", Pattern.CASE_INSENSITIVE);

    private Durations() {
    }

    /** Whether {@code text} is written as a duration (maybe out of range): a number and a unit. */
    public static boolean looksLikeOne(String text) {
        return TYPED.matcher(text).matches();
    }

    /**
     * {@code 30s}, {@code 10m}, {@code 2h}, {@code 1d}, {@code 1w} as a duration.
     *
     * @throws IllegalArgumentException saying what a duration is, for one that is not, is zero or is
     *     longer than {@link #LONGEST}
     */
    public static Duration parse(String text) {
        Matcher m = TYPED.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration: a number and s, m, h, d or w"
                    + " (30s, 10m, 2h, 1d, 1w)");
        }
        if (m.group(1).length() > 9) {
            throw tooLong(); // past ten years in any unit, and past what a Duration holds in some
        }
        long n = Long.parseLong(m.group(1));
        Duration duration = switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofDays(7 * n);
        };
        if (duration.isZero() || duration.compareTo(LONGEST) > 0) {
            throw tooLong();
        }
        return duration;
    }

    private static IllegalArgumentException tooLong() {
        return new IllegalArgumentException("A duration is from 1s to 3650d (ten years); leave it out for one"
                + " until lifted");
    }

    /** {@link #parse}, or empty for a word that is not written as a duration (a reason's first word). */
    public static Optional<Duration> parseIfOne(String word) {
        return looksLikeOne(word) ? Optional.of(parse(word)) : Optional.empty();
    }

    /** "42s", "3m 05s", "2h 10m", "6d 23h": short enough for a narrow column. */
    public static String shortText(Duration duration) {
        long seconds = Math.max(0, (duration.toMillis() + 999) / 1000);
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%dm %02ds", seconds / 60, seconds % 60);
        }
        if (seconds < 86_400) {
            return String.format(Locale.ROOT, "%dh %02dm", seconds / 3600, seconds % 3600 / 60);
        }
        return String.format(Locale.ROOT, "%dd %02dh", seconds / 86_400, seconds % 86_400 / 3600);
    }
}
