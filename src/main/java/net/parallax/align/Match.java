package net.parallax.align;

import java.util.List;

/**
 * Frames that carried the same bytes at two capture points: {@code framesA} in capture {@code captureA}
 * (the reference, index 0, in a two-way comparison) and {@code framesB} in capture {@code captureB};
 * frame numbers from 1. {@code delaySeconds} is the one-way delay after clock correction, first byte
 * to first byte, positive when B saw it later.
 */
public record Match(int captureA, List<Integer> framesA, int captureB, List<Integer> framesB, MatchKind kind,
                    double delaySeconds) {
    public Match {
        framesA = List.copyOf(framesA);
        framesB = List.copyOf(framesB);
    }
}
