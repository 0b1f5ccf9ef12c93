package net.parallax.filter;

import net.parallax.capture.Capture;
import net.parallax.capture.TcpFlags;

/**
 * Wireshark's per-frame TCP numbers: {@code tcp.stream} (from 0 in order of first appearance) and the
 * relative {@code tcp.seq} / {@code tcp.ack} it shows by default. An analysis that splits reused
 * 5-tuples into several streams supplies its own; {@link #of(Capture)} numbers one stream per
 * 5-tuple, which is what Wireshark does when ports are not reused.
 */
public interface TcpNumbering {
    /** Wireshark's 0-based tcp.stream of frame i + 1, or -1 when the frame has no TCP header. */
    int stream(int i);

    /** The relative sequence number (unsigned 32-bit, held in a long). */
    long relativeSeq(int i);

    /** The relative acknowledgement number; the raw value when the ACK flag is clear, as Wireshark shows it. */
    long relativeAck(int i);

    /**
     * Numbers the capture's TCP frames as Wireshark 4.0 does without port reuse. The base sequence
     * number of a direction is set by its first frame: its sequence number if it is a SYN, else that
     * number − 1 (so a stream picked up mid-way starts at 1); or, before that, by the first ACK seen
     * from the other side (acknowledgement number − 1).
     */
    static TcpNumbering of(Capture capture) {
        int n = capture.frameCount();
        int[] stream = new int[n];
        int[] seq = new int[n];
        int[] ack = new int[n];
        int conversations = capture.conversations().size();
        int[] streamOfConversation = new int[conversations];
        java.util.Arrays.fill(streamOfConversation, -1);
        // Base sequence numbers per conversation direction (index conv * 2 + fromB).
        int[] base = new int[conversations * 2];
        boolean[] baseSet = new boolean[conversations * 2];
        int next = 0;
        for (int i = 0; i < n; i++) {
            if (!capture.isTcp(i)) {
                stream[i] = -1;
                continue;
            }
            int conv = capture.conversationId(i);
            if (streamOfConversation[conv] < 0) {
                streamOfConversation[conv] = next++;
            }
            stream[i] = streamOfConversation[conv];
            int fwd = conv * 2 + (capture.fromB(i) ? 1 : 0);
            int rev = fwd ^ 1;
            int flags = capture.tcpFlags(i);
            if (!baseSet[fwd]) {
                base[fwd] = (flags & TcpFlags.SYN) != 0 ? capture.tcpSeq(i) : capture.tcpSeq(i) - 1;
                baseSet[fwd] = true;
            }
            seq[i] = capture.tcpSeq(i) - base[fwd];
            if ((flags & TcpFlags.ACK) != 0) {
                if (!baseSet[rev]) {
                    base[rev] = capture.tcpAck(i) - 1;
                    baseSet[rev] = true;
                }
                ack[i] = capture.tcpAck(i) - base[rev];
            } else {
                ack[i] = capture.tcpAck(i);
            }
        }
        return new TcpNumbering() {
            @Override
            public int stream(int i) {
                return stream[i];
            }

            @Override
            public long relativeSeq(int i) {
                return Integer.toUnsignedLong(seq[i]);
            }

            @Override
            public long relativeAck(int i) {
                return Integer.toUnsignedLong(ack[i]);
            }
        };
    }
}
