package org.switchboard.console;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.switchboard.protocol.TextFiles;

/**
 * The console client's saved login tokens, one per server: lines {@code HOST:PORT NAME TOKEN} in
 * {@code ~/.config/switchboard/tokens} (or {@code $XDG_CONFIG_HOME/switchboard/tokens}), owner-only.
 */
public final class TokenFile {
    /** A saved token: who it signs in, and the secret. */
    public record Saved(String name, String token) { }

    private final Path file;

    public TokenFile(Path file) {
        this.file = file;
    }

    public static Path defaultLocation() {
        String xdg = System.getenv("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
        return base.resolve("switchboard").resolve("tokens");
    }

    public Path file() {
        return file;
    }

    public Optional<Saved> find(String server) {
        for (String[] fields : read()) {
            if (fields[0].equals(key(server))) {
                return Optional.of(new Saved(fields[1], fields[2]));
            }
        }
        return Optional.empty();
    }

    public void save(String server, String name, String token) throws IOException {
        write(server, name + " " + token);
    }

    public void forget(String server) throws IOException {
        write(server, null);
    }

    private void write(String server, String value) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String[] fields : read()) {
            if (!fields[0].equals(key(server))) {
                lines.add(String.join(" ", fields));
            }
        }
        if (value != null) {
            lines.add(key(server) + " " + value);
        }
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            text.append(line).append('\n');
        }
        TextFiles.writeAtomically(file, text.toString().getBytes(StandardCharsets.UTF_8), true);
    }

    private List<String[]> read() {
        List<String[]> entries = new ArrayList<>();
        try {
            if (!Files.exists(file)) {
                return entries;
            }
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] fields = line.strip().split(" +");
                if (fields.length == 3) {
                    entries.add(fields);
                }
            }
        } catch (IOException e) {
            // an unreadable token file only means signing in with a password
        }
        return entries;
    }

    private static String key(String server) {
        return server.toLowerCase(Locale.ROOT);
    }
}
