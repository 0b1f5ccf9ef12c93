package net.parallax.analysis;

import net.parallax.capture.TcpFlags;

/**
 * TCP sequence analysis of one segment, following the rules of Wireshark's
 * {@code tcp_analyze_sequence_number} (epan/dissectors/packet-tcp.c, 4.0): zero window (probe), lost
 * segment, keep-alive, window update, window full, duplicate ACK, retransmission / fast retransmission / spurious
 * retransmission / out of order. Sequence numbers are raw unsigned 32-bit values compared modulo 2^32.
 * Writes its results into {@link FrameColumns}; allocates nothing per segment.
 */
final class TcpSequenceAnalyzer {
    private static final long FAST_RETRANSMISSION_WINDOW_NS = 20_000_000L;
    private static final long DEFAULT_OUT_OF_ORDER_NS = 3_000_000L;

    private static final long ZERO_WINDOW = AnalysisFlag.ZERO_WINDOW.bit();
    private static final long ZWP = AnalysisFlag.ZERO_WINDOW_PROBE.bit();
    private static final long ZWP_ACK = AnalysisFlag.ZERO_WINDOW_PROBE_ACK.bit();
    private static final long LOST = AnalysisFlag.LOST_SEGMENT.bit();
    private static final long KEEP_ALIVE = AnalysisFlag.KEEP_ALIVE.bit();
    private static final long KEEP_ALIVE_ACK = AnalysisFlag.KEEP_ALIVE_ACK.bit();
    private static final long WINDOW_UPDATE = AnalysisFlag.WINDOW_UPDATE.bit();
    private static final long DUP_ACK = AnalysisFlag.DUPLICATE_ACK.bit();
    private static final long ACK_LOST = AnalysisFlag.ACKED_UNSEEN_SEGMENT.bit();
    private static final long RETRANSMISSION = AnalysisFlag.RETRANSMISSION.bit();
    private static final long FAST = AnalysisFlag.FAST_RETRANSMISSION.bit();
    private static final long SPURIOUS = AnalysisFlag.SPURIOUS_RETRANSMISSION.bit();
    private static final long OUT_OF_ORDER = AnalysisFlag.OUT_OF_ORDER.bit();
    private static final long WINDOW_FULL = AnalysisFlag.WINDOW_FULL.bit();
    private static final long BAD_TCP = AnalysisFlag.BAD_TCP_CHECKSUM.bit();
    /** Marks a bad-checksum segment its receiver kept; the classification confirms it (see CaptureAnalyzer). */
    static final long KEPT = AnalysisFlag.CHECKSUM_ACCEPTED.bit();
    /** How many of the oldest unacknowledged segments a retransmission is compared with. */
    private static final int RESEND_SCAN = 512;

    private static final int SYN_FIN_RST = TcpFlags.SYN | TcpFlags.FIN | TcpFlags.RST;

    private final FrameColumns out;

    TcpSequenceAnalyzer(FrameColumns out) {
        this.out = out;
    }

    // Sequence-space comparisons (RFC 1982 style, as Wireshark's GT_SEQ etc.).
    static boolean gt(int a, int b) {
        return b - a < 0;
    }

    static boolean lt(int a, int b) {
        return a - b < 0;
    }

    static boolean ge(int a, int b) {
        return b - a <= 0;
    }

    static boolean le(int a, int b) {
        return a - b <= 0;
    }

