package net.parallax.workspace.tour;

/** An annotation a step shows on a frame. */
public record TourNote(FrameRef frame, String text) {
    public static final int MAX_TEXT = 2_000;

    public TourNote {
        if (frame == null) {
            throw new IllegalArgumentException("a note needs a frame");
        }
        text = text == null ? "" : text.strip();
        if (text.isEmpty()) {
            throw new IllegalArgumentException("a note needs a text");
        }
        if (text.length() > MAX_TEXT) {
            throw new IllegalArgumentException("note text is longer than " + MAX_TEXT + " characters");
        }
    }
}
