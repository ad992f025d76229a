package org.switchboard.auth;

import java.nio.file.Path;

/** bans.txt cannot be read as one: names the file, the line and what is wrong. */
public final class BanFileException extends Exception {
    private final Path file;

    public BanFileException(Path file, int line, String problem) {
        super(file + ":" + line + ": " + problem);
        this.file = file;
    }

    public BanFileException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
