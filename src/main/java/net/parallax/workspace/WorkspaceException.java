package net.parallax.workspace;

import java.io.IOException;
import java.nio.file.Path;

/** A workspace could not be read or written; the message names the file and what is wrong. */
public class WorkspaceException extends IOException {
    private final transient Path file;

    public WorkspaceException(Path file, String message) {
        super(file + ": " + message);
        this.file = file;
    }

    public WorkspaceException(Path file, String message, Throwable cause) {
        super(file + ": " + message, cause);
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
