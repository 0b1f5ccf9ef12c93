package net.parallax.workspace.tour;

/** A tour could not be read; the message names the source (file), the step and the field. */
public class TourException extends Exception {
    private final String source;

    public TourException(String source, String message) {
        super(source + ": " + message);
        this.source = source;
    }

    public TourException(String source, String message, Throwable cause) {
        super(source + ": " + message, cause);
        this.source = source;
    }

    public String source() {
        return source;
    }
}
