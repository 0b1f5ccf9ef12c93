package net.parallax.workspace.tour;

/** A frame of a capture: the capture's id and the frame number (from 1, as Wireshark counts). */
public record FrameRef(String capture, int frame) {
    public FrameRef {
        TourCapture.requireId(capture, "capture");
        if (frame < 1) {
            throw new IllegalArgumentException("frame numbers start at 1, got " + frame);
        }
    }

    @Override
    public String toString() {
        return capture + " " + frame;
    }
}
