package org.switchboard.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.switchboard.protocol.TextFiles;

/**
 * What a bench run would do to a Switchboard server's data: the bench registers its clients (with one
 * public password) and its lines go into the history, which is harmless on a throwaway data folder and
 * not on the real one. Given the server's process id, this finds the identity files of the folders the
 * server has locked (Linux: the process's open files under {@code /proc/PID/fd}) and the people in them
 * who are not bench clients.
 */
public final class ServerData {
    /** An identity file and the names in it that are not the bench's. */
    public record People(Path usersFile, List<String> others) { }

    private ServerData() {
    }

    /**
     * The identity files next to each data-folder lock the process holds, with the names in them other
     * than {@code prefix} followed by digits; empty when nothing can be seen (not Linux, another user's
     * process, not a Switchboard server).
     */
    public static List<People> people(long pid, String prefix) {
        List<People> found = new ArrayList<>();
        Pattern bench = Pattern.compile(Pattern.quote(prefix) + "\\d+", Pattern.CASE_INSENSITIVE);
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : fds) {
                Path target;
                try {
                    target = Files.readSymbolicLink(fd);
                } catch (IOException e) {
                    continue; // closed meanwhile
                }
                if (target.getFileName() != null && target.getFileName().toString().equals(TextFiles.DATA_FOLDER_LOCK)) {
                    Path users = target.resolveSibling("users.txt");
                    found.add(new People(users, others(users, bench)));
                }
            }
        } catch (IOException e) {
            return List.of();
        }
        return found;
    }

    private static List<String> others(Path users, Pattern bench) {
        List<String> others = new ArrayList<>();
        try {
            for (String line : TextFiles.readLines(users)) {
                String record = line.strip();
                if (record.isEmpty() || record.startsWith("#")) {
                    continue;
                }
                String name = record.split(" ", 2)[0];
                if (!bench.matcher(name).matches()) {
                    others.add(name);
                }
            }
        } catch (IOException e) {
            // unreadable (owner-only, another user's): nothing to say about it
        }
        return others;
    }
}
