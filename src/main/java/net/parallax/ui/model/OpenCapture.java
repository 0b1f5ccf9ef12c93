package net.parallax.ui.model;

import java.nio.file.Path;

import net.parallax.capture.Capture;

/** A capture open in the workbench with its own analysis. */
public record OpenCapture(Path path, Capture capture, PacketFacts facts) {
    public String name() {
        return capture.fileName();
    }
}
