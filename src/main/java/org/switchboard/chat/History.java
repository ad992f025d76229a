package org.switchboard.chat;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.protocol.TextFiles;

/**
 * The room's history: every line appended to {@code history.txt} (so it survives a restart), the newest
 * {@code limit} kept in memory for replay. When the file has grown to twice the limit it is rewritten
 * with the newest {@code limit} lines, through a temporary file and an atomic rename.
 *
 * <p>Thread-safe; one {@link ReentrantLock} covers memory and file (held across disk writes).
 */
public final class History implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(History.class);

    private final Path file;
    private final int limit;
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<ChatLine> lines;
    private final int skippedOnLoad;
    private int linesInFile;
    private BufferedWriter writer;

    public History(Path file, int limit) throws IOException {
        if (limit < 1) {
            throw new IllegalArgumentException("history limit must be positive: " + limit);
        }
        this.file = file;
        this.limit = limit;
        this.lines = new ArrayDeque<>(Math.min(limit, 1024));
        // A last line written up to a crash may still parse with its text cut short: never replay it.
        boolean torn = TextFiles.cutTornLastLine(file);
        int skipped = torn ? 1 : 0;
        if (torn) {
            LOG.warn("{}: skipped a torn last line", file);
        }
        for (String record : TextFiles.readLines(file)) {
            linesInFile++;
            var line = ChatLine.fromRecord(record);
            if (line.isPresent()) {
                remember(line.get());
            } else if (!record.isBlank()) {
                skipped++;
            }
        }
        this.skippedOnLoad = skipped;
        if (skipped > 0) {
            LOG.warn("{}: skipped {} unreadable line(s)", file, skipped);
        }
        if (linesInFile >= 2 * limit) {
            trim(); // the limit was lowered since the file was written
        }
    }

    /** Lines of the file that could not be read at start (e.g. one torn by a crash). */
    public int skippedOnLoad() {
        return skippedOnLoad;
    }

    public void append(ChatLine line) {
        lock.lock();
        try {
            remember(line);
            if (writer == null) {
                writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
            writer.write(line.toRecord());
            writer.newLine();
            writer.flush();
            if (++linesInFile >= 2 * limit) {
                trim();
            }
        } catch (IOException e) {
            LOG.warn("cannot append to {}: {}", file, e.toString());
            closeWriter();
        } finally {
            lock.unlock();
        }
    }

    /** The newest {@code count} lines, oldest first. */
    public List<ChatLine> recent(int count) {
        lock.lock();
        try {
            List<ChatLine> all = new ArrayList<>(lines);
            return List.copyOf(all.subList(Math.max(0, all.size() - count), all.size()));
        } finally {
            lock.unlock();
        }
    }

    public int size() {
        lock.lock();
        try {
            return lines.size();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closeWriter();
        } finally {
            lock.unlock();
        }
    }

    private void remember(ChatLine line) {
        if (lines.size() == limit) {
            lines.removeFirst();
        }
        lines.addLast(line);
    }

    private void trim() throws IOException {
        closeWriter();
        Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), file.getFileName() + ".", ".tmp");
        try {
            StringBuilder text = new StringBuilder();
            for (ChatLine line : lines) {
                text.append(line.toRecord()).append(System.lineSeparator());
            }
            // fsync before the rename: after a crash the history is the old file or the new, never empty.
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                out.force(true);
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            linesInFile = lines.size();
        } catch (IOException | UncheckedIOException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
    }

    private void closeWriter() {
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
