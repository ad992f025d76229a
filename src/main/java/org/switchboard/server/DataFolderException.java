package org.switchboard.server;

import java.nio.file.Path;

/**
 * A data folder the server cannot use: it is a file, cannot be created or written, or another server
 * holds it. The message is one sentence for the operator, naming the folder and what to do.
 */
public final class DataFolderException extends Exception {
    private final Path folder;

    DataFolderException(Path folder, String message) {
        super(message);
        this.folder = folder;
    }

    /** The folder (or file) the problem is about. */
    public Path folder() {
        return folder;
    }
}
