package net.parallax.analysis;

/**
 * Sequence-analysis state of one direction of one TCP connection: what Wireshark keeps in its
 * {@code tcp_flow_t} / {@code tcp_analyze_seq_flow_info_t}. Sequence numbers are raw 32-bit values;
 * 0 in {@link #nextSeq} means "not known yet", as in Wireshark.
 */
final class TcpDirection {
    /** Wireshark keeps at most this many unacknowledged segments per direction. */
    static final int MAX_UNACKED = 10000;

    boolean baseSet;
    int baseSeq;

    int nextSeq;
    int nextSeqFrame;
    long nextSeqTimeNs;

    int lastAck;
    long lastAckTimeNs;
    /** The last window value seen; -1 before any (Wireshark starts from G_MAXUINT32, which no 16-bit window equals). */
    long window = -1;

    int dupAckNum;
    int lastNonDupAck;
    int maxSeqToBeAcked;
    /** The analysis bits of the previous segment in this direction. */
    long lastSegmentFlags;
    int lastAckLen;

    int mss = -1;
    /**
     * The window scale shift this side's SYN announced, as Wireshark's {@code win_scale}: -1 while not known
     * (no SYN of this side seen), -2 when the handshake shows that windows are not scaled.
     */
    int windowScale = -1;
    /** True when this side's last segment carried SYN: its window field is not scaled (RFC 7323). */
    boolean lastWasSyn;
    boolean sackPermitted;

    /** Wireshark's valid_bif: off after a segment of this side was not captured, until the peer ACKs again. */
    boolean bifValid = true;
    /** The blocks of this side's last SACK option (Wireshark keeps them until the next one): how many, and their total length. */
    int sackRanges;
    int sackedBytes;
    /** Bytes sent since the last PSH (tcp.analysis.push_bytes_sent), and whether the last data segment had PSH. */
    int pushBytesSent;
    boolean pushSetLast;

    // Unacknowledged segments, oldest first (Wireshark's list has the newest at its head).
    int segCount;
    int[] segFrame = new int[8];
    int[] segSeq = new int[8];
    int[] segNext = new int[8];
    long[] segTimeNs = new long[8];
    /** The segment had a bad TCP checksum, and its data has not been sent again since. */
    boolean[] segBad = new boolean[8];
    /** Segments with a bad checksum whose data the peer acknowledged before it was sent again, and those sent again first. */
    int keptBad;
    int resentBad;
    /** How many listed segments have {@link #segBad} set. */
    int badInList;
    /** Segments added so far (a version of the list), and the list's version and the ACK of the last trim. */
    int added;
    int trimmedVersion = -1;
    int trimmedAck;

    void addSegment(int frame, int seq, int next, long timeNs, boolean bad) {
        if (segCount == segFrame.length) {
            int n = segCount * 2;
            segFrame = java.util.Arrays.copyOf(segFrame, n);
            segSeq = java.util.Arrays.copyOf(segSeq, n);
            segNext = java.util.Arrays.copyOf(segNext, n);
            segTimeNs = java.util.Arrays.copyOf(segTimeNs, n);
            segBad = java.util.Arrays.copyOf(segBad, n);
        }
        segFrame[segCount] = frame;
        segSeq[segCount] = seq;
        segNext[segCount] = next;
        segTimeNs[segCount] = timeNs;
        segBad[segCount] = bad;
        badInList += bad ? 1 : 0;
        segCount++;
        added++;
    }
}
