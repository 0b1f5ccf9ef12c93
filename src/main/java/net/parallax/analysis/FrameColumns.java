package net.parallax.analysis;

/** The per-frame results of the analysis pass, one primitive array per field (index i = frame number − 1). */
final class FrameColumns {
    final long[] flags;
    final int[] flowId;
    final int[] relativeSeq;
    final int[] relativeAck;
    final int[] dupAckNumber;
    final int[] dupAckOf;
    final int[] retransmissionOf;
    /** For retransmissions: time since the original (ns). */
    final long[] sinceOriginalNs;
    /** For retransmissions: time since the previous frame of the flow (ns). */
    final long[] idleBeforeNs;

    FrameColumns(int n) {
        flags = new long[n];
        flowId = new int[n];
        relativeSeq = new int[n];
        relativeAck = new int[n];
        dupAckNumber = new int[n];
        dupAckOf = new int[n];
        retransmissionOf = new int[n];
        sinceOriginalNs = new long[n];
        idleBeforeNs = new long[n];
    }
}
