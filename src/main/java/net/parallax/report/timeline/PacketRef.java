package net.parallax.report.timeline;

/** One packet of one capture: {@code capture} is the capture's position in the workbench, {@code frameIndex} = frame number − 1. */
public record PacketRef(int capture, int frameIndex) {
    public int frameNumber() {
        return frameIndex + 1;
    }
}