    /**
     * Analyses segment {@code i} (frame i + 1) travelling in direction {@code side} of {@code c}.
     *
     * @param window the raw window field
     */
    void analyze(TcpConnection c, int side, int i, long nowNs, int seq, int ack, int seglen, int flags, int window) {
        TcpDirection fwd = c.dir[side];
        TcpDirection rev = c.dir[1 - side];
        int frame = i + 1;
        long ta = 0;
        boolean noSynFinRst = (flags & SYN_FIN_RST) == 0;
        if ((flags & TcpFlags.ACK) != 0) {
            rev.bifValid = true;
        }

        fwdChecks:
        {
            // Zero window probe: 1 byte at the next expected sequence number while the peer's window is 0.
            if (seglen == 1 && seq == fwd.nextSeq && rev.window == 0) {
                ta |= ZWP;
                break fwdChecks;
            }
            // Zero window: window 0 on a segment without SYN/FIN/RST.
            if (window == 0 && noSynFinRst) {
                ta |= ZERO_WINDOW;
            }
            // Lost segment: starts beyond the highest sequence number seen so far (RST excepted).
            if (fwd.nextSeq != 0 && gt(seq, fwd.nextSeq) && (flags & TcpFlags.RST) == 0) {
                ta |= LOST;
                // the bytes in flight are not known again until the peer acknowledges
                fwd.bifValid = false;
            }
            // Keep-alive: 0 or 1 byte starting one byte before the next expected sequence number.
            if ((seglen == 0 || seglen == 1) && seq == fwd.nextSeq - 1 && noSynFinRst) {
                ta |= KEEP_ALIVE;
            }
            // Window update: empty, same seq/ack as before, a new non-zero window.
            if (seglen == 0 && window != 0 && window != fwd.window && seq == fwd.nextSeq && ack == fwd.lastAck
                    && noSynFinRst) {
                ta |= WINDOW_UPDATE;
            }
            // Window full: data up to the right edge of the peer's last advertised window, once its scaling
            // is known (the window of a SYN segment is never scaled).
            if (seglen > 0 && rev.windowScale != -1 && noSynFinRst) {
                int shift = rev.lastWasSyn || rev.windowScale == -2 ? 0 : rev.windowScale;
                if (seq + seglen == rev.lastAck + ((int) rev.window << shift)) {
                    ta |= WINDOW_FULL;
                }
            }
            // Keep-alive ACK: repeats the previous ACK right after a keep-alive from the peer.
            if (seglen == 0 && window != 0 && window == fwd.window && seq == fwd.nextSeq && ack == fwd.lastAck
                    && (rev.lastSegmentFlags & KEEP_ALIVE) != 0 && noSynFinRst) {
                ta |= KEEP_ALIVE_ACK;
                break fwdChecks;
            }
            // Zero window probe ACK: repeats the previous ACK and the zero window after a probe from the peer.
            if (seglen == 0 && window == 0 && window == fwd.window && seq == fwd.nextSeq && ack == fwd.lastAck
                    && (rev.lastSegmentFlags & ZWP) != 0 && noSynFinRst) {
                ta |= ZWP_ACK;
                break fwdChecks;
            }
            // Duplicate ACK: empty, same window, seq and ack as the previous segment in this direction.
            if (seglen == 0 && window != 0 && window == fwd.window && seq == fwd.nextSeq && ack == fwd.lastAck
                    && noSynFinRst) {
                // After an "ACKed unseen segment" the counter sits at -1: the next duplicate is #1.
                fwd.dupAckNum = fwd.dupAckNum == -1 ? 1 : fwd.dupAckNum + 1;
                ta |= DUP_ACK;
                out.dupAcks.put(i, fwd.dupAckNum, fwd.lastNonDupAck);
            }
        }

        if (ack != fwd.lastAck) {
            fwd.lastNonDupAck = frame;
            fwd.dupAckNum = 0;
        }

        // ACKed unseen segment: acknowledges beyond what the peer was seen to send. The mark then moves to
        // the peer's highest sequence number; while the peer sends only pure ACKs, its duplicate-ACK counter
        // is parked at -1 so that one gap is reported once.
        if (rev.maxSeqToBeAcked != 0 && gt(ack, rev.maxSeqToBeAcked) && (flags & TcpFlags.ACK) != 0) {
            if (lt(rev.maxSeqToBeAcked, rev.nextSeq)) {
                rev.maxSeqToBeAcked = rev.nextSeq;
                ta |= ACK_LOST;
            } else {
                if (rev.dupAckNum == 0) {
                    ta |= ACK_LOST;
                }
                rev.dupAckNum = -1;
            }
        }

        // Retransmission, fast retransmission, spurious retransmission or out of order: a segment with
        // data (or SYN/FIN) that does not advance the sequence number. Keep-alives are none of these.
        boolean seqNotAdvanced = fwd.nextSeq != 0 && lt(seq, fwd.nextSeq);
        boolean synOrFin = (flags & (TcpFlags.SYN | TcpFlags.FIN)) != 0;
        retransmission:
        if ((seglen > 0 || synOrFin) && (ta & KEEP_ALIVE) == 0) {
            // More than one byte starting one byte before nextseq follows a zero window probe: new data.
            if (seglen > 1 && fwd.nextSeq - 1 == seq) {
                seqNotAdvanced = false;
            }
            // Spurious: everything in it was already acknowledged by the peer.
            if (seglen > 0 && rev.lastAck != 0 && le(seq + seglen, rev.lastAck)) {
                ta |= SPURIOUS | RETRANSMISSION;
                recordOriginal(fwd, i, nowNs, seq);
                break retransmission;
            }
            if (!seqNotAdvanced) {
                break retransmission;
            }
            // Fast retransmission: at least two duplicate ACKs for this sequence number, the last within 20 ms.
            long sinceAck = elapsed(nowNs, rev.lastAckTimeNs);
            if (rev.dupAckNum >= 2 && rev.lastAck == seq && sinceAck < FAST_RETRANSMISSION_WINDOW_NS) {
                ta |= FAST | RETRANSMISSION;
                recordOriginal(fwd, i, nowNs, seq);
                break retransmission;
            }
            // Out of order: within the handshake RTT (3 ms without one) of the highest segment so far.
            long sinceHighest = elapsed(nowNs, fwd.nextSeqTimeNs);
            long oooThreshold = c.firstRttNs > 0 ? c.firstRttNs : DEFAULT_OUT_OF_ORDER_NS;
            // (A bare SYN or FIN repeated exactly is a retransmission to tshark, however soon it comes.)
            if (sinceHighest < oooThreshold
                    && (fwd.nextSeq != seq + seglen + (synOrFin ? 1 : 0) || (fwd.lastAckLen == 0 && seglen > 0))) {
                ta |= OUT_OF_ORDER;
                break retransmission;
            }
            ta |= RETRANSMISSION;
            recordOriginal(fwd, i, nowNs, seq);
        }

        int nextseq = seq + seglen;
        if (seglen > 0 && fwd.segCount > 0 && fwd.badInList > 0 && lt(seq, fwd.nextSeq)) {
            // data sent again: the bad-checksum segments it repeats were not kept by the receiver (the oldest
            // unacknowledged ones, where resent data comes from, are looked at — a bounded number)
            int scan = Math.min(fwd.segCount, RESEND_SCAN);
            for (int k = 0; k < scan; k++) {
                if (fwd.segBad[k] && lt(seq, fwd.segNext[k]) && lt(fwd.segSeq[k], nextseq)) {
                    fwd.segBad[k] = false;
                    fwd.badInList--;
                    fwd.resentBad++;
                }
            }
        }
        if ((seglen > 0 || synOrFin) && fwd.segCount < TcpDirection.MAX_UNACKED) {
            if (synOrFin) {
                nextseq += 1;
            }
            fwd.addSegment(frame, seq, nextseq, nowNs, seglen > 0 && (out.flags[i] & BAD_TCP) != 0);
        }
        if (fwd.nextSeq == 0 || gt(nextseq, fwd.nextSeq + (synOrFin ? 1 : 0))) {
            fwd.lastAckLen = seglen;
        }
        if ((gt(nextseq, fwd.nextSeq) || fwd.nextSeq == 0) && (ta & ZWP) == 0) {
            fwd.nextSeq = nextseq;
            fwd.nextSeqFrame = frame;
            fwd.nextSeqTimeNs = nowNs;
        }
        if ((seq == fwd.maxSeqToBeAcked || fwd.maxSeqToBeAcked == 0) && (ta & ZWP) == 0) {
            fwd.maxSeqToBeAcked = fwd.nextSeq;
        }
        fwd.window = window;
        fwd.lastWasSyn = (flags & TcpFlags.SYN) != 0;
        fwd.lastAck = ack;
        fwd.lastAckTimeNs = nowNs;
        fwd.lastSegmentFlags = ta;
        if (seglen != 0 && fwd.segCount > 0 && fwd.bifValid) {
            bytesInFlight(fwd, rev, i, seglen, flags);
        }

        // Forget the peer's segments this ACK covers; trim the ones it covers in part. The oldest segment
        // it acknowledges exactly is Wireshark's tcp.analysis.acks_frame (whatever the ACK flag says).
        int kept = 0;
        int acked = 0;
        if (rev.trimmedVersion == rev.added && rev.trimmedAck == ack) {
            // the list has not changed since it was trimmed with this same ACK (duplicate ACKs): nothing to do
            out.ackedFrame[i] = 0;
            out.flags[i] |= ta;
            return;
        }
        for (int k = 0; k < rev.segCount; k++) {
            int s = rev.segSeq[k];
            int n = rev.segNext[k];
            boolean keep;
            if (ack == n) {
                keep = false;
                if (acked == 0) {
                    acked = rev.segFrame[k];
                }
            } else if (gt(ack, s) && le(ack, n)) {
                s = ack;
                keep = true;
            } else {
                keep = gt(n, ack);
            }
            if (!keep && rev.segBad[k]) {
                rev.badInList--;
                if ((flags & TcpFlags.ACK) != 0) {
                    // acknowledged with a bad checksum and never sent again: the receiver kept it
                    out.flags[rev.segFrame[k] - 1] |= KEPT;
                    rev.keptBad++;
                }
            }
            if (keep) {
                rev.segFrame[kept] = rev.segFrame[k];
                rev.segSeq[kept] = s;
                rev.segNext[kept] = n;
                rev.segTimeNs[kept] = rev.segTimeNs[k];
                rev.segBad[kept] = rev.segBad[k];
                kept++;
            }
        }
        rev.segCount = kept;
        rev.trimmedVersion = rev.added;
        rev.trimmedAck = ack;
        out.ackedFrame[i] = acked;

        out.flags[i] |= ta;
    }

