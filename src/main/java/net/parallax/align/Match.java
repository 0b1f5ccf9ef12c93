package net.parallax.align;

import java.util.List;

/**
 * Frames that carried the same bytes at two capture points: {@code framesA} in capture {@code captureA}
 * (the reference, index 0, in a two-way comparison) and {@code framesB} in capture {@code captureB};
 * frame numbers from 1. {@code delaySeconds} is the one-way delay after clock correction, first byte
 * to first byte, in the direction the packet travelled between the two points (B − A for a packet that
 * passed A first, A − B for one that passed B first; B − A where the direction is unknown), so it is
 * positive unless the clocks disagree.
 */
public record Match(int captureA, List<Integer> framesA, int captureB, List<Integer> framesB, MatchKind kind,
                    double delaySeconds) {
    public Match {
        framesA = List.copyOf(framesA);
        framesB = List.copyOf(framesB);
    }
}
