package net.parallax.align;

import java.util.List;

/**
 * A flow seen at two points: {@code flowA} of capture {@code captureA} (the reference) and {@code flowB}
 * of capture {@code captureB}, flow ids 1-based as in the analysis. {@code endpointsA} and
 * {@code endpointsB} list the two endpoints as each point saw them, in the same order (the first is the
 * source of the reference flow's first packet), so that a NAT shows row by row. {@code seqOffsets} are
 * the TCP sequence number offsets (B − A, signed 32-bit) of the packets sent by the first and by the
 * second endpoint; both 0 without rewriting. {@code score} is the evidence that paired them (matching
 * keys, weighted by how well their timing agrees); {@code matchedFrames} the frames of the reference
 * flow matched in this pair.
 */
public record FlowPair(int captureA, int flowA, int captureB, int flowB, String protocol, boolean translated,
                       List<String> endpointsA, List<String> endpointsB, long seqOffsetFirst, long seqOffsetSecond,
                       double score) {
    public FlowPair {
        endpointsA = List.copyOf(endpointsA);
        endpointsB = List.copyOf(endpointsB);
    }

    public boolean sequenceRewritten() {
        return seqOffsetFirst != 0 || seqOffsetSecond != 0;
    }
}
