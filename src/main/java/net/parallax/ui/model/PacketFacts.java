package net.parallax.ui.model;

import java.util.List;

import net.parallax.analysis.Finding;

/**
 * What the workbench shows about one capture's own analysis (the seam to {@code net.parallax.analysis}):
 * per-frame AnalysisFlag bits, RTO stalls, relative sequence numbers, flows, findings, and words for the
 * checksum of a frame.
 */
public interface PacketFacts {
    long flags(int frameIndex);

    double rtoStallSeconds(int frameIndex);

    /** The relative TCP sequence number, or -1 when unknown. */
    long relativeSeq(int frameIndex);

    /** Wireshark's "frame#count" of a duplicate ACK (the last ACK it repeats, and how many times), or null. */
    default String dupAck(int frameIndex) {
        return null;
    }

    /** The "[SEQ/ACK analysis]" subtree of a TCP segment ({@link SeqAckAnalysis}), or null. */
    default FieldNode seqAckAnalysis(int frameIndex) {
        return null;
    }

    /** The "[Timestamps]" subtree of a TCP segment or UDP datagram ({@link SeqAckAnalysis#timestamps}), or null. */
    default FieldNode transportTimestamps(int frameIndex) {
        return null;
    }

    /** The "[Stream index: N]" line of a TCP segment or UDP datagram (and TCP's conversation completeness); empty for others. */
    default List<FieldNode> streamLines(int frameIndex) {
        return List.of();
    }

    /**
     * Wireshark's generated lines after a TCP segment's window field ({@link SeqAckAnalysis#windowLines}): the
     * calculated window and the scaling factor; empty when none.
     */
    default List<FieldNode> tcpWindowLines(int frameIndex) {
        return List.of();
    }

    /** The flow id of a frame, or -1. */
    int flowId(int frameIndex);

    List<FlowSummary> flows();

    List<Finding> findings();

    /** The address of the host the capture was taken on, or null when unknown. */
    default String captureHost() {
        return null;
    }

    /** Checksum status and class for the detail tree, e.g. "TCP checksum bad: corrupted in transit"; empty if nothing to say. */
    String checksumText(int frameIndex);

    /** No analysis: nothing flagged, flows from the capture's conversations. */
    static PacketFacts none(net.parallax.capture.Capture capture) {
        List<FlowSummary> flows = FlowSummary.ofConversations(capture);
        return new PacketFacts() {
            @Override
            public long flags(int i) {
                return 0;
            }

            @Override
            public double rtoStallSeconds(int i) {
                return 0;
            }

            @Override
            public long relativeSeq(int i) {
                return -1;
            }

            @Override
            public int flowId(int i) {
                return capture.conversationId(i);
            }

            @Override
            public List<FlowSummary> flows() {
                return flows;
            }

            @Override
            public List<Finding> findings() {
                return List.of();
            }

            @Override
            public String checksumText(int i) {
                return "";
            }
        };
    }
}
