package org.switchboard.log;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends whole lines to a text file, each flushed to the OS as it is written, opening the file on the
 * first line and again after {@link #close}. Not thread-safe: its owner holds a lock around it.
 */
public final class LineAppender {
    private static final Logger LOG = LoggerFactory.getLogger(LineAppender.class);

    private final Path file;
    private BufferedWriter writer;

    public LineAppender(Path file) {
        this.file = file;
    }

    /** Writes one line; on failure the file is closed (to be opened afresh next time) and the error thrown. */
    public void append(String line) throws IOException {
        try {
            if (writer == null) {
                writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
            writer.write(line);
            writer.newLine();
            writer.flush();
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    /** Closes the file if it is open; a failure to close is only worth a warning. */
    public void close() {
        if (writer != null) {
            try {
                writer.close();
            } catch (IOException e) {
                LOG.warn("cannot close {}: {}", file, e.toString());
            }
            writer = null;
        }
    }
}
