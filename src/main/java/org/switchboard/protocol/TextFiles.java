package org.switchboard.protocol;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The server's own text files: lenient reading (invalid UTF-8 becomes U+FFFD instead of failing), torn
 * last lines, and atomic whole-file replacement.
 */
public final class TextFiles {
    /**
     * The lock file in each data folder, held by the server that uses the folder (a file name the bench
     * looks for too, to find a server's identity file).
     */
    public static final String DATA_FOLDER_LOCK = "switchboard.lock";

    private TextFiles() {
    }

    /** All lines of {@code file}; an empty list when it does not exist. */
    public static List<String> readLines(Path file) throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines.add(line);
            }
        }
        return lines;
    }

    /**
     * Cuts a torn last line (one without its line feed, left by a crash mid-write) off the file, so that
     * it is never read as a whole line later and the next append starts on a line of its own.
     *
     * @return whether there was a torn line to cut
     */
    public static boolean cutTornLastLine(Path file) throws IOException {
        if (!endsTorn(file)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long end = channel.size();
            ByteBuffer block = ByteBuffer.allocate(8192);
            while (end > 0) {
                long start = Math.max(0, end - block.capacity());
                block.clear().limit((int) (end - start));
                channel.read(block, start);
                for (int i = block.position() - 1; i >= 0; i--) {
                    if (block.get(i) == '\n') {
                        channel.truncate(start + i + 1);
                        channel.force(true);
                        return true;
                    }
                }
                end = start;
            }
            channel.truncate(0);
            channel.force(true);
            return true;
        }
    }

    /** True when the file's last byte is not a line feed: its last line was torn by a crash. */
    public static boolean endsTorn(Path file) throws IOException {
        if (!Files.exists(file) || Files.size(file) == 0) {
            return false;
        }
        try (var channel = Files.newByteChannel(file)) {
            channel.position(channel.size() - 1);
            var last = java.nio.ByteBuffer.allocate(1);
            channel.read(last);
            return last.get(0) != '\n';
        }
    }

    /**
     * Replaces {@code target} with {@code content} so that a crash at any moment leaves the old file or
     * the new one, never a mix: a temporary file in the same folder, fsync, atomic rename, fsync of the
     * folder. With {@code ownerOnly} the file is readable by its owner only (where POSIX permissions exist).
     */
    public static void writeAtomically(Path target, byte[] content, boolean ownerOnly) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, target.getFileName() + ".", ".tmp");
        try {
            if (ownerOnly) {
                ownerOnly(temp);
            }
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            syncDirectory(dir);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * Why an operation on a file failed, in a few words and without the path (which the caller's message
     * names already): "permission denied", "no space left on device", "read-only file system"...
     */
    public static String reason(IOException e) {
        return switch (e) {
            case AccessDeniedException denied -> "permission denied";
            case NoSuchFileException missing -> "a folder on the way does not exist";
            case NotDirectoryException notFolder -> "a file stands where a folder should be";
            case FileAlreadyExistsException exists -> "a file stands where a folder should be";
            case FileSystemException fs when fs.getReason() != null -> fs.getReason().toLowerCase(Locale.ROOT);
            default -> e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        };
    }

    /**
     * Writes a file that must not exist yet (CREATE_NEW): a backup never replaces another one, even when
     * two are taken in the same second. Owner-only when asked; a half-written file is removed.
     *
     * @throws FileAlreadyExistsException when {@code target} exists: nothing is written
     */
    public static void writeNew(Path target, byte[] content, boolean ownerOnly) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        try (FileChannel channel = FileChannel.open(target, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE)) {
            try {
                if (ownerOnly) {
                    ownerOnly(target);
                }
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            } catch (IOException e) {
                Files.deleteIfExists(target);
                throw e;
            }
        }
        syncDirectory(dir);
    }

    private static void ownerOnly(Path path) throws IOException {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the folder's own permissions apply
        }
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // some systems cannot open a folder for fsync; the rename itself is still atomic there
        }
    }
}
