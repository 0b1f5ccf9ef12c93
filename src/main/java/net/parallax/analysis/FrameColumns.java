package net.parallax.analysis;

/** The per-frame results of the analysis pass, one primitive array per field (index i = frame number − 1). */
final class FrameColumns {
    final long[] flags;
    final int[] flowId;
    final int[] relativeSeq;
    final int[] relativeAck;
    /** The frame number of the segment this frame acknowledges exactly (tcp.analysis.acks_frame), or 0. */
    final int[] ackedFrame;
    /**
     * tcp.analysis.bytes_in_flight of a data segment (0 when Wireshark shows none), and tcp.analysis.push_bytes_sent
     * (0 when Wireshark did not count the bytes in flight; shown only beside a non-zero bytes in flight).
     */
    final int[] bytesInFlight;
    final int[] pushBytesSent;
    /** For duplicate ACKs: the number in the run, and the frame number of the ACK repeated. */
    SparseFrames dupAcks = new SparseFrames();
    /** For retransmissions: the frame number of the original, and the time since it (ns). */
    SparseFrames originals = new SparseFrames();
    /** For retransmissions: the time since the previous frame of the flow (ns). */
    SparseFrames idleBefore = new SparseFrames();

    /** The sparse values of the passes that analysed {@code cols}'s frames, merged (see {@link SparseFrames}). */
    void mergeSparse(FrameColumns other) {
        dupAcks = SparseFrames.merge(dupAcks, other.dupAcks);
        originals = SparseFrames.merge(originals, other.originals);
        idleBefore = SparseFrames.merge(idleBefore, other.idleBefore);
    }

    /** Columns that share this one's dense arrays and have sparse values of their own (a second pass's). */
    private FrameColumns(FrameColumns shared) {
        flags = shared.flags;
        flowId = shared.flowId;
        relativeSeq = shared.relativeSeq;
        relativeAck = shared.relativeAck;
        ackedFrame = shared.ackedFrame;
        bytesInFlight = shared.bytesInFlight;
        pushBytesSent = shared.pushBytesSent;
    }

    FrameColumns withOwnSparse() {
        return new FrameColumns(this);
    }

    FrameColumns(int n) {
        flags = new long[n];
        flowId = new int[n];
        relativeSeq = new int[n];
        relativeAck = new int[n];
        ackedFrame = new int[n];
        bytesInFlight = new int[n];
        pushBytesSent = new int[n];
    }
}
