package org.switchboard.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.switchboard.protocol.TextFiles;

/**
 * The folders of the server's data files, checked and locked for as long as the server lives, so that
 * two servers never share one identity file (each would overwrite the other's accounts).
 *
 * <p>At {@link #open}: a missing folder is created (and reported); a folder that is a file, a data file
 * that is a folder, a folder that cannot be written and a file that cannot be read and written are
 * refused with one sentence. Each folder then gets {@value #LOCK_FILE}, locked with an OS file lock and
 * holding the process id. The OS drops the lock when the process ends, however it ends, so the file a
 * crashed server leaves behind never blocks a restart: only a live holder counts.
 *
 * <p>Threads: opened and closed by the server's lifecycle (under its lock); the set of folders locked in
 * this process is shared by every server in it, since an OS lock does not keep out a second channel of
 * the same process.
 */
final class DataFolders implements AutoCloseable {
    static final String LOCK_FILE = TextFiles.DATA_FOLDER_LOCK;
    /** Folders locked by some server of this process, by their real path. */
    private static final Set<Path> LOCKED_HERE = ConcurrentHashMap.newKeySet();

    private record Held(Path folder, FileChannel channel, FileLock lock) { }

    private final List<Held> held;

    private DataFolders(List<Held> held) {
        this.held = held;
    }

    /**
     * Checks the files' folders, creating missing ones, and locks each.
     *
     * @param created told of each folder that had to be created
     * @throws DataFolderException when a folder or file cannot be used; nothing stays locked then
     */
    static DataFolders open(List<Path> files, Consumer<Path> created) throws DataFolderException {
        Set<Path> folders = new LinkedHashSet<>();
        for (Path file : files) {
            Path absolute = file.toAbsolutePath().normalize();
            folders.add(absolute.getParent());
        }
        for (Path folder : folders) {
            prepare(folder, created);
        }
        for (Path file : files) {
            checkFile(file.toAbsolutePath().normalize());
        }
        List<Held> held = new ArrayList<>();
        try {
            for (Path folder : folders) {
                held.add(lock(folder));
            }
        } catch (DataFolderException e) {
            new DataFolders(held).close();
            throw e;
        }
        return new DataFolders(held);
    }

    /** Releases every lock. The lock files stay: an unlocked one means nothing. Idempotent. */
    @Override
    public void close() {
        for (Held h : held) {
            try {
                h.channel().truncate(0);
                h.lock().release();
            } catch (IOException e) {
                // the channel's close below releases the lock all the same
            }
            try {
                h.channel().close();
            } catch (IOException e) {
                // nothing left to do: the lock goes with the process at the latest
            }
            LOCKED_HERE.remove(h.folder());
        }
        held.clear();
    }

    private static void prepare(Path folder, Consumer<Path> created) throws DataFolderException {
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            throw new DataFolderException(folder, folder + " is a file, not a folder: give the data folder"
                    + " (--data-dir) a folder's name");
        }
        if (!Files.exists(folder)) {
            try {
                Files.createDirectories(folder);
            } catch (IOException e) {
                throw new DataFolderException(folder, "Cannot create the data folder " + folder + ": " + TextFiles.reason(e));
            }
            created.accept(folder);
        }
        try {
            Files.delete(Files.createTempFile(folder, ".switchboard-", ".probe"));
        } catch (IOException e) {
            throw new DataFolderException(folder, "Cannot write in the data folder " + folder + ": " + TextFiles.reason(e)
                    + " (the server rewrites its files there; choose a writable folder with --data-dir)");
        }
    }

    private static void checkFile(Path file) throws DataFolderException {
        if (Files.isDirectory(file)) {
            throw new DataFolderException(file, file + " is a folder, where the server keeps a file");
        }
        if (Files.exists(file) && !(Files.isReadable(file) && Files.isWritable(file))) {
            throw new DataFolderException(file, "Cannot read and write " + file
                    + " (check its permissions: the server reads it at start and writes it as it runs)");
        }
    }

    private static Held lock(Path folder) throws DataFolderException {
        Path real;
        try {
            real = folder.toRealPath();
        } catch (IOException e) {
            real = folder;
        }
        if (!LOCKED_HERE.add(real)) {
            throw inUse(real, "a server in this program");
        }
        Path lockFile = real.resolve(LOCK_FILE);
        FileChannel channel = null;
        try {
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                throw inUse(real, holder(lockFile));
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)));
            channel.force(false);
            return new Held(real, channel, lock);
        } catch (IOException | DataFolderException | RuntimeException e) {
            LOCKED_HERE.remove(real);
            closeQuietly(channel);
            if (e instanceof DataFolderException problem) {
                throw problem;
            }
            if (e instanceof IOException io) {
                throw new DataFolderException(real, "Cannot lock the data folder " + real + " (" + LOCK_FILE + "): "
                        + TextFiles.reason(io));
            }
            throw (RuntimeException) e;
        }
    }

    private static DataFolderException inUse(Path folder, String holder) {
        return new DataFolderException(folder, "The data folder " + folder + " is in use by " + holder
                + ". Stop that server first, or give this one another folder with --data-dir.");
    }

    /** Who holds the lock, as far as the lock file and the OS tell. */
    private static String holder(Path lockFile) {
        Optional<Long> pid;
        try {
            pid = Optional.of(Long.parseLong(Files.readString(lockFile, StandardCharsets.US_ASCII).strip()));
        } catch (IOException | NumberFormatException e) {
            pid = Optional.empty();
        }
        if (pid.isEmpty()) {
            return "another Switchboard server";
        }
        String command = ProcessHandle.of(pid.get()).flatMap(p -> p.info().commandLine())
                .map(c -> ": " + (c.length() > 160 ? c.substring(0, 157) + "..." : c)).orElse("");
        return "another Switchboard server (process " + pid.get() + command + ")";
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing left to do
            }
        }
    }
}
