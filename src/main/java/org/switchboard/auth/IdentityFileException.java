package org.switchboard.auth;

import java.nio.file.Path;

/** The identity file cannot be read as one: names the file, the line and what is wrong. */
public final class IdentityFileException extends Exception {
    public IdentityFileException(Path file, int line, String problem) {
        super(file + ":" + line + ": " + problem);
    }

    public IdentityFileException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
    }
}
