package org.switchboard.control;

import java.util.List;

/**
 * What an operator command answered: lines to show, whether it worked, whether the operator asked
 * the program to end ({@code stop}), and, for a start that failed, what stood in its way.
 */
public record Reply(List<String> lines, boolean ok, boolean exit, Problem problem) {
    /**
     * What kept a start from happening: the port (starting on another may do), another listener's port
     * (fixed by its option, so the first port's offers do not mend it), or the data or certificate.
     */
    public enum Problem { NONE, PORT, OTHER_PORT, DATA }

    public Reply {
        lines = List.copyOf(lines);
    }

    public Reply(List<String> lines, boolean ok, boolean exit) {
        this(lines, ok, exit, Problem.NONE);
    }

    static Reply failure(String line, Problem problem) {
        return new Reply(List.of(line), false, false, problem);
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
