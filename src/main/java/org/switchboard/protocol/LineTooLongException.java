package org.switchboard.protocol;

import java.io.IOException;

/**
 * A line went past the codec's byte limit. By the time this is thrown the rest of that line has been
 * read and thrown away, so the next {@link LineReader#readLine()} starts on a fresh line.
 */
public final class LineTooLongException extends IOException {
    private final int limit;

    public LineTooLongException(int limit) {
        super("line longer than " + limit + " bytes");
        this.limit = limit;
    }

    public int limit() {
        return limit;
    }
}
