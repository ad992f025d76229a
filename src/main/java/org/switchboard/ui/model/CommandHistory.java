package org.switchboard.ui.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The command field's history, as a shell has it: up goes to older commands, down to newer ones and
 * finally back to an empty line; repeating the last command does not store it twice.
 */
public final class CommandHistory {
    private final int max;
    private final List<String> commands = new ArrayList<>();
    private int cursor;

    public CommandHistory(int max) {
        this.max = max;
    }

    public void add(String command) {
        String text = command.strip();
        if (!text.isEmpty() && (commands.isEmpty() || !commands.getLast().equals(text))) {
            commands.add(text);
            if (commands.size() > max) {
                commands.removeFirst();
            }
        }
        cursor = commands.size();
    }

    /** The command before the one shown; empty when there is none older. */
    public Optional<String> older() {
        if (cursor == 0) {
            return Optional.empty();
        }
        return Optional.of(commands.get(--cursor));
    }

    /** The command after the one shown, or "" past the newest. */
    public String newer() {
        if (cursor < commands.size()) {
            cursor++;
        }
        return cursor < commands.size() ? commands.get(cursor) : "";
    }

    public List<String> commands() {
        return List.copyOf(commands);
    }
}
