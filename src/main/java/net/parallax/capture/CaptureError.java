package net.parallax.capture;

/**
 * A problem found while reading a capture: the byte offset in the (decompressed) capture data where
 * it was found and what is wrong. Reading keeps every good record before it.
 */
public record CaptureError(long offset, String message) {
    @Override
    public String toString() {
        return "at byte " + offset + ": " + message;
    }
}