    /**
     * Wireshark's tcp.analysis.bytes_in_flight (its default, payload-based method): the span of this side's
     * unacknowledged segments, from the lowest sequence number to the highest end, less the bytes of the peer's
     * last SACK option, less one for a SYN or FIN; shown when between 0 and 2e9 (32-bit arithmetic). And
     * tcp.analysis.push_bytes_sent: the data since the last segment with PSH, this one included.
     */
    private void bytesInFlight(TcpDirection fwd, TcpDirection rev, int i, int seglen, int flags) {
        long first = Integer.toUnsignedLong(fwd.segSeq[0] - fwd.baseSeq);
        long last = Integer.toUnsignedLong(fwd.segNext[0] - fwd.baseSeq);
        for (int k = 1; k < fwd.segCount; k++) {
            first = Math.min(first, Integer.toUnsignedLong(fwd.segSeq[k] - fwd.baseSeq));
            last = Math.max(last, Integer.toUnsignedLong(fwd.segNext[k] - fwd.baseSeq));
        }
        int inFlight = (int) (last - first);
        if (rev.sackRanges > 0) {
            inFlight -= rev.sackedBytes;
        }
        if (inFlight != 0 && Integer.compareUnsigned(inFlight, 2_000_000_000) < 0) {
            out.bytesInFlight[i] = (flags & (TcpFlags.SYN | TcpFlags.FIN)) != 0 ? inFlight - 1 : inFlight;
        }
        boolean push = (flags & TcpFlags.PSH) != 0;
        if (push && !fwd.pushSetLast) {
            fwd.pushBytesSent += seglen;
        } else if (push || fwd.pushSetLast) {
            fwd.pushBytesSent = seglen;
        } else {
            fwd.pushBytesSent += seglen;
        }
        fwd.pushSetLast = push;
        out.pushBytesSent[i] = fwd.pushBytesSent;
    }

    /** Time from {@code then} to {@code now}; a negative span (frames out of time order) counts as endless, as Wireshark's unsigned arithmetic makes it. */
    private static long elapsed(long now, long then) {
        long t = now - then;
        return t < 0 ? Long.MAX_VALUE : t;
    }

    /**
     * Wireshark's tcp.analysis.rto_frame: the oldest segment of this side not yet acknowledged (Wireshark's
     * "eldest one, which in theory is likely to be the one retransmitted"), or failing that the segment that
     * last advanced the sequence number.
     */
    private void recordOriginal(TcpDirection fwd, int i, long nowNs, int seq) {
        int frame = fwd.segCount > 0 ? fwd.segFrame[0] : fwd.nextSeqFrame;
        long ts = fwd.segCount > 0 ? fwd.segTimeNs[0] : fwd.nextSeqTimeNs;
        out.originals.put(i, frame, frame == 0 ? 0 : nowNs - ts);
    }
}
