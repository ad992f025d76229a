package org.switchboard.chat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.switchboard.server.LineFormat;

/**
 * A member for tests: reads the room's feed as a connection's outbox would (in the line protocol's
 * format, skipping its own lines, each own line after the room lines that came before it), and keeps
 * "disconnected: REASON" when told to go. {@link #lines} is what it has been sent so far, stripped.
 */
public final class RecordingMember implements Member {
    /** The line protocol's format, as the server's connections write it. */
    public static final Format FORMAT = new LineFormat(Clock.systemDefaultZone().getZone());

    /** An own line and the feed's end when it was sent: it goes after the feed lines before that. */
    private record Own(long feedEnd, String text) { }

    private final String name;
    private final List<Own> own = new ArrayList<>();
    private RoomFeed feed;
    private int format;
    private long from;
    private long until = Long.MAX_VALUE;

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
    public Format format() {
        return FORMAT;
    }

    @Override
    public synchronized void send(RoomEvent event) {
        own.add(new Own(feed == null ? 0 : feed.end(), text(FORMAT.render(event))));
    }

    @Override
    public synchronized void disconnect(String reason) {
        own.add(new Own(feed == null ? 0 : feed.end(), "disconnected: " + reason));
    }

    @Override
    public synchronized void joinedFeed(RoomFeed joined, int formatNumber) {
        feed = joined;
        format = formatNumber;
        from = joined.end();
    }

    @Override
    public synchronized void leftFeed() {
        until = feed.end();
    }

    /** Everything it was sent, in order. */
    public synchronized List<String> lines() {
        List<String> lines = new ArrayList<>();
        long end = feed == null ? 0 : Math.min(feed.end(), until);
        long next = from;
        for (Own line : own) {
            next = readFeed(lines, next, Math.min(line.feedEnd(), end));
            lines.add(line.text());
        }
        readFeed(lines, next, end);
        return lines;
    }

    private long readFeed(List<String> lines, long next, long upTo) {
        for (long seq = Math.max(next, from); seq < upTo; seq++) {
            RoomFeed.Entry entry = feed.at(seq);
            if (entry != null && entry.except() != this) {
                lines.add(text(entry.line(format)));
            }
        }
        return Math.max(next, upTo);
    }

    /** Only what the room sent this member itself, not through the feed, in order. */
    public synchronized List<String> ownLines() {
        return own.stream().map(Own::text).toList();
    }

    /** The notice lines ({@code * ...}) it was sent. */
    public List<String> notices() {
        return lines().stream().filter(l -> l.startsWith("* ")).toList();
    }

    private static String text(byte[] line) {
        return new String(line, StandardCharsets.UTF_8).strip();
    }
}
