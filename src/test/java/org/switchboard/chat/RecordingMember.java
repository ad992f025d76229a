package org.switchboard.chat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A member for tests: keeps every line it is sent (stripped), and "disconnected: REASON" when told to go. */
public final class RecordingMember implements Member {
    private final String name;
    private final List<String> lines = new CopyOnWriteArrayList<>();

    public RecordingMember(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String address() {
        return "127.0.0.1:1";
    }

    @Override
    public Instant since() {
        return Instant.EPOCH;
    }

    @Override
    public void send(byte[] line) {
        lines.add(new String(line, StandardCharsets.UTF_8).strip());
    }

    @Override
    public void disconnect(String reason) {
        lines.add("disconnected: " + reason);
    }

    /** Everything it was sent, in order. */
    public List<String> lines() {
        return lines;
    }

    /** The notice lines ({@code * ...}) it was sent. */
    public List<String> notices() {
        return lines.stream().filter(l -> l.startsWith("* ")).toList();
    }
}
