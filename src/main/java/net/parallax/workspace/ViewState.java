package net.parallax.workspace;

/**
 * What the user was looking at: the visible time range (reference-clock ns; both null for the whole
 * range) and the selected packet (capture id and frame; null for none).
 */
public record ViewState(Long startNs, Long endNs, String selectedCapture, Integer selectedFrame) {
    public static final ViewState NONE = new ViewState(null, null, null, null);

    public ViewState {
        if ((startNs == null) != (endNs == null)) {
            throw new IllegalArgumentException("a visible range needs both a start and an end");
        }
        if (startNs != null && endNs < startNs) {
            throw new IllegalArgumentException("visible range ends before it starts");
        }
        if (selectedCapture != null) {
            Annotation.requireId(selectedCapture, "selected capture");
        }
        if (selectedFrame != null && selectedFrame < 1) {
            throw new IllegalArgumentException("frame numbers start at 1, got " + selectedFrame);
        }
    }
}
