package org.switchboard.console;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * The fingerprints of servers trusted on first use, as ssh keeps known_hosts: a line each,
 * {@code host:port SHA256:...}, in {@code ~/.config/switchboard/known_servers} (or under
 * {@code $XDG_CONFIG_HOME}). Read and appended by the client's main thread only.
 */
public final class KnownServers {
    /** A server's line: its number (from 1) and the fingerprint on it. */
    public record Entry(int line, String fingerprint) { }

    private final Path file;

    public KnownServers(Path file) {
        this.file = file;
    }

    public static Path defaultLocation() {
        String xdg = System.getenv("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
        return base.resolve("switchboard").resolve("known_servers");
    }

    public Path file() {
        return file;
    }

    /** The line of {@code server} ("host:port"), or null when it is not known. */
    public Entry find(String server) throws IOException {
        if (!Files.exists(file)) {
            return null;
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String[] parts = lines.get(i).strip().split("\\s+");
            if (parts.length == 2 && parts[0].equalsIgnoreCase(server)) {
                return new Entry(i + 1, parts[1]);
            }
        }
        return null;
    }

    public void add(String server, String fingerprint) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, server + " " + fingerprint + System.lineSeparator(), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
