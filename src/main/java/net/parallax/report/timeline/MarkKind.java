package net.parallax.report.timeline;

import net.parallax.analysis.AnalysisFlag;

/**
 * What a packet's mark says on the timeline, ordered from harmless to worst: when several packets
 * share one pixel column the column takes the colour of the worst. Derived from {@link AnalysisFlag} bits.
 */
public enum MarkKind {
    NORMAL("Packet"),
    OFFLOAD("Checksum offload (harmless)"),
    SUPER_FRAME("Super-frame (TSO/GRO)"),
    WINDOW("Zero window / window full"),
    DUP_ACK("Duplicate ACK"),
    /** Never from a capture's own flags: the alignment's REORDERED_BETWEEN_POINTS (see {@link Reordered}). */
    REORDERED("Reordered between points"),
    RETRANSMISSION("Retransmission"),
    LOST_SEGMENT("Previous segment lost"),
    ONLY_HERE("Seen here only (lost/added)"),
    BAD_CHECKSUM("Bad checksum");

    private final String label;

    MarkKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    private static final long BAD = AnalysisFlag.BAD_IP_CHECKSUM.bit() | AnalysisFlag.BAD_TCP_CHECKSUM.bit()
            | AnalysisFlag.BAD_UDP_CHECKSUM.bit();
    private static final long ARTEFACT = AnalysisFlag.CHECKSUM_ARTEFACTS;
    /** The receiver's window stopped the sender: it advertised zero, or the sender filled it. */
    private static final long WINDOW_BITS = AnalysisFlag.ZERO_WINDOW.bit() | AnalysisFlag.WINDOW_FULL.bit();

    /** The worst kind among the flags of one packet. */
    public static MarkKind of(long flags, boolean onlyHere) {
        if ((flags & AnalysisFlag.CHECKSUM_QUOTED.bit()) != 0) {
            // an ICMP error whose quote of a packet has bad checksums: nothing wrong with the message
            flags &= ~(BAD | AnalysisFlag.CHECKSUM_QUOTED.bit());
        }
        if ((flags & BAD) != 0 && (flags & ARTEFACT) == 0) {
            return BAD_CHECKSUM;
        }
        if (onlyHere) {
            return ONLY_HERE;
        }
        if ((flags & AnalysisFlag.LOST_SEGMENT.bit()) != 0) {
            return LOST_SEGMENT;
        }
        if ((flags & AnalysisFlag.RETRANSMISSION.bit()) != 0) {
            return RETRANSMISSION;
        }
        if ((flags & AnalysisFlag.DUPLICATE_ACK.bit()) != 0) {
            return DUP_ACK;
        }
        if ((flags & WINDOW_BITS) != 0) {
            return WINDOW;
        }
        if ((flags & AnalysisFlag.SUPER_FRAME.bit()) != 0) {
            return SUPER_FRAME;
        }
        if ((flags & (BAD | ARTEFACT)) != 0) {
            return OFFLOAD;
        }
        return NORMAL;
    }
}
