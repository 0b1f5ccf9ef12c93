package net.parallax.capture;

import java.nio.file.Path;

/** The one documented failure of the capture readers: nothing at all could be read from the file. */
public class CaptureFormatException extends Exception {
    private final transient Path file;
    private final long offset;

    public CaptureFormatException(Path file, long offset, String message) {
        super(file + ": at byte " + offset + ": " + message);
        this.file = file;
        this.offset = offset;
    }

    public Path file() {
        return file;
    }

    public long offset() {
        return offset;
    }
}
