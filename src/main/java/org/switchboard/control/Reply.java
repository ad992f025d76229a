package org.switchboard.control;

import java.util.List;

/**
 * What an operator command answered: lines to show, whether it worked, and whether the operator asked
 * the program to end ({@code stop}).
 */
public record Reply(List<String> lines, boolean ok, boolean exit) {
    public Reply {
        lines = List.copyOf(lines);
    }

    static Reply success(String... lines) {
        return new Reply(List.of(lines), true, false);
    }

    static Reply success(List<String> lines) {
        return new Reply(lines, true, false);
    }

    static Reply failure(String line) {
        return new Reply(List.of(line), false, false);
    }

    public String text() {
        return String.join(System.lineSeparator(), lines);
    }
}
